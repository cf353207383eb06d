import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ImageRun,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanAttachment } from './attachments.ts';
import { cleanPackage } from './clean-office.ts';
import { ExpansionLimit } from './clean-pdf.ts';
import { stripIsolated } from './isolate.ts';

/** A package cleaned directly (parts a real file of that kind would carry around them are not needed). */
const cleanPackageOf = async (bytes: Uint8Array, kind: 'ooxml' | 'odf') => {
  const out = await cleanPackage(bytes, kind, async (b) => new Uint8Array(await sharp(b).toBuffer()));
  expect(out.residue).toEqual([]);
  return JSZip.loadAsync(out.content);
};

/**
 * Metadata nested inside documents (issue 15 §2): a photo with GPS pasted into a PDF and into a Word file,
 * page-level XMP, annotation authors, JavaScript, attached files, comments, tracked changes, the people
 * list, thumbnails and ZIP times. Fixtures are built here; what survives is read by exiftool, a reader
 * independent of the libraries that clean (CI installs it; without it locally the byte checks still run).
 */
const MAX = 10 * 1024 * 1024;
const AUTHOR = 'Tran Thi Nguoi To Cao';
const PHONE = 'SecretPhone';
const hasExiftool = spawnSync('exiftool', ['-ver']).status === 0;
if (process.env.CI && !hasExiftool) throw new Error('exiftool is required in CI (libimage-exiftool-perl)');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liem-meta-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything exiftool finds, embedded documents and images included, as one JSON text. */
function exif(bytes: Uint8Array, ext: string): string {
  const file = join(dir, `f-${Math.random().toString(36).slice(2)}.${ext}`);
  writeFileSync(file, bytes);
  const r = spawnSync('exiftool', ['-j', '-a', '-G1', '-ee', '-u', file], { encoding: 'utf8' });
  return r.stdout;
}

const gpsJpeg = () =>
  sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Artist: AUTHOR, Make: PHONE, Model: 'Model Bi Mat' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '21/1 1/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '105/1 51/1 0/1',
      },
    })
    .toBuffer();

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** A PDF written by hand, object by object, as a hostile or unusual producer would. */
function rawPdf(objs: Array<string | Buffer>): Buffer {
  const parts = [Buffer.from('%PDF-1.7\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objs.forEach((o, i) => {
    offsets.push(length);
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(b);
    length += b.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}
const stream = (dict: string, data: Buffer) =>
  Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
/** Every part of a package, as text: what a reader unzipping it would search. */
const partsText = async (zip: JSZip): Promise<string> =>
  (
    await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir)
        .map((f) => f.async('string')),
    )
  ).join('\n');

/** Well-formed namespaces for a hand-made part: each prefix it uses and does not declare, declared on its root. */
const KNOWN_NS: Record<string, string> = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  // Word's namespace under another prefix: the rules must follow the namespace, not the spelling.
  ww: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  clbl: 'http://schemas.microsoft.com/office/2020/mipLabelMetadata',
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  draw: 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
  config: 'urn:oasis:names:tc:opendocument:xmlns:config:1.0',
  officeooo: 'http://openoffice.org/2009/office',
  dc: 'http://purl.org/dc/elements/1.1/',
  xlink: 'http://www.w3.org/1999/xlink',
};
function declared(xml: string): string {
  const used = new Set([...xml.matchAll(/[<\s/]([A-Za-z][\w.-]*):[A-Za-z]/g)].map((m) => m[1]!));
  const decls = [...used]
    .filter((p) => p !== 'xmlns' && p !== 'xml' && !new RegExp(`xmlns:${p}=`).test(xml) && KNOWN_NS[p])
    .map((p) => ` xmlns:${p}="${KNOWN_NS[p]}"`)
    .join('');
  return xml.replace(/<(?![?!])([^\s>/]+)/, (m) => m + decls);
}

/**
 * Every JPEG in a PDF's bytes, found without a PDF parser (a DCT stream is a whole JPEG file between
 * "stream" and "endstream"), and every file inside a ZIP: exiftool then reads each one on its own.
 */
function jpegsIn(pdf: Uint8Array): Buffer[] {
  const b = Buffer.from(pdf);
  const out: Buffer[] = [];
  for (let at = b.indexOf('stream'); at >= 0; at = b.indexOf('stream', at + 6)) {
    const start = b.indexOf(Buffer.from([0xff, 0xd8, 0xff]), at);
    if (start < 0 || start > at + 8) continue;
    out.push(b.subarray(start, b.indexOf('endstream', start)));
  }
  return out;
}
/** A PDF's bytes and every stream decoded: what a reader of the file could find. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const parts: string[] = [Buffer.from(bytes).toString('latin1')];
  for (const [, o] of doc.context.enumerateIndirectObjects())
    if (o instanceof PDFRawStream)
      try {
        parts.push(Buffer.from(decodePDFRawStream(o).decode()).toString('latin1'));
      } catch {}
  return parts.join('\n');
}

const exifOfAll = (parts: Buffer[], ext: string) => parts.map((p) => exif(p, ext)).join('\n');

describe.skipIf(!hasExiftool)('the fixtures carry what they should (so the checks below can fail)', () => {
  it('exiftool sees GPS and the author in the photo', async () => {
    const out = exif(await gpsJpeg(), 'jpg');
    expect(out).toContain('GPSLatitude');
    expect(out).toContain(AUTHOR);
  });
});

describe('a PDF is cleaned in depth', () => {
  async function dirtyPdf() {
    const doc = await PDFDocument.create();
    doc.setAuthor(AUTHOR);
    const page = doc.addPage([300, 200]);
    page.drawText('Bien lai chuyen tien', { x: 20, y: 170 });
    const img = await doc.embedJpg(await gpsJpeg());
    page.drawImage(img, { x: 20, y: 20, width: 96, height: 64 });
    const ctx = doc.context;
    // Page-level XMP, an annotation with its author, a script that runs on opening, an attached file.
    const xmp = ctx.register(
      ctx.stream(`<x:xmpmeta><dc:creator>${AUTHOR}</dc:creator></x:xmpmeta>`, {
        Type: 'Metadata',
        Subtype: 'XML',
      }),
    );
    page.node.set(PDFName.of('Metadata'), xmp);
    const annot = ctx.register(
      ctx.obj({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [10, 10, 30, 30],
        Contents: PDFString.of('Ghi chu'),
        T: PDFString.of(AUTHOR),
        M: PDFString.of('D:20261101120000+07'),
      }),
    );
    page.node.set(PDFName.of('Annots'), ctx.obj([annot]));
    doc.catalog.set(
      PDFName.of('OpenAction'),
      ctx.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("theo doi")') }),
    );
    await doc.attach(Buffer.from(`Nguoi gui: ${AUTHOR}`), 'ghi-chu-rieng.txt', { mimeType: 'text/plain' });
    return Buffer.from(await doc.save({ useObjectStreams: false }));
  }

  it('keeps no GPS, camera, author, script, action or attached file, and still opens with its image', async () => {
    const dirty = await dirtyPdf();
    expect(text(dirty)).toContain(AUTHOR);
    expect(jpegsIn(dirty)).toHaveLength(1);
    if (hasExiftool) expect(exifOfAll(jpegsIn(dirty), 'jpg')).toContain('GPSLatitude');
    const clean = await cleanAttachment('bien-lai.pdf', dirty, MAX);
    const raw = text(clean.content);
    for (const gone of [AUTHOR, PHONE, 'JavaScript', 'theo doi', 'ghi-chu-rieng', 'EmbeddedFile', 'Metadata'])
      expect(raw, gone).not.toContain(gone);
    expect(jpegsIn(clean.content)).toHaveLength(1);
    if (hasExiftool) {
      const out = exif(clean.content, 'pdf') + exifOfAll(jpegsIn(clean.content), 'jpg');
      expect(out).not.toContain('GPS');
      expect(out).not.toContain(PHONE);
      expect(out).not.toContain(AUTHOR);
    }
    const reread = await PDFDocument.load(clean.content);
    expect(reread.getPageCount()).toBe(1);
    const resources = reread.getPage(0).node.Resources()!;
    const xobjects = resources.lookup(PDFName.of('XObject'), PDFDict);
    expect(xobjects.keys().length).toBe(1);
    // The sticky note goes with its author: a reviewer's remark is not what the page shows.
    expect(reread.getPage(0).node.Annots()?.size() ?? 0).toBe(0);
  });

  it('also cleans a JPEG behind a Flate filter and drops streams nothing refers to', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    const photo = await gpsJpeg();
    const img = await doc.embedJpg(photo);
    page.drawImage(img, { x: 10, y: 10, width: 48, height: 32 });
    await img.embed();
    const stream = doc.context.lookup(img.ref) as PDFRawStream;
    const dict = stream.dict.clone(doc.context);
    dict.set(PDFName.of('Filter'), doc.context.obj([PDFName.of('FlateDecode'), PDFName.of('DCTDecode')]));
    doc.context.assign(img.ref, PDFRawStream.of(dict, deflateSync(photo)));
    // An XMP packet left over from an earlier revision, referred to by nothing, without a /Type.
    doc.context.register(doc.context.stream(`<?xpacket begin=""?><dc:creator>${AUTHOR}</dc:creator>`));
    const dirty = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(text(dirty)).toContain(AUTHOR);
    const clean = await cleanAttachment('loc.pdf', dirty, MAX);
    expect(text(clean.content)).not.toContain(AUTHOR);
    const jpegs = jpegsIn(clean.content);
    expect(jpegs).toHaveLength(1);
    expect((await sharp(jpegs[0]!).metadata()).exif).toBeUndefined();
    if (hasExiftool) expect(exifOfAll(jpegs, 'jpg')).not.toContain('GPS');
  });

  it("drops signatures (signer, place, certificate), outline scripts and links to the author's disk", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    const ctx = doc.context;
    const sig = ctx.register(
      ctx.obj({
        Type: 'Sig',
        Filter: 'Adobe.PPKLite',
        Name: PDFString.of(AUTHOR),
        ContactInfo: PDFString.of('nguoi.to.cao@example.invalid'),
        Location: PDFString.of('Ha Noi'),
        M: PDFString.of('D:20261101120000+07'),
        ByteRange: [0, 10, 20, 30],
        Contents: PDFString.of('certificate bytes'),
      }),
    );
    const field = ctx.register(
      ctx.obj({
        FT: 'Sig',
        T: PDFString.of('ChuKy1'),
        V: sig,
        Subtype: 'Widget',
        Rect: [0, 0, 0, 0],
        P: page.ref,
      }),
    );
    const link = ctx.register(
      ctx.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 10, 10],
        A: { S: 'URI', URI: PDFString.of('file:///C:/Users/nguyenvannguon/ho-so.docx') },
      }),
    );
    page.node.set(PDFName.of('Annots'), ctx.obj([field, link]));
    const item = ctx.register(
      ctx.obj({
        Title: PDFString.of('Muc 1'),
        A: { S: 'JavaScript', JS: PDFString.of('app.launchURL("x")') },
      }),
    );
    doc.catalog.set(PDFName.of('Outlines'), ctx.obj({ Type: 'Outlines', First: item, Last: item, Count: 1 }));
    const dirty = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(text(dirty)).toContain(AUTHOR);
    const raw = text((await cleanAttachment('ky-so.pdf', dirty, MAX)).content);
    for (const gone of [AUTHOR, 'nguoi.to.cao', 'Ha Noi', 'certificate bytes', 'nguyenvannguon', 'launchURL'])
      expect(raw, gone).not.toContain(gone);
    expect(raw).toContain('ChuKy1'); // the form field keeps its name
  });

  it("drops sticky notes, their pop-ups and remarks on markup, and keeps a text box's visible words", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    const annot = (fields: Record<string, unknown>) =>
      doc.context.register(doc.context.obj({ Type: 'Annot', Rect: [10, 10, 50, 50], ...fields }));
    const popup = annot({ Subtype: 'Popup', Contents: PDFString.of('Ghi chu popup rieng') });
    page.node.set(
      PDFName.of('Annots'),
      doc.context.obj([
        annot({ Subtype: 'Text', Contents: PDFString.of('Ghi chu rieng cua nguoi to cao'), Popup: popup }),
        popup,
        annot({ Subtype: 'Highlight', Contents: PDFString.of('Nhan xet rieng ve doan nay') }),
        annot({ Subtype: 'FreeText', Contents: PDFString.of('Chu hien tren trang') }),
      ]),
    );
    const dirty = Buffer.from(await doc.save({ useObjectStreams: false }));
    const raw = text((await cleanAttachment('ghi-chu.pdf', dirty, MAX)).content);
    for (const gone of ['Ghi chu rieng', 'Ghi chu popup', 'Nhan xet rieng'])
      expect(raw, gone).not.toContain(gone);
    expect(raw).toContain('Chu hien tren trang');
  });

  it('drops private catalog keys, notes hung on private keys, link and redaction remarks, field dates and late XMP', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    const ctx = doc.context;
    doc.catalog.set(PDFName.of('MyAppData'), PDFString.of(`Nguoi soan: ${AUTHOR}`));
    doc.catalog.set(PDFName.of('Threads'), ctx.obj([ctx.obj({ I: { Author: PDFString.of(AUTHOR) } })]));
    page.node.set(
      PDFName.of('MyNotes'),
      ctx.register(
        ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [0, 0, 9, 9], Contents: PDFString.of('Ghi chu an') }),
      ),
    );
    page.node.set(
      PDFName.of('Annots'),
      ctx.obj([
        ctx.register(
          ctx.obj({
            Type: 'Annot',
            Subtype: 'Link',
            Rect: [0, 0, 9, 9],
            Contents: PDFString.of('Nhan xet lien ket'),
          }),
        ),
        ctx.register(
          ctx.obj({
            Type: 'Annot',
            Subtype: 'Redact',
            Rect: [0, 0, 9, 9],
            OverlayText: PDFString.of('Che ten nguoi'),
          }),
        ),
        ctx.register(
          ctx.obj({
            Type: 'Annot',
            Subtype: 'Widget',
            Rect: [0, 0, 9, 9],
            M: PDFString.of('D:20261101120000+07'),
          }),
        ),
      ]),
    );
    const late = `${' '.repeat(5000)}<x:xmpmeta><dc:creator>${AUTHOR}</dc:creator></x:xmpmeta>`;
    page.node.set(PDFName.of('Extra'), ctx.register(ctx.stream(late)));
    const dirty = Buffer.from(await doc.save({ useObjectStreams: false }));
    const raw = text((await cleanAttachment('rieng.pdf', dirty, MAX)).content);
    for (const gone of [
      AUTHOR,
      'Ghi chu an',
      'Nhan xet lien ket',
      'Che ten nguoi',
      'D:20261101',
      'MyAppData',
    ])
      expect(raw, gone).not.toContain(gone);
  });

  it('refuses an inline JPEG drawn in a page (it cannot be rewritten with certainty)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    const inline = Buffer.concat([
      Buffer.from('q 40 0 0 30 10 10 cm BI /W 48 /H 32 /CS /RGB /BPC 8 /F /DCT ID '),
      await gpsJpeg(),
      Buffer.from(' EI Q'),
    ]);
    page.node.addContentStream(doc.context.register(doc.context.stream(inline)));
    await expect(cleanAttachment('anh-trong.pdf', await doc.save(), MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_uncleanable' } } },
    });
  });

  it('refuses, naming the file, what it cannot clean with certainty (a CMYK photo)', async () => {
    const cmyk = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'blue' } })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    const doc = await PDFDocument.create();
    doc.addPage().drawImage(await doc.embedJpg(cmyk), { x: 0, y: 0, width: 8, height: 8 });
    await expect(cleanAttachment('in-mau.pdf', await doc.save(), MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_uncleanable', values: { name: 'in-mau.pdf' } } } },
    });
  });
});

describe('what cannot be cleaned is left out when the reporter asks (issue 15 §2: offer to convert)', () => {
  const refused = (key: string) => ({ details: { fields: { files: { key } } } });
  const cmykJpeg = () =>
    sharp({ create: { width: 8, height: 8, channels: 3, background: 'blue' } })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
  /** A page drawing `content` with a text after it that must survive the cut. */
  async function pageDrawing(content: Buffer) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont('Helvetica');
    const page = doc.addPage([200, 100]);
    page.drawText('Truoc anh', { x: 5, y: 80, size: 10, font });
    page.node.addContentStream(doc.context.register(doc.context.stream(content)));
    page.drawText('Sau anh', { x: 5, y: 5, size: 10, font });
    return doc;
  }
  const inlineJpeg = async (head = '/W 48 /H 32 /CS /RGB /BPC 8 /F /DCT') =>
    Buffer.concat([
      Buffer.from(`q 40 0 0 30 10 10 cm BI ${head} ID `),
      await gpsJpeg(),
      Buffer.from('\nEI Q'),
    ]);
  const drawnText = async (pdf: Uint8Array) => {
    const doc = await PDFDocument.load(pdf);
    return doc
      .getPages()
      .map((p) => {
        const c = p.node.Contents();
        const refs = c && 'asArray' in c ? c.asArray() : [p.node.get(PDFName.of('Contents'))];
        return refs
          .map((r) => doc.context.lookup(r))
          .map((st) => Buffer.from(decodePDFRawStream(st as PDFRawStream).decode()).toString('latin1'))
          .join('\n');
      })
      .join('\n');
  };

  /** Every stream in the file, decoded: what a reader of the file could get at. */
  const everything = async (pdf: Uint8Array) => {
    const doc = await PDFDocument.load(pdf);
    const out: string[] = [];
    for (const [, o] of doc.context.enumerateIndirectObjects())
      if (o instanceof PDFRawStream) {
        try {
          out.push(Buffer.from(decodePDFRawStream(o).decode()).toString('latin1'));
        } catch {
          out.push(Buffer.from(o.contents).toString('latin1'));
        }
      }
    return out.join('\n');
  };

  it('a CMYK photo becomes an empty grey frame and the rest of the file is kept', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawImage(await doc.embedJpg(await cmykJpeg()), { x: 0, y: 0, width: 8, height: 8 });
    doc.addPage().drawImage(await doc.embedJpg(await gpsJpeg()), { x: 0, y: 0, width: 48, height: 32 });
    const bytes = await doc.save();
    await expect(cleanAttachment('in-mau.pdf', bytes, MAX)).rejects.toMatchObject(
      refused('field.file_uncleanable'),
    );
    const out = await cleanAttachment('in-mau.pdf', bytes, MAX, { strip: true });
    expect(out.removed).toEqual(['cmyk_image']);
    const jpegs = jpegsIn(out.content);
    // The CMYK picture is gone; the other photo is still there, re-encoded.
    expect(jpegs).toHaveLength(1);
    expect((await sharp(jpegs[0]!).metadata()).space).toBe('srgb');
    const reread = await PDFDocument.load(out.content);
    expect(reread.getPageCount()).toBe(2);
    if (hasExiftool) expect(exifOfAll(jpegs, 'jpg')).not.toContain('GPS');
  });

  it('an inline JPEG is cut out of the page where its own structure ends; what is drawn around it stays', async () => {
    const doc = await pageDrawing(await inlineJpeg());
    const bytes = await doc.save();
    expect(await everything(bytes)).toContain(PHONE);
    await expect(cleanAttachment('anh-trong.pdf', bytes, MAX)).rejects.toMatchObject(
      refused('field.file_uncleanable'),
    );
    const out = await cleanAttachment('anh-trong.pdf', bytes, MAX, { strip: true });
    expect(out.removed).toEqual(['inline_image']);
    const drawn = await drawnText(out.content);
    expect(drawn).not.toContain('\xff\xd8');
    expect(drawn).not.toMatch(/\bBI\b/);
    expect(drawn).toContain('q 40 0 0 30 10 10 cm');
    expect(drawn).toMatch(/ Q/);
    // Both texts are still drawn (as glyph codes by the standard font: check their operators' count).
    expect(drawn.match(/Tj/g)?.length).toBe(2);
    expect(await everything(out.content)).not.toContain(PHONE);
  });

  it('finds inline JPEGs in tiling patterns too, and keeps inline pictures that are only pixels', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    const pattern = doc.context.register(
      doc.context.stream(await inlineJpeg('/W 48 /H 32 /CS /RGB /BPC 8 /F#69lter /D#43T'), {
        Type: 'Pattern',
        PatternType: 1,
        PaintType: 1,
        TilingType: 1,
        BBox: [0, 0, 50, 50],
        XStep: 50,
        YStep: 50,
        Resources: {},
      }),
    );
    page.node.set(PDFName.of('Resources'), doc.context.obj({ Pattern: { P1: pattern } }));
    // Raw grey pixels drawn inline: no container, nothing hidden.
    page.node.addContentStream(
      doc.context.register(
        doc.context.stream('q 10 0 0 10 0 0 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x10\x20\x30\x40 EI Q'),
      ),
    );
    const bytes = await doc.save();
    expect(await everything(bytes)).toContain(PHONE);
    await expect(cleanAttachment('mau-to.pdf', bytes, MAX)).rejects.toMatchObject(
      refused('field.file_uncleanable'),
    );
    const out = await cleanAttachment('mau-to.pdf', bytes, MAX, { strip: true });
    expect(out.removed).toEqual(['inline_image']);
    expect(await everything(out.content)).not.toContain(PHONE);
    expect(await drawnText(out.content)).toContain('BI /W 2 /H 2');

    const pixelsOnly = await PDFDocument.create();
    pixelsOnly
      .addPage([100, 100])
      .node.addContentStream(
        pixelsOnly.context.register(pixelsOnly.context.stream('BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI')),
      );
    expect((await cleanAttachment('diem-anh.pdf', await pixelsOnly.save(), MAX)).removed).toBeUndefined();
  });

  it('says plainly when even leaving it out cannot be done with certainty (a JPEG behind a hex filter)', async () => {
    const hex = `${(await gpsJpeg()).toString('hex')}>`;
    const doc = await pageDrawing(
      Buffer.from(`q BI /W 48 /H 32 /CS /RGB /BPC 8 /F [/AHx /DCT] ID ${hex} EI Q`),
    );
    await expect(cleanAttachment('hex.pdf', await doc.save(), MAX, { strip: true })).rejects.toMatchObject(
      refused('field.file_uncleanable_strip'),
    );
  });

  it('a Word file loses its OLE object and unreadable picture with every reference to them, and stays a valid package', async () => {
    const zip = await JSZip.loadAsync(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Noi dung giu lai')] }] })),
    );
    zip.file('word/embeddings/oleObject1.bin', Buffer.from('D0CF11E0A1B11AE1', 'hex'));
    zip.file('word/media/image9.emf', Buffer.from('\u0000\u0000\u0000\u0018ftypheic not a metafile'));
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    zip.file(
      'word/_rels/document.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdOle" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/>' +
          '<Relationship Id="rIdEmf" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image9.emf"/></Relationships>',
      ),
    );
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file(
      '[Content_Types].xml',
      types.replace(
        '</Types>',
        '<Override PartName="/word/embeddings/oleObject1.bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/></Types>',
      ),
    );
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(cleanAttachment('co-nhung.docx', bytes, MAX)).rejects.toMatchObject(
      refused('field.file_uncleanable'),
    );
    const out = await cleanAttachment('co-nhung.docx', bytes, MAX, { strip: true });
    expect(out.removed?.sort()).toEqual(['embedded_object', 'unknown_media']);
    const clean = await JSZip.loadAsync(out.content);
    expect(clean.file('word/embeddings/oleObject1.bin')).toBeNull();
    expect(clean.file('word/media/image9.emf')).toBeNull();
    const cleanRels = await clean.file('word/_rels/document.xml.rels')!.async('string');
    expect(cleanRels).not.toMatch(/oleObject1|image9/);
    expect(cleanRels).toContain('styles.xml');
    expect(await clean.file('[Content_Types].xml')!.async('string')).not.toContain('oleObject1');
    expect(await clean.file('word/document.xml')!.async('string')).toContain('Noi dung giu lai');
  });
});

describe('the fourth outside probe: names spelled indirectly, PDF white-space, streams no rule looked at', () => {
  const head = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];
  const page = (extra: string) =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R ${extra} >>`;
  const image = (filter: string) =>
    `/Type /XObject /Width 48 /Height 32 /ColorSpace /DeviceRGB /BitsPerComponent 8 ${filter}`;
  const inline = async (before: string, after: string) =>
    Buffer.concat([
      Buffer.from(`q 48 0 0 32 10 10 cm${before}BI /W 48 /H 32 /CS /RGB /BPC 8 /F /DCT${after}ID `, 'latin1'),
      await gpsJpeg(),
      Buffer.from('\nEI Q', 'latin1'),
    ]);
  const draw = Buffer.from('q 48 0 0 32 10 10 cm /Im1 Do Q', 'latin1');
  /** Every stream decoded, as a reader would; and exiftool on every JPEG found in them. */
  async function leaks(pdf: Uint8Array): Promise<string> {
    const doc = await PDFDocument.load(pdf);
    const all: Buffer[] = [];
    for (const [, o] of doc.context.enumerateIndirectObjects())
      if (o instanceof PDFRawStream)
        try {
          all.push(Buffer.from(decodePDFRawStream(o).decode()));
        } catch {
          all.push(Buffer.from(o.contents));
        }
    const found = all.some((b) => b.includes(PHONE) || b.includes('Exif\0\0') || b.includes(AUTHOR));
    const exif = hasExiftool
      ? exifOfAll(
          all.flatMap((b) => jpegsIn(Buffer.concat([Buffer.from('stream\n'), b]))),
          'jpg',
        )
      : '';
    return found || /GPS|SecretPhone/.test(exif) ? 'leaks' : 'clean';
  }

  const cases: Array<[string, () => Promise<Buffer>]> = [
    [
      'an image whose /Subtype is a reference',
      async () =>
        rawPdf([
          ...head,
          page('/Resources << /XObject << /Im1 5 0 R >> >>'),
          stream('', draw),
          stream(`${image('/Filter /DCTDecode')} /Subtype 6 0 R`, await gpsJpeg()),
          '/Image',
        ]),
    ],
    [
      'an image whose filter is a reference',
      async () =>
        rawPdf([
          ...head,
          page('/Resources << /XObject << /Im1 5 0 R >> >>'),
          stream('', draw),
          stream(`${image('/Filter [6 0 R]')} /Subtype /Image`, await gpsJpeg()),
          '/DCTDecode',
        ]),
    ],
    [
      'an inline JPEG after a NUL',
      async () => rawPdf([...head, page('/Resources << >>'), stream('', await inline('\0', ' '))]),
    ],
    [
      'an inline JPEG whose ID follows a NUL',
      async () => rawPdf([...head, page('/Resources << >>'), stream('', await inline(' ', '\0'))]),
    ],
    [
      'an inline JPEG in a form whose /Subtype is a reference',
      async () =>
        rawPdf([
          ...head,
          page('/Resources << /XObject << /Fm1 5 0 R >> >>'),
          stream('', Buffer.from('/Fm1 Do')),
          stream('/Type /XObject /Subtype 6 0 R /BBox [0 0 200 200]', await inline(' ', ' ')),
          '/Form',
        ]),
    ],
    [
      'an inline JPEG in an appearance stream without /Subtype',
      async () =>
        rawPdf([
          ...head,
          page('/Resources << >> /Annots [5 0 R]'),
          stream('', Buffer.from('')),
          '<< /Type /Annot /Subtype /FreeText /Rect [0 0 100 100] /DA (/Helv 12 Tf 0 g) /AP << /N 6 0 R >> >>',
          stream('/BBox [0 0 100 100]', await inline(' ', ' ')),
        ]),
    ],
    [
      'a photo hung on a private key of the page',
      async () =>
        rawPdf([
          ...head,
          page('/Resources << >> /ZZPrivate 5 0 R'),
          stream('', Buffer.from('')),
          stream('/Filter /DCTDecode', await gpsJpeg()),
        ]),
    ],
  ];
  for (const [what, make] of cases)
    it(`${what}: re-encoded, or refused and left out when asked`, async () => {
      const bytes = await make();
      expect(await leaks(bytes), 'the fixture carries the photo').toBe('leaks');
      const plain = await cleanAttachment('probe.pdf', bytes, MAX).catch(
        (e: { details?: unknown }) => e.details,
      );
      if ('content' in (plain as object))
        expect(await leaks((plain as { content: Uint8Array }).content)).toBe('clean');
      else expect(plain).toMatchObject({ fields: { files: { key: 'field.file_uncleanable' } } });
      const stripped = await cleanAttachment('probe.pdf', bytes, MAX, { strip: true });
      expect(await leaks(stripped.content)).toBe('clean');
    });

  it('an annotation whose /Subtype is a reference loses its author and remark', async () => {
    const bytes = rawPdf([
      ...head,
      page('/Resources << >> /Annots [5 0 R]'),
      stream('', Buffer.from('')),
      `<< /Subtype 6 0 R /Rect [0 0 10 10] /T (${AUTHOR}) /Contents (Ghi chu an) /CreationDate (D:20260101) >>`,
      '/Text',
    ]);
    const out = await cleanAttachment('chu-thich.pdf', bytes, MAX);
    expect(text(out.content)).not.toContain(AUTHOR);
    expect(text(out.content)).not.toContain('Ghi chu an');
  });

  it('Office XML is read by namespace: another prefix, a non-ASCII one, a default namespace, base64 pictures and long preambles change nothing', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const photo = (await gpsJpeg()).toString('base64');
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><document xmlns="${W}" xmlns:wé="${W}"><body><p><wé:ins wé:author="${AUTHOR}"><r><t>giu lai</t></r></wé:ins><del author="x" wé:author="${AUTHOR}"><r><delText>BAN NHAP CU</delText></r></del></p></body></document>`,
    );
    zip.file(
      'word/media/image1.svg',
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="data:image/jpeg;name=p.jpg;base64,${photo}"/><image href="data:image/jpeg;base64&#44;${photo}"/></svg>`,
    );
    zip.file(
      'docProps/props2.xml',
      `<?xml version="1.0"?><!--${' '.repeat(3000)}--><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><cp:lastModifiedBy>${AUTHOR}</cp:lastModifiedBy></cp:coreProperties>`,
    );
    zip.file('word/hidden.xml', `<x:bag xmlns:x="urn:anything"><x:blob>${photo}</x:blob></x:bag>`);
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(cleanAttachment('ban-nhap.docx', bytes, MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_uncleanable' } } },
    });
    zip.remove('word/hidden.xml');
    const out = await JSZip.loadAsync(
      (await cleanAttachment('ban-nhap.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const all = await partsText(out);
    expect(all).not.toContain(AUTHOR);
    expect(all).not.toContain('BAN NHAP CU');
    expect(all).toContain('giu lai');
    const svg = await out.file('word/media/image1.svg')!.async('string');
    const pictures = [...svg.matchAll(/base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    expect(pictures).toHaveLength(2);
    for (const p of pictures) expect((await sharp(p).metadata()).exif).toBeUndefined();
  });

  it('an OpenDocument picture kept as base64 in the text is re-encoded; annotations under another prefix go', async () => {
    const photo = (await gpsJpeg()).toString('base64').replace(/(.{76})/g, '$1\n');
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    zip.file(
      'content.xml',
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dé="http://purl.org/dc/elements/1.1/"><office:body><office:text><text:p>Noi dung<o:annotation><dé:creator>${AUTHOR}</dé:creator><dé:date>2026-01-01</dé:date><text:p>Ghi chu rieng</text:p></o:annotation></text:p><draw:frame><draw:image><office:binary-data>${photo}</office:binary-data></draw:image></draw:frame></office:text></office:body></office:document-content>`,
    );
    const out = await JSZip.loadAsync(
      (
        await cleanAttachment(
          'nhung-anh.odt',
          await zip.generateAsync({
            type: 'nodebuffer',
            mimeType: 'application/vnd.oasis.opendocument.text',
          }),
          MAX,
        )
      ).content,
    );
    const content = await out.file('content.xml')!.async('string');
    expect(content).not.toContain(AUTHOR);
    expect(content).not.toContain('Ghi chu rieng');
    const data = /<office:binary-data>([^<]+)</.exec(content)![1]!;
    const pic = Buffer.from(data, 'base64');
    expect((await sharp(pic).metadata()).format).toBe('jpeg');
    expect((await sharp(pic).metadata()).exif).toBeUndefined();
  });
});

describe('the fifth outside probe: what real producers write, and files that unpack to too much', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const pdfOf = async (build: (doc: PDFDocument) => void) => {
    const doc = await PDFDocument.create();
    doc.addPage([100, 100]);
    build(doc);
    return Buffer.from(await doc.save());
  };

  it("pdfTeX's figure path and info, structure alt texts, private keys and action chains go from a PDF", async () => {
    const bytes = await pdfOf((doc) => {
      const ctx = doc.context;
      const info = ctx.register(
        ctx.obj({ Author: PDFString.of(AUTHOR), Title: PDFString.of('Bao cao mat') }),
      );
      const form = ctx.register(
        ctx.stream('0 0 10 10 re f', {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, 10, 10],
          'PTEX.FileName': PDFString.of('C:/Users/NguyenVanNguon/figures/hinh.pdf'),
          'PTEX.InfoDict': info,
        }),
      );
      const page = doc.getPage(0).node;
      page.set(PDFName.of('Resources'), ctx.obj({ XObject: { Fm1: form }, ZZAuthor: PDFString.of(AUTHOR) }));
      page.set(PDFName.of('ZZPrivate'), PDFString.of(AUTHOR));
      const launch = ctx.obj({ S: 'Launch', F: PDFString.of('C:\\Users\\NguyenVanNguon\\chay.exe') });
      const js = ctx.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("LEAKJS")') });
      const link = ctx.register(
        ctx.obj({
          Type: 'Annot',
          Subtype: 'Link',
          Rect: [0, 0, 10, 10],
          A: ctx.obj({ S: 'URI', URI: PDFString.of('https://thanhtra.gov.vn/'), Next: [launch, js] }),
        }),
      );
      page.set(PDFName.of('Annots'), ctx.obj([link]));
      const elem = ctx.register(
        ctx.obj({
          Type: 'StructElem',
          S: 'Figure',
          P: ctx.obj({}),
          K: 0,
          Alt: PDFString.of('C:\\Users\\NguyenVanNguon\\IMG_1.jpg'),
        }),
      );
      // Word's "Save as PDF" of a table with an Owner column: user properties on a structure element.
      const owned = ctx.register(
        ctx.obj({
          Type: 'StructElem',
          S: 'TD',
          P: elem,
          A: [
            ctx.obj({
              O: 'UserProperties',
              P: [ctx.obj({ N: PDFString.of('Owner'), V: PDFString.of(AUTHOR) })],
            }),
            0,
            ctx.obj({ O: 'Table', ColSpan: 2 }),
          ],
        }),
      );
      doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.obj({ Type: 'StructTreeRoot', K: [elem, owned] }));
    });
    const all = await pdfText(bytes);
    expect(all).toContain('NguyenVanNguon');
    // Dictionaries inside object streams, as pdf-lib reads them back.
    const objects = async (b: Uint8Array) =>
      [...(await PDFDocument.load(b)).context.enumerateIndirectObjects()]
        .map(([, o]) => o.toString())
        .join('\n');
    expect(await objects(bytes)).toContain('/UserProperties');
    const out = await pdfText((await cleanAttachment('latex.pdf', bytes, MAX)).content);
    for (const gone of [
      'NguyenVanNguon',
      AUTHOR,
      'Bao cao mat',
      'LEAKJS',
      'Launch',
      'PTEX',
      'UserProperties',
    ])
      expect(out, gone).not.toContain(gone);
    expect(out).toContain('https://thanhtra.gov.vn/');
    // The table's own attributes stay.
    expect(out).toContain('/ColSpan 2');
  });

  it('a PDF or a Word file that unpacks to gigabytes is refused by name, within its budget', async () => {
    const zeros = deflateSync(Buffer.alloc(150 * 1024 * 1024));
    const bomb = await pdfOf((doc) => {
      const s = doc.context.flateStream(new Uint8Array(0));
      doc.getPage(0).node.addContentStream(doc.context.register(PDFRawStream.of(s.dict, zeros)));
    });
    await expect(cleanAttachment('bom.pdf', bomb, MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_unpacked_too_large', values: { name: 'bom.pdf' } } } },
    });
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file('word/media/pad.dat', Buffer.alloc(150 * 1024 * 1024));
    await expect(
      cleanAttachment(
        'bom.docx',
        await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
        MAX,
      ),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_unpacked_too_large' } } } });
  });

  it("Word fields that show a person or a file's place, bound controls, split and unquoted paths, VML sources go", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    const field = (code: string[], result: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r>${code.map((c) => `<w:r><w:instrText xml:space="preserve">${c}</w:instrText></w:r>`).join('')}<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const body = [
      `<w:p>${field([' AUTHOR '], 'Nguyen Van Nguon')}${field([' FILENAME \\p '], 'C:\\Users\\nguyenvannguon\\bao-cao.docx')}</w:p>`,
      `<w:p>${field([' INCLUDEPICTURE "C:\\\\Users\\\\nguyenvan', 'nguon\\\\anh.jpg" \\d '], 'anh')}</w:p>`,
      `<w:p>${field([' HYPERLINK "file:///C:/Users/nguyenvannguon/a.docx" '], 'lien ket')}${field([' LINK Excel.Sheet.12 C:\\\\Users\\\\nguyenvannguon\\\\so.xlsx '], 'so lieu')}</w:p>`,
      '<w:p><w:fldSimple w:instr=" USERNAME "><w:r><w:t>nguyenvannguon</w:t></w:r></w:fldSimple><w:r><w:t>Giu nguyen</w:t></w:r></w:p>',
      '<w:sdt><w:sdtPr><w:dataBinding w:xpath="/ns1:coreProperties[1]/ns0:creator[1]" w:storeItemID="{6C3C8BC8-F283-45AE-878A-BAB7291924A1}"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Nguyen Van Nguon</w:t></w:r></w:p></w:sdtContent></w:sdt>',
      '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata src="file:///C:/Users/nguyenvannguon/anh.jpg"/></v:shape></w:pict></w:r></w:p>',
    ].join('');
    const doc = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', doc.replace('<w:body>', `<w:body>${body}`));
    const out = await JSZip.loadAsync(
      (await cleanAttachment('truong.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const xml = await out.file('word/document.xml')!.async('string');
    expect(xml).not.toMatch(/nguyenvannguon|Nguyen Van Nguon|nguyenvan|nguon\\\\anh/i);
    expect(xml).toContain('Giu nguyen');
    expect(xml).toContain('lien ket');
    expect(xml).toContain(`xmlns:w="${W}"`);
  });

  it("OpenDocument sender and file-name fields, macros, formulas linking the author's files, and Illustrator data go", async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    zip.file(
      'content.xml',
      `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text><text:p><text:sender-firstname>Nguon</text:sender-firstname><text:sender-phone-private>0912345678</text:sender-phone-private><text:file-name text:display="full">/home/nguyenvannguon/Documents/bao-cao.odt</text:file-name><text:template-name>/home/nguyenvannguon/mau.ott</text:template-name>Noi dung</text:p><table:table-cell table:formula="of:=['file:///home/nguyenvannguon/so.ods'#$Sheet1.A1]"/></office:text></office:body></office:document-content>`,
    );
    zip.file(
      'Basic/Standard/Module1.xml',
      '<script:module xmlns:script="http://openoffice.org/2000/script">REM viet boi Nguyen Van Nguon</script:module>',
    );
    const odt = await JSZip.loadAsync(
      (
        await cleanAttachment(
          'nguoi-gui.odt',
          await zip.generateAsync({
            type: 'nodebuffer',
            mimeType: 'application/vnd.oasis.opendocument.text',
          }),
          MAX,
        )
      ).content,
    );
    const all = await partsText(odt);
    expect(all).not.toMatch(/nguyenvannguon|Nguon|0912345678|Nguyen Van/);
    expect(all).toContain('Noi dung');
    expect(odt.file('Basic/Standard/Module1.xml')).toBeNull();

    const docx = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    const pgf = Buffer.from(`<x:xmpmeta xmlns:x="adobe:ns:meta/">${AUTHOR}</x:xmpmeta>`).toString('base64');
    docx.file(
      'word/media/image1.svg',
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/"><i:pgf id="adobe_illustrator_pgf">${pgf}</i:pgf><rect width="4" height="4" i:knockout="Off"/></svg>`,
    );
    const clean = await JSZip.loadAsync(
      (await cleanAttachment('ai.docx', await docx.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const svg = await clean.file('word/media/image1.svg')!.async('string');
    expect(svg).not.toContain('pgf');
    expect(svg).not.toContain('knockout');
    expect(svg).toContain('<rect');
  });
});

describe('the sixth outside probe: bombs that went around the budget, slow patterns, cloud accounts', () => {
  const tooLarge = { details: { fields: { files: { key: 'field.file_unpacked_too_large' } } } };
  const head = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>',
  ];

  it('a chain of filters (Flate then RunLength) and an object stream that unpack to gigabytes are refused', async () => {
    // RunLength: 257 bytes → 128 copies of one byte; 2.3 million such runs, deflated, make 300 MB.
    const run = Buffer.from([0x81, 0x20]);
    const rl = deflateSync(Buffer.concat([Buffer.alloc(2_400_000 * 2).fill(run), Buffer.from([0x80])]));
    const chain = rawPdf([...head, stream('/Filter [/FlateDecode /RunLengthDecode]', rl)]);
    await expect(cleanAttachment('chuoi.pdf', chain, MAX)).rejects.toMatchObject(tooLarge);
    const objstm = rawPdf([
      ...head,
      stream('', Buffer.from('')),
      stream(
        '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode',
        deflateSync(Buffer.alloc(150 * 1024 * 1024, 0x20)),
      ),
    ]);
    await expect(cleanAttachment('doi-tuong.pdf', objstm, MAX)).rejects.toMatchObject(tooLarge);
  });

  it('a stream of BI tokens without ID, and text full of "data:;a", are read in one pass', async () => {
    const bis = rawPdf([...head, stream('', Buffer.from('BI '.repeat(200_000), 'latin1'))]);
    expect((await cleanAttachment('bi.pdf', bis, MAX)).mime).toBe('application/pdf');
    const zip = await JSZip.loadAsync(
      await Packer.toBuffer(
        new Document({ sections: [{ children: [new Paragraph('data:;a'.repeat(40_000))] }] }),
      ),
    );
    expect(
      (await cleanAttachment('data.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content
        .length,
    ).toBeGreaterThan(0);
  });

  it('XML nested thousands deep is refused, and so is a picture declaring more pixels than any camera', async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file('word/deep.xml', `<a>${'<b>'.repeat(5000)}${'</b>'.repeat(5000)}</a>`);
    await expect(
      cleanAttachment('sau.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX),
    ).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_uncleanable' } } },
    });
    const huge = await sharp({
      create: { width: 9000, height: 7000, channels: 3, background: { r: 0, g: 0, b: 0 } },
    })
      .png()
      .toBuffer();
    await expect(cleanAttachment('lon.png', huge, MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_unreadable' } } },
    });
  });

  it("cloud-account addresses, Calc's earlier values, connection names and a markup tool's private keys go", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    zip.file(
      'word/_rels/document.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdOd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://d.docs.live.net/4f2a9c0b1e7d3a55/Tai%20lieu/bao-cao.docx" TargetMode="External"/><Relationship Id="rIdSp" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://contoso-my.sharepoint.com/personal/nguyen_contoso_vn/Documents/a.docx" TargetMode="External"/></Relationships>',
      ),
    );
    zip.file(
      'word/extra.xml',
      '<x:a xmlns:x="urn:x"><x:alt absoluteUrl="https://d.docs.live.net/4f2a9c0b1e7d3a55/a.xlsx" itemId="01ABCDEF" driveId="b!XYZ"/></x:a>',
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('dam-may.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const all = await partsText(out);
    expect(all).not.toMatch(/4f2a9c0b1e7d3a55|nguyen_contoso_vn|01ABCDEF|b!XYZ/);

    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file(
      'content.xml',
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:tracked-changes><table:cell-content-change table:id="ct1"><table:cell-address table:column="0" table:row="0" table:table="0"/><table:previous><table:change-track-table-cell><text:p>So lieu cu 999</text:p></table:change-track-table-cell></table:previous></table:cell-content-change></table:tracked-changes><table:table table:name="Sheet1"/></office:spreadsheet></office:body></office:document-content>',
    );
    const cleanOds = await JSZip.loadAsync(
      (
        await cleanAttachment(
          'bang.ods',
          await ods.generateAsync({
            type: 'nodebuffer',
            mimeType: 'application/vnd.oasis.opendocument.spreadsheet',
          }),
          MAX,
        )
      ).content,
    );
    expect(await cleanOds.file('content.xml')!.async('string')).not.toContain('So lieu cu');

    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    const ann = doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Square',
        Rect: [0, 0, 10, 10],
        BSIColumnData: [PDFString.of(AUTHOR)],
      }),
    );
    page.node.set(PDFName.of('Annots'), doc.context.obj([ann]));
    const cleaned = await cleanAttachment('danh-dau.pdf', await doc.save(), MAX);
    expect(text(cleaned.content)).not.toContain(AUTHOR);
    expect(text(cleaned.content)).toContain('/Square');
  });
});

describe('the seventh outside probe: many large pictures, encrypted PDFs, links and formulas naming the author', () => {
  it('a package of many highly compressible large pictures is refused once its pixels pass the budget', async () => {
    // 7,740 × 7,740 black pixels (60 megapixels) in a 1-bit PNG of a few kilobytes, 26 times: 1.56 billion.
    const big = await sharp({
      create: { width: 7740, height: 7740, channels: 3, background: { r: 0, g: 0, b: 0 } },
    })
      .png({ palette: true, colours: 2 })
      .toBuffer();
    expect(big.length).toBeLessThan(100_000);
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    for (let i = 0; i < 26; i++) zip.file(`word/media/image${i}.png`, big);
    await expect(
      cleanAttachment(
        'nhieu-anh.docx',
        await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
        MAX,
      ),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_unpacked_too_large' } } } });
  });

  it('an encrypted PDF is refused with a message that says so and how to send it', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([100, 100]);
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    // The trailer of a file with an owner password (the encryption dictionary need not be valid to be seen).
    const encrypted = Buffer.from(
      bytes.toString('latin1').replace('trailer\n<<', 'trailer\n<<\n/Encrypt 9 0 R'),
      'latin1',
    );
    await expect(cleanAttachment('cong-van.pdf', encrypted, MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_encrypted', values: { name: 'cong-van.pdf' } } } },
    });
  });

  it('a PDF link into someone\'s OneDrive goes; a spreadsheet\'s CELL("filename") result goes; glossary comments and PowerPoint tags go', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    const link = doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 10, 10],
        A: { S: 'URI', URI: PDFString.of('https://d.docs.live.net/4f2a9c0b1e7d3a55/bao-cao.docx') },
      }),
    );
    page.node.set(PDFName.of('Annots'), doc.context.obj([link]));
    const pdf = await cleanAttachment('lien-ket.pdf', await doc.save(), MAX);
    expect(text(pdf.content)).not.toContain('4f2a9c0b1e7d3a55');

    const xlsx = new JSZip();
    xlsx.file(
      'xl/worksheets/sheet1.xml',
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="str"><f>CELL("filename",A1)</f><v>C:\\Users\\nguyenvannguon\\[so.xlsx]Sheet1</v></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>',
    );
    xlsx.file(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    );
    const cleanXlsx = await cleanPackageOf(await xlsx.generateAsync({ type: 'uint8array' }), 'ooxml');
    const sheet = await cleanXlsx.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).not.toContain('nguyenvannguon');
    expect(sheet).toContain('<v>42</v>');

    const docx = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    docx.file(
      'word/glossary/comments.xml',
      `<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0"><w:p><w:r><w:t>Ghi chu rieng cua ${AUTHOR}</w:t></w:r></w:p></w:comment></w:comments>`,
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('bang-tu.docx', await docx.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    expect(out.file('word/glossary/comments.xml')).toBeNull();
    const pptx = new JSZip();
    pptx.file(
      'ppt/tags/tag1.xml',
      `<p:tagLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:tag name="LASTSAVEDBY" val="${AUTHOR}"/></p:tagLst>`,
    );
    const cleanPptx = await cleanPackageOf(await pptx.generateAsync({ type: 'uint8array' }), 'ooxml');
    expect(cleanPptx.file('ppt/tags/tag1.xml')).toBeNull();
  });
});

describe('a Word file is cleaned in depth', () => {
  async function dirtyDocx() {
    const photo = await gpsJpeg();
    const doc = new Document({
      creator: AUTHOR,
      lastModifiedBy: AUTHOR,
      comments: {
        children: [
          { id: 0, author: AUTHOR, initials: 'TTN', date: new Date(), children: [new Paragraph('Xem lai')] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new CommentRangeStart(0),
                new TextRun('Noi dung to cao'),
                new CommentRangeEnd(0),
                new TextRun({ children: [new CommentReference(0)] }),
              ],
            }),
            new Paragraph({
              children: [
                new InsertedTextRun({
                  text: 'them vao',
                  id: 1,
                  author: AUTHOR,
                  date: '2026-11-01T10:00:00Z',
                }),
                new DeletedTextRun({ text: 'bo di', id: 2, author: AUTHOR, date: '2026-11-01T10:00:00Z' }),
              ],
            }),
            new Paragraph({
              children: [
                new ImageRun({ type: 'jpg', data: photo, transformation: { width: 48, height: 32 } }),
              ],
            }),
          ],
        },
      ],
    });
    const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
    // What Word itself adds: a thumbnail, the people list, custom XML, a template path, revision ids.
    zip.file('docProps/thumbnail.jpeg', photo);
    const rels = await zip.file('_rels/.rels')!.async('string');
    zip.file(
      '_rels/.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdThumb" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/></Relationships>',
      ),
    );
    zip.file(
      'word/people.xml',
      `<w15:people xmlns:w15="x"><w15:person w15:author="${AUTHOR}"/></w15:people>`,
    );
    zip.file('customXml/item1.xml', `<ho-so><nguoi-soan>${AUTHOR}</nguoi-soan></ho-so>`);
    const docXml = await zip.file('word/document.xml')!.async('string');
    zip.file(
      'word/document.xml',
      docXml.replace('<w:p>', '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3">'),
    );
    // A photo under an unusual name, a vector image with its editor's file name, the template's path on
    // the author's disk, document ids and variables.
    zip.file('word/media/image9.jfif', photo);
    zip.file(
      'word/media/logo.svg',
      declared(
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="x" sodipodi:docname="C:\\Users\\${AUTHOR}\\logo.svg"><metadata><dc:creator>${AUTHOR}</dc:creator></metadata><rect width="4" height="4"/></svg>`,
      ),
    );
    const settings =
      (await zip.file('word/settings.xml')?.async('string')) ??
      '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:settings>';
    zip.file(
      'word/settings.xml',
      settings.replace(
        /<\/w:settings>\s*$/,
        `<w:attachedTemplate r:id="rIdTpl"/><w15:docId w15:val="{1234-ABCD}"/><w:docVars><w:docVar w:name="UserName" w:val="${AUTHOR}"/></w:docVars></w:settings>`,
      ),
    );
    zip.file(
      'word/_rels/settings.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:\\Users\\${AUTHOR}\\Normal.dotm" TargetMode="External"/></Relationships>`,
    );
    return zip.generateAsync({
      type: 'nodebuffer',
      date: new Date('2026-11-01T09:30:00Z'),
    } as JSZip.JSZipGeneratorOptions<'nodebuffer'>);
  }

  it('keeps no author, comment, tracked-change author, people list, thumbnail, custom XML or photo metadata', async () => {
    const dirty = await dirtyDocx();
    const before = await JSZip.loadAsync(dirty);
    const all = async (z: JSZip) =>
      (await Promise.all(Object.values(z.files).map((f) => f.async('string')))).join('\n');
    expect(await all(before)).toContain(AUTHOR);
    const media = async (z: JSZip) =>
      Promise.all(
        Object.keys(z.files)
          .filter((n) => /media\/.*\.(jpe?g|jfif)$/.test(n))
          .map((n) => z.file(n)!.async('nodebuffer')),
      );
    if (hasExiftool) expect(exifOfAll(await media(before), 'jpg')).toContain('GPSLatitude');

    const clean = await cleanAttachment('to-cao.docx', dirty, MAX);
    const after = await JSZip.loadAsync(clean.content);
    const names = Object.keys(after.files);
    expect(names.filter((n) => /thumbnail|people|customXml|comments/.test(n))).toEqual([]);
    const everything = await all(after);
    for (const gone of [
      AUTHOR,
      'TTN',
      'Xem lai',
      'bo di',
      'rsidR',
      '2026-11-01T10:00:00Z',
      'Normal.dotm',
      '1234-ABCD',
      'sodipodi',
    ])
      expect(everything, gone).not.toContain(gone);
    const document = await after.file('word/document.xml')!.async('string');
    expect(document).toContain('Noi dung to cao');
    expect(document).toContain('them vao');
    // Relationships and content types name only parts that are still there.
    for (const rel of names.filter((n) => n.endsWith('.rels'))) {
      const xml = await after.file(rel)!.async('string');
      expect(xml, rel).not.toMatch(/thumbnail|people\.xml|comments\.xml|customXml/);
    }
    expect(await after.file('[Content_Types].xml')!.async('string')).not.toMatch(/comments|people/);
    // The photo inside lost its EXIF; every entry carries the same fixed time.
    const photos = names.filter((n) => /^word\/media\/.*\.(jpe?g|jfif|png)$/.test(n) && !after.files[n]!.dir);
    expect(photos.length).toBeGreaterThan(0);
    for (const photo of photos)
      expect((await sharp(await after.file(photo)!.async('nodebuffer')).metadata()).exif).toBeUndefined();
    expect(
      new Set(
        Object.values(after.files)
          .filter((f) => !f.dir)
          .map((f) => f.date.getUTCFullYear()),
      ),
    ).toEqual(new Set([1980]));
    if (hasExiftool) {
      const out = exif(clean.content, 'docx') + exifOfAll(await media(after), 'jpg');
      expect(out).not.toContain('GPS');
      expect(out).not.toContain(PHONE);
      expect(out).not.toContain(AUTHOR);
    }
  });

  it('scrubs local paths from links, field codes and mail merge, and finds a photo by its content', async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    const docXml = await zip.file('word/document.xml')!.async('string');
    zip.file(
      'word/document.xml',
      docXml.replace(
        '</w:body>',
        '<w:p><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "C:\\\\Users\\\\nguyenvannguon\\\\anh.jpg" \\* MERGEFORMAT </w:instrText></w:r></w:p></w:body>',
      ),
    );
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    zip.file(
      'word/_rels/document.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="\\\\fs01\\home\\nguyenvannguon\\so-sach.xlsx" TargetMode="External"/><Relationship Id="rIdW" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://thanhtra.gov.vn/" TargetMode="External"/></Relationships>',
      ),
    );
    zip.file(
      'word/settings.xml',
      '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:mailMerge><w:connectString w:val="Data Source=C:\\Users\\nguyenvannguon\\ds.xlsx;Workstation ID=NGUYENVANNGUON-PC"/></w:mailMerge></w:settings>',
    );
    zip.file('word/pics/photo.img', await gpsJpeg());
    const clean = await cleanAttachment(
      'duong-dan.docx',
      await zip.generateAsync({ type: 'nodebuffer' }),
      MAX,
    );
    const out = await JSZip.loadAsync(clean.content);
    const everything = await partsText(out);
    expect(everything).not.toMatch(/nguyenvannguon|NGUYENVANNGUON/i);
    expect(everything).toContain('https://thanhtra.gov.vn/');
    expect(
      (await sharp(await out.file('word/pics/photo.img')!.async('nodebuffer')).metadata()).exif,
    ).toBeUndefined();
  });

  it('refuses a Word file with an embedded OLE object, naming it', async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file('word/embeddings/oleObject1.bin', Buffer.from('D0CF11E0A1B11AE1', 'hex'));
    await expect(
      cleanAttachment('co-nhung.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_uncleanable' } } } });
  });
  const emptyDocx = async () =>
    JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
  const refused = { details: { fields: { files: { key: 'field.file_uncleanable' } } } };

  it('refuses a part it does not know, and a picture that only calls itself a metafile', async () => {
    const unknown = await emptyDocx();
    unknown.file('word/custom/blob.dat', Buffer.from('ftypheic some phone picture'));
    await expect(
      cleanAttachment('la.docx', await unknown.generateAsync({ type: 'nodebuffer' }), MAX),
    ).rejects.toMatchObject(refused);
    const renamed = await emptyDocx();
    renamed.file('word/media/image9.emf', Buffer.from('\u0000\u0000\u0000\u0018ftypheic not a metafile'));
    await expect(
      cleanAttachment('anh.docx', await renamed.generateAsync({ type: 'nodebuffer' }), MAX),
    ).rejects.toMatchObject(refused);
  });

  it('drops what the second outside probe found: labels, editors, picture names, a photo named .xml, capitalised custom XML', async () => {
    const zip = await emptyDocx();
    zip.file('CustomXml/item2.xml', `<root>${AUTHOR}</root>`);
    zip.file(
      'docMetadata/LabelInfo.xml',
      declared('<clbl:labelList><clbl:label siteId="7f1a-tenant-id"/></clbl:labelList>'),
    );
    zip.file('word/media/image1.xml', await gpsJpeg());
    const doc = await zip.file('word/document.xml')!.async('string');
    zip.file(
      'word/document.xml',
      declared(
        doc.replace(
          '<w:body>',
          `<w:body><w:p><w:permStart w:id="1" w:ed="nguoi.sua@contoso.vn"/><w:r><w:drawing><wp:inline><wp:docPr id="1" name="IMG_20261201_093000.jpg" descr="IMG_20261201_093000.jpg ${AUTHOR}"/><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="IMG_20261201_093000.jpg" descr="x"/></pic:nvPicPr></pic:pic></wp:inline></w:drawing></w:r></w:p>`,
        ),
      ),
    );
    const clean = await cleanAttachment(
      'bang-chung.docx',
      await zip.generateAsync({ type: 'nodebuffer' }),
      MAX,
    );
    const out = await JSZip.loadAsync(clean.content);
    const names = Object.keys(out.files);
    expect(names.filter((n) => /customxml|docmetadata/i.test(n))).toEqual([]);
    const text = (await Promise.all(Object.values(out.files).map((f) => f.async('string')))).join('\n');
    for (const gone of [AUTHOR, 'tenant-id', 'contoso.vn', 'IMG_20261201'])
      expect(text, gone).not.toContain(gone);
    const photo = await out.file('word/media/image1.xml')!.async('nodebuffer');
    expect((await sharp(photo).metadata()).exif).toBeUndefined();
  });

  it('is not stepped around by single quotes, spaces, other prefixes, moved properties or pictures inside drawings (third probe)', async () => {
    const zip = await emptyDocx();
    const doc = await zip.file('word/document.xml')!.async('string');
    zip.file(
      'word/document.xml',
      declared(
        doc.replace(
          '<w:body>',
          `<w:body><w:p><w:permStart w:id='2' w:ed = 'nguoi.sua@contoso.vn'/><w:r ww:author="${AUTHOR}" w:rsidR='00AB12CD'><w:drawing><wp:docPr id='3' name='IMG_20261201_093000.jpg' descr = "${AUTHOR}"/></w:drawing><w:pict><v:shape o:title="IMG_20261201_093000" alt="${AUTHOR}"/></w:pict></w:r><w:hyperlink r:id="x"/></w:p>`,
        ),
      ),
    );
    zip.file(
      'meta/core1.xml',
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator xml:lang="vi">${AUTHOR}</dc:creator><cp:lastModifiedBy>${AUTHOR}</cp:lastModifiedBy></cp:coreProperties>`,
    );
    zip.file('DocProps/App.xml', `<Properties><Company>${AUTHOR}</Company></Properties>`);
    const photo = (await gpsJpeg()).toString('base64');
    zip.file(
      'word/media/drawing1.svg',
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><title>${AUTHOR}</title><desc>${AUTHOR}</desc><a xlink:href="file:///C:/Users/nguyenvannguon/a.jpg"/><image href="data:image/jpeg;base64,${photo}"/></svg>`,
    );
    const clean = await cleanAttachment(
      'bien-the.docx',
      await zip.generateAsync({ type: 'nodebuffer' }),
      MAX,
    );
    const out = await JSZip.loadAsync(clean.content);
    const text = (await Promise.all(Object.values(out.files).map((f) => f.async('string')))).join('\n');
    for (const gone of [AUTHOR, 'contoso.vn', 'IMG_20261201', '00AB12CD', 'nguyenvannguon'])
      expect(text, gone).not.toContain(gone);
    const svg = await out.file('word/media/drawing1.svg')!.async('string');
    const inner = Buffer.from(/base64,([A-Za-z0-9+/=]+)/.exec(svg)![1]!, 'base64');
    expect((await sharp(inner).metadata()).exif).toBeUndefined();
  });

  it("drops the pivot table's refresher from a workbook and an OpenDocument's saved versions and author fields", async () => {
    const wb = new JSZip();
    wb.file('[Content_Types].xml', '<Types/>');
    wb.file(
      'xl/pivotCache/pivotCacheDefinition1.xml',
      `<pivotCacheDefinition refreshedBy="${AUTHOR}" refreshedDate="46000"/>`,
    );
    const x = await cleanPackageOf(await wb.generateAsync({ type: 'nodebuffer' }), 'ooxml');
    expect(await x.file('xl/pivotCache/pivotCacheDefinition1.xml')!.async('string')).not.toContain(AUTHOR);
    const odt = new JSZip();
    odt.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    odt.file(
      'VersionList.xml',
      `<VL:version-list><VL:version-entry VL:creator="${AUTHOR}"/></VL:version-list>`,
    );
    odt.file(
      'settings.xml',
      declared(
        `<config:config-item config:name="PrintFaxName" config:type="string">${AUTHOR}</config:config-item>`,
      ),
    );
    odt.file(
      'content.xml',
      declared(
        `<text:p officeooo:rsid="0012ab"><text:author-name text:fixed="true">${AUTHOR}</text:author-name></text:p>`,
      ),
    );
    const o = await cleanPackageOf(await odt.generateAsync({ type: 'nodebuffer' }), 'odf');
    expect(Object.keys(o.files)).not.toContain('VersionList.xml');
    const text = (await Promise.all(Object.values(o.files).map((f) => f.async('string')))).join('\n');
    for (const gone of [AUTHOR, '0012ab']) expect(text, gone).not.toContain(gone);
  });

  it('cleans an OpenDocument whose manifest names a DTD (AbiWord), and its RDF metadata about people (26th probe)', async () => {
    const odt = new JSZip();
    odt.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    const manifest = (entries: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" "Manifest.dtd">\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>${entries}</manifest:manifest>`;
    odt.file(
      'META-INF/manifest.xml',
      manifest(
        '<manifest:file-entry manifest:full-path="manifest.rdf" manifest:media-type="application/rdf+xml"/><manifest:file-entry manifest:full-path="meta/people.rdf" manifest:media-type="application/rdf+xml"/>',
      ),
    );
    odt.file(
      'content.xml',
      declared(
        '<office:document-content><office:body><office:text><text:p>Noi dung</text:p></office:text></office:body></office:document-content>',
      ),
    );
    const people = `<rdf:Description rdf:about="#nguoi"><foaf:name>${AUTHOR}</foaf:name><foaf:mbox rdf:resource="mailto:nguon@example.vn"/><vcard:tel>${PHONE}</vcard:tel></rdf:Description>`;
    const rdf = (body: string) =>
      `<?xml version="1.0" encoding="utf-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">${body}</rdf:RDF>`;
    odt.file(
      'manifest.rdf',
      rdf(
        `<rdf:Description rdf:about="content.xml"><rdf:type rdf:resource="http://docs.oasis-open.org/ns/office/1.2/meta/odf#ContentFile"/></rdf:Description><rdf:Description rdf:about="meta/people.rdf"><rdf:type rdf:resource="http://docs.oasis-open.org/ns/office/1.2/meta/pkg#MetadataFile"/></rdf:Description>${people}`,
      ),
    );
    odt.file('meta/people.rdf', rdf(people));
    const bytes = await odt.generateAsync({ type: 'nodebuffer' });
    for (const strip of [false, true]) {
      const out = await cleanPackage(bytes, 'odf', async (b) => b, { strip });
      expect(out.residue, `strip ${strip}`).toEqual([]);
      const clean = await JSZip.loadAsync(out.content);
      expect(clean.file('meta/people.rdf')).toBeNull();
      const all = await partsText(clean);
      for (const gone of [AUTHOR, PHONE, 'nguon@example.vn', 'DOCTYPE', 'people.rdf'])
        expect(all).not.toContain(gone);
      expect(await clean.file('manifest.rdf')!.async('string')).toContain('odf#ContentFile');
    }
    // A DTD that declares entities is still refused.
    odt.file(
      'META-INF/manifest.xml',
      manifest('').replace('"Manifest.dtd">', '"Manifest.dtd" [<!ENTITY who "x">]>'),
    );
    const withEntities = await cleanPackage(
      await odt.generateAsync({ type: 'nodebuffer' }),
      'odf',
      async (b) => b,
    );
    expect(withEntities.residue).toContain('unknown_part');
  });

  it("drops a signature (the signer's certificate) and keeps embedded fonts and real metafiles", async () => {
    const zip = await emptyDocx();
    zip.file(
      '_xmlsignatures/sig1.xml',
      `<Signature><X509SubjectName>CN=${AUTHOR}</X509SubjectName></Signature>`,
    );
    zip.file('_xmlsignatures/origin.sigs', '');
    const rels = await zip.file('_rels/.rels')!.async('string');
    zip.file(
      '_rels/.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rSig" Type="http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin" Target="_xmlsignatures/origin.sigs"/></Relationships>',
      ),
    );
    // An embedded font as Word writes it: a TrueType file whose first 32 bytes are XORed with its key.
    const fontKey = '{2C9D0D5A-3B1E-4F7A-9C8B-1D2E3F4A5B6C}';
    const keyBytes = Buffer.from(fontKey.replace(/[{}-]/g, ''), 'hex');
    const obfuscate = (b: Buffer) => {
      const o = Buffer.from(b);
      for (let i = 0; i < 32; i++) o[i] = o[i]! ^ keyBytes[15 - (i % 16)]!;
      return o;
    };
    zip.file(
      'word/fontTable.xml',
      `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:font w:name="Lien"><w:embedRegular r:id="rId1" w:fontKey="${fontKey}"/></w:font></w:fonts>`,
    );
    zip.file('word/fonts/font1.odttf', obfuscate(sfntOf({ 1: 'Lien', 2: 'Regular' })));
    const emf = emfOf('', []);
    zip.file('word/media/image1.emf', emf);
    const clean = await cleanAttachment('ky-so.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX);
    const out = await JSZip.loadAsync(clean.content);
    const names = Object.keys(out.files);
    expect(names.filter((n) => n.startsWith('_xmlsignatures'))).toEqual([]);
    expect(await out.file('_rels/.rels')!.async('string')).not.toContain('_xmlsignatures');
    expect(names).toContain('word/fonts/font1.odttf');
    expect(names).toContain('word/media/image1.emf');
    const everything = (await Promise.all(Object.values(out.files).map((f) => f.async('string')))).join('\n');
    expect(everything).not.toContain(AUTHOR);
    // What only calls itself a font or a metafile is refused: a photo obfuscated like a font, a metafile
    // carrying a photo with its EXIF in a record.
    const photo = await gpsJpeg();
    for (const [part, bytes] of [['word/fonts/font2.odttf', obfuscate(photo)]] as const) {
      const bad = await JSZip.loadAsync(await zip.generateAsync({ type: 'nodebuffer' }));
      bad.file(part, bytes);
      await expect(
        cleanAttachment('gia.docx', await bad.generateAsync({ type: 'nodebuffer' }), MAX),
        part,
      ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_uncleanable' } } } });
    }
    // A photo hidden after a metafile's end record is not part of the picture: blanked.
    const hidden = await JSZip.loadAsync(await zip.generateAsync({ type: 'nodebuffer' }));
    hidden.file('word/media/image2.emf', Buffer.concat([emf, photo]));
    const kept = await JSZip.loadAsync(
      (await cleanAttachment('gia.docx', await hidden.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const image2 = Buffer.from(await kept.file('word/media/image2.emf')!.async('uint8array'));
    expect(image2.subarray(emf.length).every((b) => b === 0)).toBe(true);
  });
});

describe('an OpenDocument file is cleaned in depth', () => {
  it('keeps no author in meta, annotations, tracked changes or thumbnail, and stays a valid package', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    zip.file(
      'META-INF/manifest.xml',
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/></manifest:manifest>',
    );
    zip.file(
      'meta.xml',
      declared(
        `<office:document-meta><office:meta><dc:creator>${AUTHOR}</dc:creator></office:meta></office:document-meta>`,
      ),
    );
    zip.file(
      'content.xml',
      declared(
        `<office:document-content><office:body><office:text><text:tracked-changes><text:changed-region><text:insertion><office:change-info><dc:creator>${AUTHOR}</dc:creator><dc:date>2026-11-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes><text:p>Noi dung<office:annotation><dc:creator>${AUTHOR}</dc:creator><text:p>Ghi chu rieng</text:p></office:annotation></text:p></office:text></office:body></office:document-content>`,
      ),
    );
    zip.file(
      'Thumbnails/thumbnail.png',
      await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
        .png()
        .toBuffer(),
    );
    const dirty = await zip.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/vnd.oasis.opendocument.text',
    });
    const clean = await cleanAttachment('van-ban.odt', dirty, MAX);
    expect(clean.mime).toBe('application/vnd.oasis.opendocument.text');
    const out = await JSZip.loadAsync(clean.content);
    expect(Object.keys(out.files)[0]).toBe('mimetype');
    expect(Object.keys(out.files).some((n) => n.startsWith('Thumbnails'))).toBe(false);
    const everything = (await Promise.all(Object.values(out.files).map((f) => f.async('string')))).join('\n');
    for (const gone of [AUTHOR, 'Ghi chu rieng', '2026-11-01T10:00:00', 'thumbnail.png'])
      expect(everything, gone).not.toContain(gone);
    expect(await out.file('content.xml')!.async('string')).toContain('Noi dung');
  });

  it('drops deleted tracked text and local links, and accepts chart previews', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    zip.file('META-INF/manifest.xml', '<manifest:manifest xmlns:manifest="x"/>');
    zip.file(
      'content.xml',
      declared(
        '<office:document-content><office:body><office:text><text:tracked-changes><text:changed-region><text:deletion><text:p>DA XOA toi la Nguyen Van Nguon</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p><text:a xlink:href="file:///C:/Users/nguyenvannguon/a.odt">lien ket</text:a><draw:image xlink:href="Pictures/1.png"/></text:p></office:text></office:body></office:document-content>',
      ),
    );
    zip.file('ObjectReplacements/Object 1', Buffer.from('VCLMTF\u0001\u0000 a metafile'));
    const dirty = await zip.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/vnd.oasis.opendocument.text',
    });
    const clean = await cleanAttachment('bieu-do.odt', dirty, MAX);
    const content = await (await JSZip.loadAsync(clean.content)).file('content.xml')!.async('string');
    expect(content).not.toMatch(/DA XOA|nguyenvannguon/);
    expect(content).toContain('Pictures/1.png');
  });
});

describe('the eighth outside probe: pictures written percent-encoded, colour profiles, what producers keep beside the drawing', () => {
  /** An ICC profile (v2) with a description, a copyright, a maker's description and a white point. */
  const iccProfile = () => {
    const desc = (s: string) => {
      const ascii = Buffer.from(`${s}\0`, 'latin1');
      const uni = Buffer.from(`${s}\0`, 'utf16le').swap16();
      const b = Buffer.alloc(12 + ascii.length + 8 + uni.length + 3 + 67);
      b.write('desc', 0, 'latin1');
      b.writeUInt32BE(ascii.length, 8);
      ascii.copy(b, 12);
      b.writeUInt32BE(s.length + 1, 12 + ascii.length + 4);
      uni.copy(b, 12 + ascii.length + 8);
      return b;
    };
    const textTag = (s: string) =>
      Buffer.concat([Buffer.from('text\0\0\0\0', 'latin1'), Buffer.from(`${s}\0`)]);
    const xyz = Buffer.concat([
      Buffer.from('XYZ \0\0\0\0', 'latin1'),
      Buffer.from([0, 0, 0xf6, 0xd6, 0, 1, 0, 0, 0, 0, 0xd3, 0x2d]),
    ]);
    const tags: Array<[string, Buffer]> = [
      ['desc', desc(`Display of ${AUTHOR} MacBook`)],
      ['cprt', textTag(`Copyright ${AUTHOR}`)],
      ['dmnd', desc(`${PHONE} serial 12345`)],
      ['wtpt', xyz],
    ];
    let at = 128 + 4 + tags.length * 12;
    const table = Buffer.alloc(4 + tags.length * 12);
    table.writeUInt32BE(tags.length, 0);
    const bodies: Buffer[] = [];
    tags.forEach(([sig, body], i) => {
      table.write(sig, 4 + i * 12, 'latin1');
      table.writeUInt32BE(at, 8 + i * 12);
      table.writeUInt32BE(body.length, 12 + i * 12);
      const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
      bodies.push(padded);
      at += padded.length;
    });
    const header = Buffer.alloc(128);
    header.writeUInt32BE(at, 0);
    header.write('mntrRGB XYZ ', 12, 'latin1');
    header.write('acsp', 36, 'latin1');
    header.write('APPL', 48, 'latin1');
    header.write('SERI', 52, 'latin1');
    header.writeUInt32BE(0x02100000, 8);
    return Buffer.concat([header, table, ...bodies]);
  };

  it('a photo written as a percent-encoded data: address is re-encoded; a picture of another kind so written is refused', async () => {
    const photo = await gpsJpeg();
    const percent = [...photo].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file(
      'word/media/image9.svg',
      `<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/jpeg,${percent}"/><text>giu lai</text></svg>`,
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('anh.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const svg = await out.file('word/media/image9.svg')!.async('string');
    expect(svg).not.toContain('%FF%D8');
    const [picture] = [...svg.matchAll(/data:image\/jpeg;base64,([A-Za-z0-9+/=]+)/g)].map((m) =>
      Buffer.from(m[1]!, 'base64'),
    );
    expect((await sharp(picture!).metadata()).exif).toBeUndefined();
    expect(text(picture!)).not.toContain(PHONE);
    // An SVG inside the SVG (its own metadata) cannot be read as a picture: refused, not passed through.
    zip.file(
      'word/media/image9.svg',
      `<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml,%3Csvg%3E%3Cmetadata%3E${PHONE}%3C/metadata%3E%3C/svg%3E"/></svg>`,
    );
    await expect(
      cleanAttachment('anh.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_uncleanable' } } } });
  });

  it('base64 that is not a picture is kept however much of it there is; a picture hidden in it is still found', async () => {
    const noise = Buffer.alloc(150, 7).toString('base64');
    const runs = Array.from({ length: 5000 }, (_, i) => `<w:p><w:r><w:t>${noise}${i}</w:t></w:r></w:p>`).join(
      '',
    );
    const photo = (await gpsJpeg()).toString('base64');
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    const body = (extra: string) =>
      declared(
        `<w:document><w:body><w:p><w:r><w:t>data:image/jpeg;base64,${photo}</w:t></w:r></w:p>${runs}${extra}</w:body></w:document>`,
      );
    zip.file('word/document.xml', body(''));
    const out = await cleanAttachment('dai.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX);
    const doc = await (await JSZip.loadAsync(out.content)).file('word/document.xml')!.async('string');
    expect(doc).toContain(`${noise}4999`);
    zip.file('word/document.xml', body(`<w:p><w:r><w:t>${photo}</w:t></w:r></w:p>`));
    await expect(
      cleanAttachment('dai.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_uncleanable' } } } });
  });

  it('Word keeps no reference manager account, field data, VML picture title, sound name, add-in, metafile description or path of any spelling', async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    const endnote = Buffer.from(
      `<EndNote><Cite><record path="C:\\Users\\nguyen\\${AUTHOR}.enl"/></Cite></EndNote>`,
    ).toString('base64');
    zip.file(
      'word/document.xml',
      declared(
        `<w:document><w:body><w:p>` +
          `<w:r><w:fldChar w:fldCharType="begin"><w:fldData>${endnote}</w:fldData></w:fldChar></w:r>` +
          `<w:r><w:instrText> ADDIN ZOTERO_ITEM CSL_CITATION {"uris":["http://zotero.org/users/7654321/items/ABCD"]} </w:instrText></w:r>` +
          `<w:r><w:instrText> INCLUDEPICTURE "Macintosh HD:Users:nguyen:Pictures:${PHONE}.jpg" </w:instrText></w:r>` +
          `<w:r><w:instrText> LINK Excel "smb://nas/nguyen/${PHONE}.xlsx" </w:instrText></w:r>` +
          `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>ket qua</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
          `<w:r><w:pict><v:rect alt="${AUTHOR}"><v:fill o:title="${PHONE}.png"/></v:rect></w:pict></w:r>` +
          `<w:r><w:t>giu lai</w:t></w:r><w:r><w:pict><v:shape><v:imagedata x:src="/Volumes/NGUYEN/${PHONE}.png" xmlns:x="urn:x"/></v:shape></w:pict></w:r>` +
          `<w:r><w:t><a:snd xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="ghi-am-${AUTHOR}.wav"/></w:t></w:r>` +
          `</w:p></w:body></w:document>`,
      ),
    );
    zip.file(
      'word/media/image9.svg',
      `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(file:///C:/Users/nguyen/${PHONE}.css); .a{background:url("/home/nguyen/${PHONE}.png")}</style><rect width="5" height="5"/></svg>`,
    );
    zip.file(
      'word/webextensions/webextension1.xml',
      `<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11"><we:properties><we:property name="user" value="&quot;${AUTHOR}&quot;"/></we:properties></we:webextension>`,
    );
    // An EMF header whose description names the application and the file's place.
    const description = Buffer.from(`Visio\0C:\\Users\\nguyen\\${PHONE}.vsdx\0\0`, 'utf16le');
    const emf = Buffer.alloc(108 + description.length + 20);
    emf.writeUInt32LE(1, 0);
    emf.writeUInt32LE(108 + description.length, 4);
    emf.write(' EMF', 40, 'latin1');
    emf.writeUInt32LE(0x10000, 44);
    emf.writeUInt32LE(emf.length, 48);
    emf.writeUInt32LE(2, 52);
    emf.writeUInt32LE(description.length / 2, 60);
    emf.writeUInt32LE(108, 64);
    description.copy(emf, 108);
    emf.writeUInt32LE(14, 108 + description.length); // EMR_EOF
    emf.writeUInt32LE(20, 112 + description.length);
    zip.file('word/media/image8.emf', emf);
    zip.file('/etc/tuyet-mat.xml', '<x:a xmlns:x="urn:x">giu</x:a>');
    const out = await JSZip.loadAsync(
      (await cleanAttachment('trich-dan.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const all = await partsText(out);
    for (const leak of [AUTHOR, PHONE, '7654321', 'nguyen']) expect(all, leak).not.toContain(leak);
    expect(
      Buffer.from(await out.file('word/media/image8.emf')!.async('uint8array')).toString('utf16le'),
    ).not.toContain(PHONE);
    expect(Object.keys(out.files).some((f) => f.startsWith('/') || f.includes('webextensions'))).toBe(false);
    expect(all).toContain('giu lai');
    expect(all).toContain('ket qua');
  });

  it("a spreadsheet's query, defined names' paths and OpenDocument shapes' names go", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file(
      'word/extra.xml',
      `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:definedNames><x:definedName name="du_lieu">'/Volumes/NGUYEN/[${PHONE}.xlsx]Sheet1'!$A$1</x:definedName></x:definedNames>` +
        `<x:connections><x:connection id="1" name="q"><x:dbPr connection="Provider=x" command="SELECT * FROM [sao_ke_${PHONE}]"/></x:connection></x:connections>` +
        `<d:g xmlns:d="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" d:name="${AUTHOR}"><d:custom-shape d:name="${AUTHOR}"/></d:g><d:layer xmlns:d="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" d:name="layout"/></x:workbook>`,
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('bang.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const extra = await out.file('word/extra.xml')!.async('string');
    expect(extra).not.toContain(PHONE);
    expect(extra).not.toContain(AUTHOR);
    // A layer is named to be referred to by its shapes: its name stays.
    expect(extra).toContain('name="layout"');
  });

  it("a PDF's colour profiles lose their words but not their colours; document parts, web capture, PostScript, comments and private keys of kept dictionaries go", async () => {
    const icc = iccProfile();
    const content = Buffer.from(
      `% C:\\Users\\nguyen\\${PHONE}.ai\n/Span << /MCID 0 /Author (${AUTHOR}) >> BDC (50% giu lai) Tj EMC /Figure << /Alt (${PHONE}.jpg) >> DP q /PS1 Do Q`,
      'latin1',
    );
    const bytes = rawPdf([
      `<< /Type /Catalog /Pages 2 0 R /Names << /IDS 9 0 R /URLS 9 0 R /Dests 10 0 R /Priv (${AUTHOR}) >> /AcroForm << /Fields [] /Priv (${AUTHOR}) >> /ViewerPreferences << /FitWindow true /Priv (${AUTHOR}) >> /MarkInfo << /Marked true /Priv (${AUTHOR}) >> /StructTreeRoot 11 0 R /OCProperties << /OCGs [12 0 R] /D << /Name (${AUTHOR}) /Creator (${PHONE}) /ON [12 0 R] >> >> /Extensions << /ADBE << /BaseVersion /1.7 /ExtensionLevel 3 /Priv (${AUTHOR}) >> >> /Outlines 13 0 R /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile 5 0 R >>] >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R /Resources << /ColorSpace << /CS0 [/ICCBased 5 0 R] >> /XObject << /PS1 6 0 R >> >> /DPart 7 0 R /Annots [8 0 R 14 0 R] >>`,
      stream('', content),
      stream('/N 3', icc),
      stream('/Type /XObject /Subtype /PS', Buffer.from(`%%For: (${AUTHOR})\n`, 'latin1')),
      `<< /Type /DPart /DPM << /Recipient (${AUTHOR}) >> >>`,
      `<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /FT /Tx /T (ho_ten) /MK << /CA (OK) /Priv (${AUTHOR}) >> /A [<< /S /Launch /F (C:\\\\Users\\\\nguyen\\\\${PHONE}.exe) >>] /ExData << /Type /ExData /Priv (${AUTHOR}) >> >>`,
      `<< /Names [(u) << /SI << /AU (file:///C:/Users/nguyen/${PHONE}.htm) >> >>] >>`,
      '<< /Names [(a) [3 0 R /Fit]] >>',
      `<< /Type /StructTreeRoot /K [15 0 R] /Priv (${AUTHOR}) >>`,
      `<< /Type /OCG /Name (Lop 1) /Priv (${AUTHOR}) >>`,
      '<< /Type /Outlines /First 16 0 R /Last 16 0 R /Count 1 >>',
      `<< /Type /Annot /Subtype /Watermark /Rect [0 0 10 10] /Contents (${AUTHOR}) >>`,
      `<< /S /Figure /P 11 0 R /Alt (${PHONE}.jpg) /Priv (${AUTHOR}) >>`,
      `<< /Title (Muc 1) /Parent 13 0 R /Dest [3 0 R /Fit] /Priv (${AUTHOR}) >>`,
    ]);
    const out = await cleanAttachment('ho-so.pdf', bytes, MAX);
    const all = await pdfText(out.content);
    for (const leak of [AUTHOR, PHONE, 'nguyen', 'SERI']) expect(all, leak).not.toContain(leak);
    expect(all).toContain('(50% giu lai) Tj');
    expect(all).toContain('/MCID 0');
    expect(all).toContain('Muc 1');
    // The profile's white point (its colour data) is the same bytes; its header still says what it is.
    const doc = await PDFDocument.load(out.content);
    const profile = [...doc.context.enumerateIndirectObjects()]
      .map(([, o]) => (o instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(o).decode()) : null))
      .find((b) => b?.subarray(36, 40).toString('latin1') === 'acsp')!;
    // Written again around its colour tags: its size says its length, its white point is the same bytes.
    expect(profile.readUInt32BE(0)).toBe(profile.length);
    const wtpt = icc.indexOf('XYZ ');
    const kept = profile.indexOf('XYZ ');
    expect(profile.subarray(kept, kept + 20)).toEqual(icc.subarray(wtpt, wtpt + 20));
  });

  it('a PDF of more objects than any real document is refused by name before it is read', async () => {
    const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
    for (let i = 0; i < 200_000; i++) objs.push('1');
    await expect(cleanAttachment('nhieu.pdf', rawPdf(objs), 30 * 1024 * 1024)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_unpacked_too_large' } } },
    });
  });
});

describe('the sixth outside probe of the cleaner: comments by the million, split drawings, every kind of dictionary', () => {
  const page = (contents: string, extra = '') =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${contents} ${extra} >>`;

  it('what is drawn keeps its text and inline pictures; comments and private keys go even across split streams', async () => {
    const grey = Buffer.alloc(4, 0x25); // "%%%%": image data that looks like a comment
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page('[4 0 R 5 0 R]'),
      stream('', Buffer.from(`% C:\\Users\\nguyen\\${PHONE}.ai\n/Span << /MCID 0 /Author`, 'latin1')),
      stream(
        '',
        Buffer.concat([
          Buffer.from(`(${AUTHOR}) >> BDC (50% giu lai) Tj EMC BI /W 2 /H 2 /CS /G /BPC 8 ID `, 'latin1'),
          grey,
          Buffer.from(' EI', 'latin1'),
        ]),
      ),
    ]);
    const out = await cleanAttachment('trang.pdf', bytes, MAX);
    const all = await pdfText(out.content);
    expect(all).not.toContain(AUTHOR);
    expect(all).not.toContain(PHONE);
    expect(all).toContain('(50% giu lai) Tj');
    expect(all).toContain(`ID ${grey.toString('latin1')} EI`);
  });

  it('a drawing that cannot be read is refused rather than kept unread', async () => {
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page('4 0 R'),
      stream('', Buffer.from(`% ${AUTHOR}\n(khong dong`, 'latin1')),
    ]);
    await expect(cleanAttachment('hong.pdf', bytes, MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_uncleanable' } } },
    });
  });

  it('actions anywhere, comments in functions, character maps and appearance states, and private keys of every kind go', async () => {
    const bytes = rawPdf([
      `<< /Type /Catalog /Pages 2 0 R /PageLabels << /Nums [0 << /S /D /Priv (${AUTHOR}) >>] /Priv (${AUTHOR}) >> /AcroForm << /Fields [9 0 R] >> /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /OutputCondition (${AUTHOR}) >>] >>`,
      `<< /Type /Pages /Kids [3 0 R] /Count 1 /Author (${AUTHOR}) >>`,
      page(
        '4 0 R',
        `/Resources << /Font << /F1 5 0 R >> /ExtGState << /G1 << /CA 1 /TR 6 0 R /Priv (${AUTHOR}) >> >> /Properties << /P1 << /MCID 1 /Creator (${AUTHOR}) >> >> >> /PresSteps << /Type /NavNode /NA << /S /Launch /F (C:\\\\Users\\\\nguyen\\\\${PHONE}.exe) >> /NR << /S /JavaScript /JS (app.alert('${PHONE}')) >> >> /Group << /S /Transparency /Priv (${AUTHOR}) >> /VP [<< /Type /Viewport /BBox [0 0 1 1] /Name (${AUTHOR}) >>] /Annots [10 0 R]`,
      ),
      stream('', Buffer.from('/G1 gs BT /F1 12 Tf (xin chao) Tj ET', 'latin1')),
      `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R /Priv (${AUTHOR}) >>`,
      stream('/FunctionType 4 /Domain [0 1] /Range [0 1]', Buffer.from(`{ % ${AUTHOR}\n dup }`, 'latin1')),
      stream('', Buffer.from(`%%Creator: ${AUTHOR}\n/CIDInit /ProcSet findresource begin end`, 'latin1')),
      `<< /GoTo 1 >>`,
      `<< /FT /Tx /T (nhom) /Kids [10 0 R] /Priv (${AUTHOR}) >>`,
      `<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /Parent 9 0 R /AP << /N 11 0 R >> /A << /S /GoTo /D [3 0 R /Fit] /F (${PHONE}.pdf) >> >>`,
      '<< /On 12 0 R /Off 13 0 R >>',
      stream('/BBox [0 0 10 10]', Buffer.from(`% ${AUTHOR}\n0 0 10 10 re f`, 'latin1')),
      stream('/BBox [0 0 10 10]', Buffer.from(`% ${PHONE}\n`, 'latin1')),
      stream(
        '/Type /Metadata2',
        Buffer.from(`<rdf:RDF><dc:creator>${AUTHOR}</dc:creator></rdf:RDF>`, 'latin1'),
      ),
    ]);
    const out = await cleanAttachment('moi-loai.pdf', bytes, MAX);
    const all = await pdfText(out.content);
    for (const leak of [AUTHOR, PHONE]) expect(all, leak).not.toContain(leak);
    expect(all).toContain('(xin chao) Tj');
    expect(all).toContain('0 0 10 10 re f');
  });
});

describe('the sixth outside probe of the cleaner: profiles written to hide words, properties and paths elsewhere', () => {
  it('a colour profile is written again from its colour tags: padding, gaps and trailers go; one that cannot be read is refused', async () => {
    const { scrubIcc } = await import('./clean-icc.ts');
    const xyz = Buffer.concat([
      Buffer.from('XYZ \0\0\0\0', 'latin1'),
      Buffer.alloc(12, 1),
      Buffer.from(AUTHOR),
    ]);
    const profile = Buffer.concat([
      Buffer.alloc(128),
      Buffer.alloc(4 + 12),
      Buffer.from(`gap ${PHONE}`),
      xyz,
      Buffer.from(`trailer ${AUTHOR}`),
    ]);
    profile.write('acsp', 36, 'latin1');
    profile[8] = 2;
    profile.writeUInt32BE(1, 128);
    profile.write('wtpt', 132, 'latin1');
    const off = 128 + 16 + `gap ${PHONE}`.length;
    profile.writeUInt32BE(off, 136);
    profile.writeUInt32BE(xyz.length, 140);
    const clean = Buffer.from(scrubIcc(profile)!);
    expect(clean.toString('latin1')).not.toContain(AUTHOR);
    expect(clean.toString('latin1')).not.toContain(PHONE);
    expect(clean.includes(xyz.subarray(0, 20))).toBe(true);
    // A tag that runs past the end: not read with certainty.
    profile.writeUInt32BE(profile.length, 140);
    expect(scrubIcc(profile)).toBeNull();
  });

  it("Strict and misplaced document properties, a chart's and an OLE object's paths, OpenDocument scripts and climbing paths go; a part too large to read is refused", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file(
      'docProps/extended.xml',
      `<Properties xmlns="http://purl.oclc.org/ooxml/officeDocument/extendedProperties"><Company>${AUTHOR}</Company></Properties>`,
    );
    zip.file(
      'docProps/core.rdf',
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><cp:lastModifiedBy>${AUTHOR}</cp:lastModifiedBy></rdf:RDF>`,
    );
    zip.file(
      'word/charts/chart1.xml',
      `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:f>'C:\\Users\\${PHONE}\\[so-lieu.xlsx]Sheet1'!$A$1</c:f></c:chartSpace>`,
    );
    zip.file(
      'word/extra.xml',
      declared(
        `<w:document><o:OLEObject><o:FieldCodes>\\a ..\\..\\Users\\${PHONE}\\bang.xlsx</o:FieldCodes></o:OLEObject><text:script>open("C:\\Users\\${PHONE}")</text:script><draw:image xlink:href="#" text:url="../../Users/${AUTHOR}/a.png"/></w:document>`,
      ),
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('tinh-chat.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const all = await partsText(out);
    for (const leak of [AUTHOR, PHONE]) expect(all, leak).not.toContain(leak);
    zip.file('word/document.xml', `<w:document xmlns:w="urn:x">${'<w:p/>'.repeat(17_000_000)}</w:document>`);
    await expect(
      cleanAttachment(
        'lon.docx',
        await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
        MAX,
      ),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_unpacked_too_large' } } } });
  });
});

describe('the seventh outside probe of the cleaner: one drawing on every page, dictionaries written inline, formulas everywhere', () => {
  const onePage = (contents: string, extra = '') =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${contents} ${extra} >>`;

  it('a drawing shared by many pages is read within the budget, not once per page at once', async () => {
    const comments = deflateSync(Buffer.from('%\n'.repeat(500_000), 'latin1'));
    const pages = 100;
    const objs: Array<string | Buffer> = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 4} 0 R`).join(' ')}] /Count ${pages} >>`,
      stream('/Filter /FlateDecode', comments),
    ];
    for (let i = 0; i < pages; i++) objs.push(onePage('[3 0 R 3 0 R]'));
    await expect(cleanAttachment('chung.pdf', rawPdf(objs), MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_unpacked_too_large' } } },
    });
  });

  it('annotations, fonts, structure, actions and colour dictionaries written inline keep only their defined keys', async () => {
    const bytes = rawPdf([
      `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /DR << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Priv (${AUTHOR}) >> >> >> >> >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      onePage(
        '4 0 R',
        `/Annots [<< /Type /Annot /Subtype /Square /Rect [0 0 5 5] /T (${AUTHOR}) /Contents (${PHONE}) /M (D:2026) /Priv (${AUTHOR}) >> << /Subtype /Link /Rect [0 0 5 5] /A << /S /URI /URI (file:///C:/Users/nguyen/${PHONE}.docx) >> >> << /Subtype /Widget /Rect [0 0 5 5] /FT /Btn /T (nut) /A << /S /JavaScript /P 3 0 R /JS (app.alert('${PHONE}')) >> >>] ` +
          `/Resources << /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /X /Encoding << /Type /Encoding /Differences [1 /a] /Priv (${AUTHOR}) >> /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 /Priv (${AUTHOR}) >> /FontDescriptor << /Type /FontDescriptor /FontName /X /Flags 4 /Priv (C:\\\\Users\\\\nguyen) >> >>] >> >> ` +
          `/Shading << /Sh1 << /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 1] /Function << /FunctionType 2 /Domain [0 1] /N 1 /Priv (${AUTHOR}) >> /Priv (${AUTHOR}) >> >> >> ` +
          `/PresSteps << /Type /NavNode /NA << /S /Launch /P 3 0 R /F (C:\\\\Users\\\\nguyen\\\\${PHONE}.exe) >> >>`,
      ),
      stream(
        '',
        Buffer.from(
          `/Span << /MCID 0 % ${AUTHOR}\n /ActualText (giu) >> BDC EMC /Span << /MC#49D (${PHONE}) >> BDC EMC BI /W 1 /H 1 % C:\\Users\\nguyen\\${PHONE}.tif\n /Priv (${AUTHOR}) /CS /G /BPC 8 ID \u0080 EI (ve tiep) Tj`,
          'latin1',
        ),
      ),
    ]);
    const out = await cleanAttachment('noi-tuyen.pdf', bytes, MAX);
    const all = await pdfText(out.content);
    for (const leak of [AUTHOR, PHONE, 'nguyen']) expect(all, leak).not.toContain(leak);
    // The page stays though an emptied action named it (/P): a dropped key's target is not deleted.
    expect(all).toContain('(ve tiep) Tj');
    expect(all).toContain('/ActualText (giu)');
  });

  it("a colour profile keeps no vendor tag nor its header's reserved bytes", async () => {
    const { scrubIcc } = await import('./clean-icc.ts');
    const vendor = Buffer.concat([Buffer.from('ui08\0\0\0\0', 'latin1'), Buffer.from(AUTHOR)]);
    const profile = Buffer.concat([Buffer.alloc(128), Buffer.alloc(4 + 12), vendor]);
    profile.write('acsp', 36, 'latin1');
    profile.write(PHONE.slice(0, 20), 100, 'latin1');
    profile.writeUInt32BE(1, 128);
    profile.write('LEAK', 132, 'latin1');
    profile.writeUInt32BE(128 + 16, 136);
    profile.writeUInt32BE(vendor.length, 140);
    const clean = Buffer.from(scrubIcc(profile)!).toString('latin1');
    expect(clean).not.toContain(AUTHOR);
    expect(clean).not.toContain(PHONE.slice(0, 20));
    expect(clean).not.toContain('LEAK');
  });

  it("a workbook's conditional formats, validations and chart extensions lose their paths; OpenDocument drawing comments and initials go", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file(
      'word/extra.xml',
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" xmlns:c15="http://schemas.microsoft.com/office/drawing/2012/chart"><x:conditionalFormatting><x:cfRule><x:formula>'C:\\Users\\${PHONE}\\[a.xlsx]S'!A1</x:formula></x:cfRule></x:conditionalFormatting><x:dataValidation><x:formula1>'/Users/${PHONE}/[b.xlsx]S'!A1</x:formula1></x:dataValidation><xm:f>'\\\\PC-${PHONE}\\share\\[c.xlsx]S'!A1</xm:f><c15:f>'/home/${PHONE}/[d.xlsx]S'!A1</c15:f>` +
        `<m:meta xmlns:m="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><m:creator-initials>${AUTHOR}</m:creator-initials></m:meta><oo:annotation xmlns:oo="http://openoffice.org/2009/office">${AUTHOR}</oo:annotation></x:worksheet>`,
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('cong-thuc.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const extra = await out.file('word/extra.xml')!.async('string');
    expect(extra).not.toContain(PHONE);
    expect(extra).not.toContain(AUTHOR);
  });
});

describe('the eighth outside probe of the cleaner: ordinary files keep their pictures, bookmarks, labels and structure', () => {
  it("a slide's picture keeps its link (../media/), an empty part of an OpenDocument file is no reason to refuse it", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file(
      'word/slides/_rels/slide1.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/></Relationships>',
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('trinh-chieu.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX))
        .content,
    );
    expect(await out.file('word/slides/_rels/slide1.xml.rels')!.async('string')).toContain(
      'Target="../media/image1.png"',
    );
    const odt = new JSZip();
    odt.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    odt.file(
      'content.xml',
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    );
    odt.file('Configurations2/accelerator/current.xml', '');
    const cleaned = await cleanAttachment('kieu.odt', await odt.generateAsync({ type: 'nodebuffer' }), MAX);
    expect(cleaned.mime).toBe('application/vnd.oasis.opendocument.text');
  });

  it('a PDF keeps every bookmark, its page labels, structure attributes and inline masks and colour tables', async () => {
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R /PageLabels << /Nums [0 << /S /D /P (A-) /St 5 >>] >> /StructTreeRoot 9 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>',
      stream(
        '',
        Buffer.from(
          '% mot chu thich\nq BI /IM true /W 8 /H 1 /BPC 1 /DP [null << /K -1 /Columns 8 >>] ID \u00ff EI Q q BI /W 2 /H 1 /CS [/I /RGB 1 (\\377\\000\\000\\000\\000\\377)] /BPC 8 ID \u0000\u0001 EI Q',
          'latin1',
        ),
      ),
      '<< /Type /Outlines /First 6 0 R /Last 8 0 R /Count 3 >>',
      '<< /Title (Chuong 1) /Parent 5 0 R /Next 7 0 R /Dest [3 0 R /Fit] >>',
      '<< /Title (Chuong 2) /Parent 5 0 R /Prev 6 0 R /Next 8 0 R /Dest [3 0 R /Fit] >>',
      '<< /Title (Chuong 3) /Parent 5 0 R /Prev 7 0 R /Dest [3 0 R /Fit] >>',
      '<< /Type /StructTreeRoot /K [10 0 R] >>',
      '<< /S /TD /P 9 0 R /A << /O /Table /ColSpan 2 >> /K 0 /Pg 3 0 R >>',
    ]);
    const all = await pdfText((await cleanAttachment('muc-luc.pdf', bytes, MAX)).content);
    for (const kept of [
      'Chuong 1',
      'Chuong 2',
      'Chuong 3',
      '/St 5',
      '/ColSpan 2',
      '/IM true',
      '/CS [/I /RGB 1 (',
    ])
      expect(all, kept).toContain(kept);
    expect(all).not.toContain('mot chu thich');
  });
});

describe("the ninth outside probe of the cleaner: names with dots, bound controls and linked fonts are the document's own", () => {
  it("a Mac's fonts (/F1.0), dotted glyph names and check-box states keep their names", async () => {
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R /Resources << /Font << /F1.0 5 0 R /T3.0 6 0 R >> >> >>',
      stream('', Buffer.from('BT /F1.0 12 Tf (chu) Tj /T3.0 12 Tf (a) Tj ET', 'latin1')),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] /CharProcs << /a.sc 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a.sc] >> /FirstChar 97 /LastChar 97 /Widths [1] >>',
      stream('', Buffer.from('1 0 0 0 1 1 d1 0 0 1 1 re f', 'latin1')),
    ]);
    const all = await pdfText((await cleanAttachment('mac.pdf', bytes, MAX)).content);
    expect(all).toMatch(/\/Font <<\s*\/F1\.0 \d+ 0 R/);
    expect(all).toMatch(/\/CharProcs <<\s*\/a\.sc \d+ 0 R/);
    expect(all).toContain('1 0 0 0 1 1 d1');
  });

  it("a control bound to the document's own data keeps its text, one bound to its author does not; an OpenDocument's embedded font stays linked", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    const control = (xpath: string, text: string) =>
      `<w:sdt><w:sdtPr><w:dataBinding w:xpath="${xpath}" w:storeItemID="{X}"/></w:sdtPr><w:sdtContent><w:r><w:t>${text}</w:t></w:r></w:sdtContent></w:sdt>`;
    zip.file(
      'word/document.xml',
      declared(
        `<w:document><w:body><w:p>${control('/ns0:hopdong[1]/ns0:so[1]', 'HOP DONG 123/HD-2024')}${control('/ns1:coreProperties[1]/ns0:creator[1]', AUTHOR)}</w:p></w:body></w:document>`,
      ),
    );
    const out = await JSZip.loadAsync(
      (await cleanAttachment('hop-dong.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const doc = await out.file('word/document.xml')!.async('string');
    expect(doc).toContain('HOP DONG 123/HD-2024');
    expect(doc).not.toContain(AUTHOR);
    const odt = new JSZip();
    odt.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    odt.file(
      'content.xml',
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><svg:font-face-uri xlink:href="Fonts/DejaVuSans.ttf"/><svg:font-face-uri xlink:href="tel:+84241234567"/></office:document-content>',
    );
    const cleaned = await JSZip.loadAsync(
      (await cleanAttachment('phong.odt', await odt.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const content = await cleaned.file('content.xml')!.async('string');
    expect(content).toContain('xlink:href="Fonts/DejaVuSans.ttf"');
    expect(content).toContain('xlink:href="tel:+84241234567"');
  });
});

describe('the fifteenth outside probe: ordinary files Office must still open', () => {
  const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  /** Every reference (r:id, r:embed…) in a part that names no relationship of that part. */
  async function dangling(zip: JSZip): Promise<string[]> {
    const out: string[] = [];
    for (const [path, file] of Object.entries(zip.files)) {
      if (file.dir || !/\.xml$/.test(path)) continue;
      const rels = zip.file(path.replace(/([^/]+)$/, '_rels/$1.rels'));
      const ids = new Set(
        rels ? [...(await rels.async('string')).matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]) : [],
      );
      const xml = await file.async('string');
      const prefixes = [...xml.matchAll(/xmlns:([^\s=]+)="([^"]*)"/g)]
        .filter((m) => m[2] === REL_NS)
        .map((m) => m[1]);
      for (const p of prefixes)
        for (const m of xml.matchAll(new RegExp(`\\s${p}:(\\w+)="([^"]*)"`, 'g')))
          if (!ids.has(m[2])) out.push(`${path} ${p}:${m[1]}=${m[2]}`);
    }
    return out;
  }
  const addPart = async (
    zip: JSZip,
    owner: string,
    id: string,
    type: string,
    target: string,
    part: string,
  ) => {
    const relsPath = owner.replace(/([^/]+)$/, '_rels/$1.rels');
    const rels =
      (await zip.file(relsPath)?.async('string')) ??
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    zip.file(
      relsPath,
      rels.replace(
        '</Relationships>',
        `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/></Relationships>`,
      ),
    );
    zip.file(part, Buffer.from('printer driver private bytes'));
  };

  it("a sheet's and a section's printer settings go with their references; page layout stays", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Bảng 1', { pageSetup: { orientation: 'landscape', paperSize: 9 } });
    sheet.getCell('A1').value = 'Giữ lại';
    const xlsx = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheetXml = await xlsx.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
    xlsx.file(
      'xl/worksheets/sheet1.xml',
      // exceljs declares the relationships namespace as r: already.
      sheetXml.replace(/<pageSetup ([^>]*?)\/>/, '<pageSetup $1 r:id="rIdPS"/>'),
    );
    await addPart(
      xlsx,
      'xl/worksheets/sheet1.xml',
      'rIdPS',
      'printerSettings',
      '../printerSettings/printerSettings1.bin',
      'xl/printerSettings/printerSettings1.bin',
    );
    const before = await JSZip.loadAsync(await xlsx.generateAsync({ type: 'nodebuffer' }));
    expect(await dangling(before)).toEqual([]);
    const x = await JSZip.loadAsync(
      (await cleanAttachment('bang.xlsx', await xlsx.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    expect(x.file('xl/printerSettings/printerSettings1.bin')).toBeNull();
    expect(await dangling(x)).toEqual([]);
    expect(await x.file('xl/worksheets/sheet1.xml')!.async('string')).toMatch(
      /<pageSetup [^>]*orientation="landscape"/,
    );

    const docx = await JSZip.loadAsync(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Noi dung giu lai')] }] })),
    );
    const body = await docx.file('word/document.xml')!.async('string');
    expect(body).toContain('</w:sectPr>');
    docx.file(
      'word/document.xml',
      body.replace('</w:sectPr>', '<w:printerSettings r:id="rIdPS"/></w:sectPr>'),
    );
    await addPart(
      docx,
      'word/document.xml',
      'rIdPS',
      'printerSettings',
      'printerSettings/printerSettings1.bin',
      'word/printerSettings/printerSettings1.bin',
    );
    const d = await JSZip.loadAsync(
      (await cleanAttachment('van-ban.docx', await docx.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    expect(d.file('word/printerSettings/printerSettings1.bin')).toBeNull();
    expect(await dangling(d)).toEqual([]);
    const cleanBody = await d.file('word/document.xml')!.async('string');
    expect(cleanBody).not.toContain('printerSettings');
    expect(cleanBody).toContain('Noi dung giu lai');
  });

  it('ftp: and tel: links in Word stay links; a pivot cache loses when it was refreshed', async () => {
    const docx = await JSZip.loadAsync(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Lien ket')] }] })),
    );
    const rels = await docx.file('word/_rels/document.xml.rels')!.async('string');
    docx.file(
      'word/_rels/document.xml.rels',
      rels.replace(
        '</Relationships>',
        `<Relationship Id="rIdF" Type="${REL_NS}/hyperlink" Target="ftp://ftp.example.org/bao-cao.pdf" TargetMode="External"/>` +
          `<Relationship Id="rIdT" Type="${REL_NS}/hyperlink" Target="tel:+842363822123" TargetMode="External"/></Relationships>`,
      ),
    );
    const d = await JSZip.loadAsync(
      (await cleanAttachment('lien-ket.docx', await docx.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const cleanRels = await d.file('word/_rels/document.xml.rels')!.async('string');
    expect(cleanRels).toContain('Target="ftp://ftp.example.org/bao-cao.pdf"');
    expect(cleanRels).toContain('Target="tel:+842363822123"');
    const wb = new JSZip();
    wb.file('[Content_Types].xml', '<Types/>');
    wb.file(
      'xl/pivotCache/pivotCacheDefinition1.xml',
      '<pivotCacheDefinition refreshedDate="45306.6843287037" refreshedDateIso="2024-01-15T16:25:26" recordCount="3"/>',
    );
    const x = await cleanPackageOf(await wb.generateAsync({ type: 'nodebuffer' }), 'ooxml');
    const cache = await x.file('xl/pivotCache/pivotCacheDefinition1.xml')!.async('string');
    expect(cache).not.toMatch(/45306|2024-01-15/);
    expect(cache).toContain('recordCount="3"');
  });

  it('range permissions as elements, ink devices and times, macro names, web-query posts and editors of SVG go (sixteenth probe)', async () => {
    const SID = 'S-1-5-21-111-222-333-1001';
    const pkg = new JSZip();
    pkg.file('[Content_Types].xml', '<Types/>');
    pkg.file(
      'xl/worksheets/sheet1.xml',
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><protectedRanges><protectedRange name="Vùng 1" sqref="A1:B2"><securityDescriptor>O:WDG:WDD:(A;;CC;;;${SID})</securityDescriptor></protectedRange></protectedRanges></worksheet>`,
    );
    pkg.file(
      'ppt/ink/ink1.xml',
      '<inkml:ink xmlns:inkml="http://www.w3.org/2003/InkML"><inkml:definitions><inkml:context xml:id="ctx0"><inkml:inkSource xml:id="s0" manufacturer="PenCo" model="Pen X" serialNo="SN-998877" description="Bút của Trần Thị A"/><inkml:timestamp xml:id="ts0" timeString="2024-01-15T08:30:12.345"/></inkml:context></inkml:definitions><inkml:trace contextRef="#ctx0">10 0, 9 14</inkml:trace></inkml:ink>',
    );
    pkg.file(
      'word/vbaData.xml',
      '<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"><wne:mcds><wne:mcd wne:macroName="PROJECT.NEWMACROS.TRANTHIA"/></wne:mcds></wne:vbaSuppData>',
    );
    pkg.file(
      'xl/connections.xml',
      '<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" name="Web" type="4" singleSignOnId="sso-tranthia"><webPr url="https://example.org/q" post="user=tranthia"/></connection></connections>',
    );
    pkg.file(
      'word/webSettings.xml',
      `<w:webSettings xmlns:w="${KNOWN_NS.w}"><w:frameset><w:frame><w:longDesc w:val="http://intranet/~tranthia/mo-ta.html"/></w:frame></w:frameset></w:webSettings>`,
    );
    pkg.file(
      'word/media/hinh.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:serif="http://www.serif.com/" xmlns:sketch="http://www.bohemiancoding.com/sketch/ns"><g serif:id="Lớp của Trần Thị A" sketch:type="MSLayerGroup"><text>Sơ đồ</text></g></svg>',
    );
    const out = await cleanPackageOf(await pkg.generateAsync({ type: 'nodebuffer' }), 'ooxml');
    expect(out.file('word/vbaData.xml')).toBeNull();
    const all = await partsText(out);
    for (const gone of [
      SID,
      'PenCo',
      'Pen X',
      'SN-998877',
      'Trần Thị A',
      '2024-01-15',
      'user=tranthia',
      'sso-tranthia',
      '~tranthia',
      'MSLayerGroup',
    ])
      expect(all, gone).not.toContain(gone);
    // The range permission itself goes too (since the eighteenth probe: its password hash).
    expect(all).not.toContain('protectedRange');
    for (const kept of ['10 0, 9 14', 'https://example.org/q', 'Sơ đồ']) expect(all, kept).toContain(kept);
  });

  it('the seventeenth probe: add-in tags go with their elements, credentials and home folders leave links, relationships however written', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
    const pkg = new JSZip();
    pkg.file(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/ppt/tags/tag1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.tags+xml"></Override></Types>',
    );
    pkg.file(
      'ppt/slides/slide1.xml',
      `<p:sld xmlns:p="${P}" xmlns:r="${REL}"><p:cSld><p:custDataLst><p:tags r:id="rIdTag"/></p:custDataLst><p:spTree/></p:cSld></p:sld>`,
    );
    pkg.file(
      'ppt/slides/_rels/slide1.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTag" Type="${REL}/tags" Target="../tags/tag1.xml"></Relationship><Relationship Id="rIdC" Type="${REL}/comments" Target="../../word/Comments.xml"/><Relationship Id="rIdL" Type="${REL}/hyperlink" Target="ftp://tranthia:matkhau@ftp.example.org/x.pdf" TargetMode="External"/><Relationship Id="rIdH" Type="${REL}/hyperlink" Target="http://intranet.example/people/%7Etranthia/cv.html" TargetMode="External"/><Relationship Id="rIdW" Type="${REL}/hyperlink" Target="https://example.org/bao-cao" TargetMode="External"/></Relationships>`,
    );
    pkg.file(
      'ppt/tags/tag1.xml',
      `<p:tagLst xmlns:p="${P}"><p:tag name="LASTSAVEDBY" val="tranthia"/></p:tagLst>`,
    );
    pkg.file(
      'word/comments.xml',
      '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    );
    const out = await cleanPackageOf(await pkg.generateAsync({ type: 'nodebuffer' }), 'ooxml');
    const slide = await out.file('ppt/slides/slide1.xml')!.async('string');
    // <p:tags> needs its r:id: it goes with the tags part, the list around it stays.
    expect(slide).not.toContain('tags');
    expect(slide).toContain('custDataLst');
    const rels = await out.file('ppt/slides/_rels/slide1.xml.rels')!.async('string');
    expect(rels).not.toMatch(/rIdTag|rIdC"/);
    expect(rels).not.toMatch(/tranthia|matkhau/);
    expect(rels).toContain('https://example.org/bao-cao');
    expect(await out.file('[Content_Types].xml')!.async('string')).not.toContain('tag1');
    // A tracked insertion that declares namespaces cannot be unwrapped without unbinding its children.
    const doc = new JSZip();
    doc.file(
      'word/document.xml',
      `<w:document xmlns:w="${KNOWN_NS.w}"><w:body><w:p><w:ins w:id="1" xmlns:x="urn:x"><w:r><w:t x:a="1">Chèn</w:t></w:r></w:ins></w:p></w:body></w:document>`,
    );
    const refused = await cleanPackage(
      await doc.generateAsync({ type: 'nodebuffer' }),
      'ooxml',
      async (b) => b,
    );
    expect(refused.residue).toEqual(['unknown_part']);
    // Nor can it be left out on request: a document without its body is no document (eighteenth probe).
    const stripped = await cleanPackage(
      await doc.generateAsync({ type: 'nodebuffer' }),
      'ooxml',
      async (b) => b,
      { strip: true },
    );
    expect(stripped.residue).toEqual(['unknown_part']);
    expect(stripped.content).toHaveLength(0);
  });

  it('a prefix rebound below the root is read in its own scope when references to dropped parts are removed', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const pkg = new JSZip();
    pkg.file(
      'word/document.xml',
      `<w:document xmlns:w="${KNOWN_NS.w}" xmlns:r="${REL}" xmlns:o="urn:schemas-microsoft-com:office:office"><w:body>` +
        // Here r is another namespace: r:id="rIdC" names nothing in the package and stays.
        `<w:p><x:ext xmlns:x="urn:vendor" xmlns:r="urn:vendor:r" r:id="rIdC" q:relid="rIdC" xmlns:q="urn:vendor:q"/></w:p>` +
        // Back in the relationships namespace: the reference to the dropped comments part goes.
        `<w:p><w:commentReference w:id="0"/><w:hyperlink r:id="rIdC"><w:r><w:t>Liên kết</w:t></w:r></w:hyperlink></w:p>` +
        `<w:p><v:imagedata xmlns:v="urn:schemas-microsoft-com:vml" o:relid="rIdC" o:title="Ảnh"/></w:p>` +
        '</w:body></w:document>',
    );
    pkg.file(
      'word/_rels/document.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdC" Type="${REL}/comments" Target="comments.xml"/></Relationships>`,
    );
    pkg.file('word/comments.xml', `<w:comments xmlns:w="${KNOWN_NS.w}"/>`);
    const out = await cleanPackageOf(await pkg.generateAsync({ type: 'nodebuffer' }), 'ooxml');
    const doc = await out.file('word/document.xml')!.async('string');
    const vendor = doc.match(/<x:ext [^>]*>/)![0];
    expect(vendor).toContain('r:id="rIdC"');
    expect(vendor).toContain('q:relid="rIdC"');
    expect(doc).toMatch(/<w:hyperlink>/);
    expect(doc).toContain('Liên kết');
    expect(doc.match(/<v:imagedata [^>]*>/)![0]).not.toContain('relid');
  });

  it('the eighteenth probe: password hashes, editing times, change comments and data-source queries go', async () => {
    const W = KNOWN_NS.w!;
    const X = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const ooxml = new JSZip();
    ooxml.file(
      'word/settings.xml',
      `<w:settings xmlns:w="${W}"><w:writeProtection w:recommended="1" w:hash="HASHwrite" w:salt="SALTwrite"/><w:documentProtection w:edit="readOnly" w:enforcement="1" w:hash="HASHdoc" w:salt="SALTdoc"/><w:defaultTabStop w:val="720"/></w:settings>`,
    );
    ooxml.file(
      'xl/workbook.xml',
      `<workbook xmlns="${X}"><workbookProtection workbookHashValue="HASHbook" workbookPassword="CC3D" lockStructure="1"/><sheets/></workbook>`,
    );
    ooxml.file(
      'xl/worksheets/sheet1.xml',
      `<worksheet xmlns="${X}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ô A1</t></is></c></row></sheetData><sheetProtection hashValue="HASHsheet" password="CBEB" sheet="1"/><protectedRanges><protectedRange name="r" sqref="A1" hashValue="HASHrange"/></protectedRanges></worksheet>`,
    );
    ooxml.file(
      'xl/connections.xml',
      `<connections xmlns="${X}"><connection id="2" name="w" type="4"><webPr url="http://intranet/bc?user=tranthia&amp;pass=matkhau"/></connection><connection id="3" name="v" type="4"><webPr url="https://tranthia:matkhau@intranet/bc2"/></connection></connections>`,
    );
    const office = await partsText(
      await cleanPackageOf(await ooxml.generateAsync({ type: 'nodebuffer' }), 'ooxml'),
    );
    expect(office).not.toMatch(/HASH|SALT|CC3D|CBEB|tranthia|matkhau/);
    expect(office).toContain('Ô A1');
    expect(office).toContain('defaultTabStop');

    const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
    const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
    const odf = new JSZip();
    odf.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    odf.file(
      'content.xml',
      `<office:document-content xmlns:office="${KNOWN_NS.office}" xmlns:text="${TEXT}" xmlns:table="${TABLE}" xmlns:dc="${KNOWN_NS.dc}" xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0"><office:body><office:text>` +
        `<text:tracked-changes><text:changed-region text:id="c1"><text:insertion><office:change-info><dc:creator>Trần Thị A</dc:creator><dc:date>2024-01-01T10:11:12</dc:date><text:p>Sửa theo ý anh Bình</text:p></office:change-info></text:insertion></text:changed-region></text:tracked-changes>` +
        `<text:p>Lập ngày <text:creation-date text:date-value="2023-05-06T07:08:09.123456789">06/05/2023</text:creation-date>, sửa <text:editing-duration text:duration="PT5H">05:00</text:editing-duration>, <text:editing-cycles>17</text:editing-cycles> lần; hôm nay <text:date text:date-value="2026-12-02">02/12/2026</text:date></text:p>` +
        `<text:section text:name="S" text:protected="true" text:protection-key="KEYsection"/>` +
        `<table:table table:name="T" table:protected="true" table:protection-key="KEYtable" table:protection-key-digest-algorithm="http://www.w3.org/2000/09/xmldsig#sha256"/>` +
        `<table:database-ranges><table:database-range table:name="d" table:target-range-address="T.A1:T.A2"><table:database-source-sql table:sql-statement="SELECT * FROM luong_can_bo"/></table:database-range></table:database-ranges>` +
        `<office:forms><form:form form:name="F" form:command="SELECT * FROM nguoi_bao_tin"/></office:forms>` +
        '</office:text></office:body></office:document-content>',
    );
    odf.file(
      'settings.xml',
      `<office:document-settings xmlns:office="${KNOWN_NS.office}" xmlns:config="${KNOWN_NS.config}"><office:settings><config:config-item-set config:name="ooo:configuration-settings"><config:config-item config:name="RedlineProtectionKey" config:type="base64Binary">S0VZcmVkbGluZQ==</config:config-item><config:config-item config:name="ModifyPasswordInfo" config:type="string">KEYmodify</config:config-item><config:config-item config:name="AddParaSpacingToTableCells" config:type="boolean">true</config:config-item></config:config-item-set></office:settings></office:document-settings>`,
    );
    const text = await partsText(
      await cleanPackageOf(await odf.generateAsync({ type: 'nodebuffer' }), 'odf'),
    );
    expect(text).not.toMatch(/KEY|S0VZ|Trần|anh Bình|2023|PT5H|05:00|>17<|luong_can_bo|nguoi_bao_tin/);
    // The visible text around the fields stays, and so does a date field the author put there on purpose.
    expect(text).toContain('Lập ngày');
    expect(text).toContain('02/12/2026');
    expect(text).toContain('text:protected="true"');
    expect(text).toContain('AddParaSpacingToTableCells');
  });

  it("the nineteenth probe: shared strings no cell uses and a note's text box go", async () => {
    const X = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const pkg = new JSZip();
    pkg.file(
      'xl/sharedStrings.xml',
      `<sst xmlns="${X}" count="3" uniqueCount="3"><si><t>Ô dùng</t></si><si><t>GIATRICU đã ghi đè</t></si><si><r><t>Ô thứ hai</t></r></si><si><t>Macro</t></si></sst>`,
    );
    pkg.file(
      'xl/worksheets/sheet1.xml',
      // Styled empty cells are self-closing: the cell after one is still read (outside review).
      `<worksheet xmlns="${X}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1"><v>1</v></c><c r="D1" s="2"/><c r="E1" t="s"><v>2</v></c></row></sheetData></worksheet>`,
    );
    // A macro sheet's cells use the table too.
    pkg.file(
      'xl/macrosheets/sheet2.xml',
      `<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" xmlns="${X}"><sheetData><row r="1"><c r="A1" t="s"><v>3</v></c></row></sheetData></xm:macrosheet>`,
    );
    pkg.file(
      'xl/drawings/vmlDrawing1.vml',
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="logo"/><p>giu lai</p><v:shape id="_x0000_s1025"><v:textbox><div>GHICHU của người sửa</div></v:textbox><x:ClientData ObjectType="Note"><x:Row>0</x:Row></x:ClientData></v:shape><v:shape id="_x0000_s1026"><x:ClientData ObjectType="Button"/></v:shape></xml>',
    );
    const out = await cleanPackageOf(await pkg.generateAsync({ type: 'nodebuffer' }), 'ooxml');
    const strings = await out.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).not.toContain('GIATRICU');
    expect(strings.match(/<si>/g)).toHaveLength(4); // numbering kept
    expect(strings).toContain('Macro');
    expect(strings).toContain('Ô dùng');
    expect(strings).toContain('Ô thứ hai');
    const vml = await out.file('xl/drawings/vmlDrawing1.vml')!.async('string');
    expect(vml).not.toContain('GHICHU');
    expect(vml).toContain('ObjectType="Button"');
    expect(vml).toContain('giu lai');
    expect(vml).toContain('id="logo"');
  });

  it('the twentieth probe: a bookmark into a removed page by name loses its title; a tree written inline drops no page', async () => {
    const body = (t: string) => stream('', Buffer.from(`BT /F1 12 Tf 50 700 Td (${t}) Tj ET`));
    const named = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R /Names << /Dests << /Names [(trang2) [5 0 R /Fit]] >> >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
      body('Trang con lai'),
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      '<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>',
      '<< /Title (NGUOIBAO tieu de) /Parent 6 0 R /A << /S /GoTo /D (trang2) >> >>',
    ]);
    const a = await pdfText((await cleanAttachment('a.pdf', named, MAX)).content);
    expect(a).not.toContain('NGUOIBAO');
    expect(a).toContain('Trang con lai');
    // The page tree written inline (invalid, yet readers show both pages): nothing is taken for deleted,
    // and no blank page is added in front.
    const inline = rawPdf([
      '<< /Type /Catalog /Pages << /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >> >>',
      '<< /Type /Page /MediaBox [0 0 612 792] /Contents 3 0 R >>',
      body('Trang mot'),
      '<< /Type /Page /MediaBox [0 0 612 792] /Contents 5 0 R >>',
      body('Trang hai'),
    ]);
    const b = (await cleanAttachment('b.pdf', inline, MAX)).content;
    const text = await pdfText(b);
    expect(text).toContain('Trang mot');
    expect(text).toContain('Trang hai');
    expect((await PDFDocument.load(b)).getPageCount()).toBe(2);
  });

  it('the nineteenth probe: a page left out of the page tree goes, whatever still points at it', async () => {
    const live = Buffer.from('BT /F1 12 Tf 50 700 Td (Trang con lai) Tj ET');
    const gone = Buffer.from('BT /F1 12 Tf 50 700 Td (NGUOIBAO trang da xoa) Tj ET');
    const dirty = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R /Outlines 7 0 R /StructTreeRoot 9 0 R /MarkInfo << /Marked true >> /AcroForm << /Fields [11 0 R] >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>',
      stream('', live),
      // Deleted: no longer in /Kids, yet a bookmark, a structure element and a form field point at it.
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 13 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [12 0 R] >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '<< /Type /Outlines /First 8 0 R /Last 8 0 R /Count 1 >>',
      '<< /Title (NGUOIBAO tieu de trang) /Parent 7 0 R /Dest [5 0 R /Fit] >>',
      '<< /Type /StructTreeRoot /K 10 0 R >>',
      // A child element inherits the page of its parent (no /Pg of its own).
      '<< /Type /StructElem /S /Sect /P 9 0 R /Pg 5 0 R /K [14 0 R] /ActualText (NGUOIBAO chu ky) >>',
      '<< /FT /Tx /T (hoten) /V (NGUOIBAO Nguyen Van A) /Kids [12 0 R] >>',
      '<< /Type /Annot /Subtype /Widget /Parent 11 0 R /P 5 0 R /Rect [0 0 100 20] >>',
      stream('', gone),
      '<< /Type /StructElem /S /P /P 10 0 R /K 0 /ActualText (NGUOIBAO doan con) /Alt (NGUOIBAO alt) >>',
    ]);
    const clean = (await cleanAttachment('don.pdf', dirty, MAX)).content;
    const all = await pdfText(clean);
    expect(all).not.toContain('NGUOIBAO');
    expect(all).toContain('Trang con lai');
    const doc = await PDFDocument.load(clean);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getForm().getFields()).toHaveLength(0);
  });

  it('the eighteenth probe: a PDF image keeps no proxy path, private keys under appearances, destinations, trees and separations go', async () => {
    const { deflateSync } = await import('node:zlib');
    const px = deflateSync(Buffer.alloc(12, 0x80));
    const draw = Buffer.from('q 10 0 0 10 50 700 cm /Im1 Do Q BT /F1 12 Tf 50 650 Td (Noi dung) Tj ET');
    const ap = Buffer.from('0 0 1 rg 0 0 10 10 re f');
    const dirty = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R /Dests << /d1 << /D [3 0 R /Fit] /Owner (NGUOIdest) >> >> /Names << /Dests << /Names [(d2) << /D [3 0 R /Fit] /Owner (NGUOIdest2) >>] >> >> /StructTreeRoot 8 0 R /MarkInfo << /Marked true >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> /Annots [7 0 R] /SeparationInfo << /Pages [3 0 R] /DeviceColorant /Cyan /Operator (NGUOIsep) >> /StructParents 0 >>',
      stream('', draw),
      stream(
        '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /OPI << /2.0 << /Type /OPI /Version 2.0 /F (C:\\Users\\NGUOIopi\\goc.tif) /Size [2 2] /CropRect [0 0 2 2] >> >> /Measure << /Subtype /GEO /GPTS [21 105 21 106] /Owner (NGUOImeasure) >>',
        px,
      ),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '<< /Type /Annot /Subtype /Link /Rect [50 540 200 560] /A << /S /URI /URI (https://example.org/x) >> /AP << /N 10 0 R /Owner (NGUOIap) >> >>',
      '<< /Type /StructTreeRoot /K 9 0 R /ParentTree << /Nums [0 [9 0 R]] /Owner (NGUOItree) >> >>',
      '<< /Type /StructElem /S /P /P 8 0 R /Pg 3 0 R /K 0 /Alt (Hinh) >>',
      stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', ap),
    ]);
    expect(text(dirty)).toContain('NGUOIopi');
    const clean = (await cleanAttachment('ban-do.pdf', dirty, MAX)).content;
    const all = await pdfText(clean);
    expect(all).not.toMatch(/NGUOI|OPI/);
    // What the page shows and how it is found stay: the text, the link, the tree, the destinations.
    expect(all).toContain('Noi dung');
    expect(all).toContain('https://example.org/x');
    expect(all).toMatch(/\/ParentTree/);
    expect(all).toMatch(/\/d1\s*<<\s*\/D\s*\[/);
  });

  it('the eighteenth probe: reference-only elements written open/close go whole; many namespace declarations stay linear', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
    const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
    // 20,000 prefixes on one element and 20,000 siblings declaring one more each: copying the prefix map per
    // declaring element took a minute for this 50 KB file.
    const decl = Array.from({ length: 20_000 }, (_, i) => ` xmlns:q${i}="urn:q"`).join('');
    const runs = '<a:r xmlns:z="urn:z"><a:t>z</a:t></a:r>'.repeat(20_000);
    const pkg = new JSZip();
    pkg.file(
      'ppt/slides/slide1.xml',
      `<p:sld xmlns:p="${P}" xmlns:a="${A}" xmlns:r="${REL}"><p:cSld${decl}><p:custDataLst><p:custData r:id="rIdT"></p:custData><p:tags r:id="rIdT">\n</p:tags></p:custDataLst>` +
        `<p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Nội dung</a:t></a:r>${runs}</a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`,
    );
    pkg.file(
      'ppt/slides/_rels/slide1.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" Type="${REL}/tags" Target="../tags/tag1.xml"/></Relationships>`,
    );
    pkg.file('ppt/tags/tag1.xml', `<p:tagLst xmlns:p="${P}"/>`);
    const out = await cleanPackageOf(await pkg.generateAsync({ type: 'nodebuffer' }), 'ooxml');
    const slide = await out.file('ppt/slides/slide1.xml')!.async('string');
    expect(slide).toMatch(/<p:custDataLst\s*(\/>|><\/p:custDataLst>)/);
    expect(slide).not.toMatch(/custData |<p:tags/);
    expect(slide).toContain('Nội dung');
    expect(slide.match(/<a:t>z<\/a:t>/g)).toHaveLength(20_000);
  }, 30_000);
});

/** A minimal EMF: header (with a description), the given records, end of file; lengths filled in. */
function emfOf(description: string, records: Buffer[]): Buffer {
  const desc = Buffer.from(description, 'utf16le');
  const header = Buffer.alloc(108 + desc.length + ((4 - (desc.length % 4)) % 4));
  header.writeUInt32LE(1, 0);
  header.writeUInt32LE(header.length, 4);
  header.write(' EMF', 40, 'latin1');
  header.writeUInt32LE(0x10000, 44);
  header.writeUInt32LE(desc.length / 2, 60);
  header.writeUInt32LE(desc.length ? 108 : 0, 64);
  desc.copy(header, 108);
  const eof = Buffer.alloc(20);
  eof.writeUInt32LE(14, 0);
  eof.writeUInt32LE(20, 4);
  const all = Buffer.concat([header, ...records, eof]);
  all.writeUInt32LE(all.length, 48);
  all.writeUInt32LE(records.length + 2, 52);
  return all;
}
const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
/** An EMR_GDICOMMENT record holding `data`. */
function gdiComment(data: Buffer): Buffer {
  const body = pad4(data);
  const r = Buffer.alloc(12);
  r.writeUInt32LE(70, 0);
  r.writeUInt32LE(12 + body.length, 4);
  r.writeUInt32LE(data.length, 8);
  return Buffer.concat([r, body]);
}
/** EMF+ object records for one object, cut in pieces of `piece` bytes (the "continued" flag on all but the last). */
function emfPlusObject(objectType: number, object: Buffer, piece = 1 << 30): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < object.length; at += piece) {
    const chunk = object.subarray(at, at + piece);
    const continued = at + piece < object.length;
    const head = Buffer.alloc(continued ? 16 : 12);
    head.writeUInt16LE(0x4008, 0);
    head.writeUInt16LE((objectType << 8) | 3 | (continued ? 0x8000 : 0), 2);
    const data = Buffer.concat([continued ? Buffer.alloc(4) : Buffer.alloc(0), pad4(chunk)]);
    if (continued) data.writeUInt32LE(object.length, 0);
    head.writeUInt32LE(12 + data.length, 4);
    head.writeUInt32LE(data.length, 8);
    out.push(gdiComment(Buffer.concat([Buffer.from('EMF+', 'latin1'), head.subarray(0, 12), data])));
  }
  return out;
}
const imageObject = (kind: 'bitmap' | 'metafile', data: Buffer) => {
  const head = Buffer.alloc(kind === 'bitmap' ? 28 : 16);
  head.writeUInt32LE(0xdbc01002, 0);
  head.writeUInt32LE(kind === 'bitmap' ? 1 : 2, 4);
  if (kind === 'bitmap') head.writeUInt32LE(1, 24);
  else {
    head.writeUInt32LE(3, 8);
    head.writeUInt32LE(data.length, 12);
  }
  return Buffer.concat([head, data]);
};
const utf16 = (s: string) => Buffer.from(s, 'utf16le');
/** The EMF+ objects of an EMF, each gathered from its pieces (as a reader would). */
function emfPlusObjectsOf(emf: Buffer): Buffer[] {
  const objects: Buffer[] = [];
  let pending: Buffer[] = [];
  for (let at = 0; at + 8 <= emf.length; ) {
    const size = emf.readUInt32LE(at + 4);
    if (emf.readUInt32LE(at) === 70 && emf.toString('latin1', at + 12, at + 16) === 'EMF+') {
      const flags = emf.readUInt16LE(at + 18);
      const continued = (flags & 0x8000) !== 0;
      const dataSize = emf.readUInt32LE(at + 24);
      pending.push(emf.subarray(at + 28 + (continued ? 4 : 0), at + 28 + dataSize));
      if (!continued) {
        objects.push(Buffer.concat(pending));
        pending = [];
      }
    }
    at += size;
  }
  return objects;
}

/** A Word file with one picture part, cleaned; the part as it comes out; whether bytes still name anyone. */
async function place(name: string, bytes: Buffer) {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
  zip.file(`word/media/${name}`, bytes);
  return zip.generateAsync({ type: 'nodebuffer' });
}
async function cleanedPart(name: string, bytes: Buffer) {
  const out = await JSZip.loadAsync(
    (await cleanAttachment('hinh.docx', await place(name, bytes), MAX)).content,
  );
  return Buffer.from(await out.file(`word/media/${name}`)!.async('uint8array'));
}
const leaks = (b: Buffer) =>
  [b.toString('latin1'), b.toString('utf16le'), b.subarray(1).toString('utf16le')].some(
    (s) => s.includes(PHONE) || s.includes(AUTHOR),
  );

describe('metafiles are read record by record (twenty-first probe)', () => {
  it("blanks comments, group descriptions, a nested metafile's description, a JPEG's comment inside EMF+ and a linked colour profile; the picture keeps its size and records", async () => {
    const jpeg = Buffer.from(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
        .jpeg()
        .toBuffer(),
    );
    const comment = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0, 2 + PHONE.length]),
      Buffer.from(PHONE, 'latin1'),
    ]);
    const jpegWithComment = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
    const nested = emfOf(`Visio\0C:\\Users\\${AUTHOR}\\so-do.vsdx\0\0`, []);
    const group = Buffer.concat([
      Buffer.from('GDIC', 'latin1'),
      Buffer.from([2, 0, 0, 0]),
      Buffer.alloc(16),
      Buffer.from([PHONE.length, 0, 0, 0]),
      utf16(PHONE),
    ]);
    // A bitmap record whose version-5 header links a colour profile by its path.
    const profile = Buffer.from(`C:\\Users\\${AUTHOR}\\a.icm\0`, 'latin1');
    const bmi = Buffer.alloc(124 + profile.length);
    bmi.writeUInt32LE(124, 0);
    bmi.write('KNIL', 56, 'latin1');
    bmi.writeUInt32LE(124, 112);
    bmi.writeUInt32LE(profile.length, 116);
    profile.copy(bmi, 124);
    const dib = Buffer.alloc(80);
    dib.writeUInt32LE(81, 0);
    dib.writeUInt32LE(80, 48); // offBmiSrc
    dib.writeUInt32LE(bmi.length, 52);
    const stretch = pad4(Buffer.concat([dib, bmi]));
    stretch.writeUInt32LE(stretch.length, 4);
    const emf = emfOf(`App\0C:\\Users\\${AUTHOR}\\anh.emf\0\0`, [
      gdiComment(Buffer.from(`private ${PHONE}`, 'latin1')),
      gdiComment(group),
      ...emfPlusObject(5, imageObject('bitmap', jpegWithComment), 24),
      ...emfPlusObject(5, imageObject('metafile', nested), 40),
      stretch,
    ]);
    const before = emfPlusObjectsOf(emf);
    expect(leaks(emf) || before.some(leaks)).toBe(true);
    expect(before.map((o) => o.length)).toEqual([
      pad4(Buffer.alloc(28 + jpegWithComment.length)).length,
      16 + nested.length,
    ]);
    const out = await cleanedPart('image1.emf', emf);
    const after = emfPlusObjectsOf(out);
    expect(leaks(out)).toBe(false);
    expect(after.some(leaks)).toBe(false);
    expect(out.length).toBe(emf.length);
    // Still the same pictures: the JPEG's scan data untouched and still a JPEG, the nested EMF an EMF.
    const scan = jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));
    expect(after[0]!.subarray(28, 30)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(after[0]!.includes(scan)).toBe(true);
    expect(after[1]!.subarray(16, 60)).toEqual(nested.subarray(0, 44));
    expect(out.readUInt32LE(48)).toBe(emf.length);
  });

  it("blanks a WMF's comment escapes", async () => {
    const text = Buffer.from(`${PHONE} C:\\Users\\x`, 'latin1');
    const commentRecord = Buffer.alloc(10 + text.length + (text.length % 2));
    commentRecord.writeUInt32LE(commentRecord.length / 2, 0);
    commentRecord.writeUInt16LE(0x0626, 4);
    commentRecord.writeUInt16LE(0x000f, 6);
    commentRecord.writeUInt16LE(text.length, 8);
    text.copy(commentRecord, 10);
    const header = Buffer.alloc(18);
    header.writeUInt16LE(1, 0);
    header.writeUInt16LE(9, 2);
    header.writeUInt16LE(0x300, 4);
    const eof = Buffer.from([3, 0, 0, 0, 0, 0]);
    const wmf = Buffer.concat([header, commentRecord, eof]);
    const out = await cleanedPart('image2.wmf', wmf);
    expect(leaks(out)).toBe(false);
    expect(out.length).toBe(wmf.length);
  });

  it('refuses a metafile whose records do not add up, or a texture brush it cannot clean', async () => {
    const broken = emfOf('', [gdiComment(Buffer.from(PHONE))]);
    broken.writeUInt32LE(4096, 112); // the comment's size runs past the end
    const brush = Buffer.alloc(8);
    brush.writeUInt32LE(2, 4);
    for (const bytes of [broken, emfOf('', emfPlusObject(1, brush))])
      await expect(cleanAttachment('hinh.docx', await place('image3.emf', bytes), MAX)).rejects.toMatchObject(
        {
          details: { fields: { files: { key: 'field.file_uncleanable' } } },
        },
      );
  });
});

/** A small TrueType file: a `head` table and a `name` table with the given names (as Windows and Mac records). */
function sfntOf(
  names: Record<number, string>,
  extra: Array<readonly [string, Buffer]> = [],
  magic = 0x00010000,
): Buffer {
  const records: Buffer[] = [];
  const strings: Buffer[] = [];
  let stored = 0;
  for (const [id, text] of Object.entries(names))
    for (const [platform, encoding, language, data] of [
      [3, 1, 0x409, Buffer.from(text, 'utf16le').swap16()],
      [1, 0, 0, Buffer.from(text, 'latin1')],
    ] as const) {
      const r = Buffer.alloc(12);
      for (const [i, v] of [platform, encoding, language, Number(id), data.length, stored].entries())
        r.writeUInt16BE(v, i * 2);
      records.push(r);
      strings.push(data);
      stored += data.length;
    }
  const nameHeader = Buffer.alloc(6);
  nameHeader.writeUInt16BE(records.length, 2);
  nameHeader.writeUInt16BE(6 + records.length * 12, 4);
  const nameTable = Buffer.concat([nameHeader, ...records, ...strings]);
  const head = Buffer.alloc(54);
  head.writeUInt32BE(0x00010000, 0);
  head.writeUInt32BE(0x5f0f3cf5, 12);
  head.writeBigUInt64BE(3_800_000_000n, 20); // created: a date in 2024
  head.writeBigUInt64BE(3_800_000_000n, 28);
  const tables = [['head', head] as const, ['name', nameTable] as const, ...extra];
  const dir = Buffer.alloc(12 + tables.length * 16);
  dir.writeUInt32BE(magic, 0);
  dir.writeUInt16BE(tables.length, 4);
  let offset = dir.length;
  const bodies: Buffer[] = [];
  tables.forEach(([t, data], i) => {
    const padded = pad4Be(data);
    dir.write(t, 12 + i * 16, 'latin1');
    dir.writeUInt32BE(sumOf(padded), 16 + i * 16);
    dir.writeUInt32BE(offset, 20 + i * 16);
    dir.writeUInt32BE(data.length, 24 + i * 16);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([dir, ...bodies]);
  font.writeUInt32BE((0xb1b0afba - sumOf(font)) >>> 0, dir.length + 8);
  return font;
}
const pad4Be = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
const sumOf = (b: Buffer) => {
  let s = 0;
  for (let i = 0; i < b.length; i += 4) s = (s + pad4Be(b.subarray(i, i + 4)).readUInt32BE(0)) >>> 0;
  return s;
};
/** Names in a font's name table by ID (Windows records), and whether every checksum holds. */
function fontFacts(font: Buffer) {
  const count = font.readUInt16BE(4);
  const names: Record<number, string> = {};
  let valid = sumOf(font) === 0xb1b0afba;
  for (let i = 0; i < count; i++) {
    const r = 12 + i * 16;
    const offset = font.readUInt32BE(r + 8);
    const length = font.readUInt32BE(r + 12);
    const table = font.subarray(offset, offset + length);
    const expected =
      font.toString('latin1', r, r + 4) === 'head'
        ? sumOf(pad4Be(Buffer.concat([table.subarray(0, 8), Buffer.alloc(4), table.subarray(12)])))
        : sumOf(pad4Be(table));
    valid &&= expected === font.readUInt32BE(r + 4);
    if (font.toString('latin1', r, r + 4) !== 'name') continue;
    const n = table.readUInt16BE(2);
    const strings = table.readUInt16BE(4);
    for (let j = 0; j < n; j++) {
      const rec = 6 + j * 12;
      // A name that was taken out keeps its record with an empty string.
      if (table.readUInt16BE(rec) !== 3 || table.readUInt16BE(rec + 8) === 0) continue;
      const from = strings + table.readUInt16BE(rec + 10);
      const data = Buffer.from(table.subarray(from, from + table.readUInt16BE(rec + 8)));
      names[table.readUInt16BE(rec + 6)] = data.swap16().toString('utf16le');
    }
  }
  return { names, valid };
}

describe("embedded fonts lose their maker's names (twenty-first probe)", () => {
  const personal = {
    0: `Copyright (c) 2024 ${AUTHOR} <${PHONE}@mail.vn>`,
    1: 'Chu Tay',
    2: 'Regular',
    3: `FontForge 2.0 : Chu Tay : DESKTOP-${PHONE}`,
    4: 'Chu Tay Regular',
    6: 'ChuTay-Regular',
    9: AUTHOR,
    10: `made from C:\\Users\\${PHONE}\\tay.sfd`,
  };
  const kept = { 1: 'Chu Tay', 2: 'Regular', 4: 'Chu Tay Regular', 6: 'ChuTay-Regular' };

  it('in Word (obfuscated), OpenDocument and PDF: only the names a renderer needs are kept, the checksums hold', async () => {
    const font = sfntOf(personal);
    expect(fontFacts(font)).toEqual({ names: personal, valid: true });
    // Word: the first 32 bytes XORed with the font key named in fontTable.xml.
    const fontKey = '{2C9D0D5A-3B1E-4F7A-9C8B-1D2E3F4A5B6C}';
    const key = Buffer.from(fontKey.replace(/[{}-]/g, ''), 'hex');
    const xor = (b: Buffer) => {
      const o = Buffer.from(b);
      for (let i = 0; i < 32; i++) o[i] = o[i]! ^ key[15 - (i % 16)]!;
      return o;
    };
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [] }] })));
    zip.file(
      'word/fontTable.xml',
      `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:font w:name="Chu Tay"><w:embedRegular r:id="rId1" w:fontKey="${fontKey}"/></w:font></w:fonts>`,
    );
    zip.file('word/fonts/font1.odttf', xor(font));
    const docx = await JSZip.loadAsync(
      (await cleanAttachment('chu.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const fromWord = xor(Buffer.from(await docx.file('word/fonts/font1.odttf')!.async('uint8array')));
    expect(fontFacts(fromWord)).toEqual({ names: kept, valid: true });
    expect(fromWord.length).toBe(font.length);
    expect(fromWord.includes(Buffer.from(PHONE, 'latin1'))).toBe(false);
    expect(fromWord.readBigUInt64BE(fromWord.indexOf(Buffer.from([0x5f, 0x0f, 0x3c, 0xf5])) + 8)).toBe(0n);

    // PDF: a FontFile2 stream of a font descriptor.
    const pdf = await PDFDocument.create();
    const page = pdf.addPage();
    const file = pdf.context.register(pdf.context.flateStream(font, { Length1: font.length }));
    const descriptor = pdf.context.register(
      pdf.context.obj({ Type: 'FontDescriptor', FontName: 'ChuTay-Regular', FontFile2: file }),
    );
    const pdfFont = pdf.context.register(
      pdf.context.obj({
        Type: 'Font',
        Subtype: 'TrueType',
        BaseFont: 'ChuTay-Regular',
        FontDescriptor: descriptor,
      }),
    );
    page.node.set(PDFName.of('Resources'), pdf.context.obj({ Font: { F1: pdfFont } }));
    const cleaned = await PDFDocument.load(
      (await cleanAttachment('chu.pdf', Buffer.from(await pdf.save()), MAX)).content,
    );
    const streams = cleaned.context
      .enumerateIndirectObjects()
      .filter(([, o]) => o instanceof PDFRawStream)
      .map(([, o]) => Buffer.from(decodePDFRawStream(o as PDFRawStream).decode()));
    const fromPdf = streams.find((s) => s.readUInt32BE(0) === 0x00010000)!;
    expect(fontFacts(fromPdf)).toEqual({ names: kept, valid: true });

    // A font whose table directory points past its end is refused, not kept unread.
    const broken = Buffer.from(font);
    broken.writeUInt32BE(font.length * 2, 12 + 16 + 8);
    const bad = await JSZip.loadAsync(await zip.generateAsync({ type: 'nodebuffer' }));
    bad.file('word/fonts/font1.odttf', xor(broken));
    await expect(
      cleanAttachment('chu.docx', await bad.generateAsync({ type: 'nodebuffer' }), MAX),
    ).rejects.toMatchObject({ details: { fields: { files: { key: 'field.file_uncleanable' } } } });
  });
});

describe('a Type 1 font keeps no comments or notice before its encrypted part', () => {
  it('blanks them with spaces, keeping every length and the font name', async () => {
    const { cleanFontProgram } = await import('./clean-font.ts');
    const clear = `%!PS-AdobeFont-1.0: ChuTay 001.000\n%%Creator: C:\\Users\\${PHONE}\\tay.sfd\n%%CreationDate: 1/12/2024\n/FontName /ChuTay def\n/Notice (Copyright \\(c\\) ${AUTHOR}) readonly def\ncurrentfile eexec\n`;
    const font = Buffer.concat([Buffer.from(clear, 'latin1'), Buffer.from([0x9d, 0x01, 0x02])]);
    const out = Buffer.from(cleanFontProgram(font)!);
    expect(out.length).toBe(font.length);
    const text = out.toString('latin1');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(AUTHOR);
    expect(text).toContain('/FontName /ChuTay def');
    expect(text.startsWith('%!PS-AdobeFont-1.0: ChuTay 001.000\n')).toBe(true);
    expect(out.subarray(clear.length)).toEqual(Buffer.from([0x9d, 0x01, 0x02]));
  });
});

describe('the twenty-second probe: records the walker skipped, pictures read to their end, fonts that cost too much', () => {
  const record = (type: number, body: Buffer) => {
    const r = pad4(Buffer.concat([Buffer.alloc(8), body]));
    r.writeUInt32LE(type, 0);
    r.writeUInt32LE(r.length, 4);
    return r;
  };
  const emfPlusRecord = (type: number, data: Buffer) => {
    const head = Buffer.alloc(12);
    head.writeUInt16LE(type, 0);
    const body = pad4(data);
    head.writeUInt32LE(12 + body.length, 4);
    head.writeUInt32LE(data.length, 8);
    return gdiComment(Buffer.concat([Buffer.from('EMF+', 'latin1'), head, body]));
  };

  it('blanks colour-space paths, printer escapes, EMF+ comments, a BMP’s linked profile and a JPEG comment after its scan; a clean PNG is kept', async () => {
    const colourSpace = Buffer.alloc(4 + 68 + 520);
    utf16(`C:\\Users\\${AUTHOR}\\profile.icm`).copy(colourSpace, 72);
    const printerEscape = Buffer.concat([
      Buffer.from([0x14, 0x10, 0, 0, 40, 0, 0, 0]),
      Buffer.from(`%%For: ${AUTHOR} ${PHONE}`, 'latin1'),
    ]);
    // A BMP whose version-5 header links a profile by its path.
    const profile = Buffer.from(`C:\\Users\\${PHONE}\\a.icm\0`, 'latin1');
    const bmp = Buffer.alloc(14 + 124 + profile.length);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(124, 14);
    bmp.write('KNIL', 14 + 56, 'latin1');
    bmp.writeUInt32LE(124, 14 + 112);
    bmp.writeUInt32LE(profile.length, 14 + 116);
    profile.copy(bmp, 14 + 124);
    const jpeg = Buffer.from(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0c0' } })
        .jpeg()
        .toBuffer(),
    );
    const eoi = jpeg.length - 2;
    const comment = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0, 2 + PHONE.length]),
      Buffer.from(PHONE, 'latin1'),
    ]);
    const lateComment = Buffer.concat([jpeg.subarray(0, eoi), comment, jpeg.subarray(eoi)]);
    const png = Buffer.from(
      await sharp({ create: { width: 2, height: 2, channels: 3, background: '#00c' } })
        .png()
        .toBuffer(),
    );
    const emf = emfOf('', [
      record(122, colourSpace),
      record(106, printerEscape),
      emfPlusRecord(0x4003, Buffer.from(`comment ${PHONE}`, 'latin1')),
      ...emfPlusObject(5, imageObject('bitmap', bmp)),
      ...emfPlusObject(5, imageObject('bitmap', lateComment)),
      ...emfPlusObject(5, imageObject('bitmap', png)),
    ]);
    expect(leaks(emf)).toBe(true);
    const out = await cleanedPart('image1.emf', emf);
    expect(leaks(out)).toBe(false);
    expect(out.length).toBe(emf.length);
    // The clean PNG is the same picture (nothing in it was metadata).
    expect(out.includes(png)).toBe(true);
  });

  it('blanks every WMF printerEscape (encapsulated PostScript too), refuses empty continued pieces and an SVM inside EMF+', async () => {
    const data = Buffer.from(`%!PS %%For: ${AUTHOR}`, 'latin1');
    const printerEscape = Buffer.alloc(10 + data.length + (data.length % 2));
    printerEscape.writeUInt32LE(printerEscape.length / 2, 0);
    printerEscape.writeUInt16LE(0x0626, 4);
    printerEscape.writeUInt16LE(0x1014, 6);
    printerEscape.writeUInt16LE(data.length, 8);
    data.copy(printerEscape, 10);
    const header = Buffer.alloc(18);
    header.writeUInt16LE(1, 0);
    header.writeUInt16LE(9, 2);
    const wmf = Buffer.concat([header, printerEscape, Buffer.from([3, 0, 0, 0, 0, 0])]);
    expect(leaks(await cleanedPart('image2.wmf', wmf))).toBe(false);
    // A continued piece with no data (a flood of them exhausted memory) and an SVM picture inside EMF+.
    const empty = Buffer.alloc(16);
    empty.writeUInt16LE(0x4008, 0);
    empty.writeUInt16LE(0x8503, 2);
    empty.writeUInt32LE(16, 4);
    empty.writeUInt32LE(4, 8);
    empty.writeUInt32LE(1000, 12);
    const flood = emfOf('', [gdiComment(Buffer.concat([Buffer.from('EMF+', 'latin1'), empty]))]);
    const svm = Buffer.concat([
      Buffer.from('VCLMTF', 'latin1'),
      Buffer.alloc(26),
      Buffer.from(PHONE, 'latin1'),
    ]);
    const nestedSvm = imageObject('metafile', svm);
    nestedSvm.writeUInt32LE(1, 8);
    for (const bytes of [flood, emfOf('', emfPlusObject(5, nestedSvm))])
      await expect(cleanAttachment('hinh.docx', await place('image3.emf', bytes), MAX)).rejects.toMatchObject(
        {
          details: { fields: { files: { key: 'field.file_uncleanable' } } },
        },
      );
  });

  it('a name table whose records all share one long string is cleaned in one pass; overlapping tables are refused; a Type 1 notice with parentheses is blanked whole', async () => {
    const { cleanFontProgram } = await import('./clean-font.ts');
    // 2,500 dropped records and 2,500 kept ones over one 60,000-byte string (the old check compared
    // every byte with every kept record: minutes).
    const count = 5000;
    const longString = Buffer.alloc(60_000, 0x41);
    Buffer.from(PHONE, 'latin1').copy(longString, 30_000);
    const table = Buffer.alloc(6 + count * 12);
    table.writeUInt16BE(count, 2);
    table.writeUInt16BE(table.length, 4);
    for (let i = 0; i < count; i++) {
      const r = 6 + i * 12;
      table.writeUInt16BE(3, r);
      table.writeUInt16BE(i % 2 ? 1 : 3, r + 6);
      table.writeUInt16BE(i % 2 ? 10 : 60_000, r + 8);
    }
    const font = sfntOf({ 1: 'X' });
    const nameAt = font.readUInt32BE(12 + 16 + 8);
    const big = Buffer.concat([font.subarray(0, nameAt), table, longString]);
    big.writeUInt32BE(table.length + longString.length, 12 + 16 + 12);
    const cleaned = Buffer.from(cleanFontProgram(big)!);
    expect(cleaned.includes(Buffer.from(PHONE, 'latin1'))).toBe(false);
    // The kept records' ten bytes stay.
    expect(cleaned.subarray(nameAt + table.length, nameAt + table.length + 10)).toEqual(
      Buffer.alloc(10, 0x41),
    );
    const overlapping = Buffer.from(font);
    overlapping.writeUInt32BE(font.readUInt32BE(12 + 8), 12 + 16 + 8); // name starts inside head
    expect(cleanFontProgram(overlapping)).toBeNull();
    const clear = `%!PS-AdobeFont-1.0: ChuTay 001.000\n/Notice (Copyright (c) 2024, ${AUTHOR} \\(${PHONE}\\)) readonly def\n/Weight (Regular 100%) def\n/FullName (Chu Tay) def\ncurrentfile eexec\n`;
    const t1 = Buffer.from(cleanFontProgram(Buffer.from(clear, 'latin1'))!).toString('latin1');
    expect(t1).not.toContain(AUTHOR);
    expect(t1).not.toContain(PHONE);
    // A % inside a string is not a comment: what follows it stays.
    expect(t1).toContain('/FullName (Chu Tay) def');
    expect(t1).toContain('/Weight (Regular 100%) def');
  });
});

describe('the twenty-third probe: CFF notices, fonts Liêm cannot read, StarView metafiles, Type 1 variants', () => {
  /** A CFF font program whose Top DICT names its full name, notice and copyright (SIDs 391–393). */
  const cffOf = (notice: string, copyright: string) => {
    const index = (items: Buffer[]) => {
      const head = Buffer.from([0, items.length, 1]);
      const offsets: number[] = [1];
      for (const it of items) offsets.push(offsets.at(-1)! + it.length);
      return Buffer.concat([head, Buffer.from(offsets), ...items]);
    };
    const sid = (n: number) => [28, n >> 8, n & 0xff];
    const dict = Buffer.from([...sid(391), 2, ...sid(392), 1, ...sid(393), 12, 0, 139, 17]);
    return Buffer.concat([
      Buffer.from([1, 0, 4, 1]),
      index([Buffer.from('ChuTay')]),
      index([dict]),
      index([
        Buffer.from('Chu Tay Regular'),
        Buffer.from(notice, 'latin1'),
        Buffer.from(copyright, 'latin1'),
      ]),
      index([]),
    ]);
  };
  const notice = `Copyright (c) 2024 Nguyen Van A <${PHONE}@mail.vn>`;
  const copyright = `C:\\Users\\${PHONE}\\tay.sfd`;

  it('blanks a CFF font’s notice and copyright, bare (PDF Type1C) or in OpenType, keeping its name, lengths and checksums', async () => {
    const { cleanableFont, cleanFontProgram } = await import('./clean-font.ts');
    const cff = cffOf(notice, copyright);
    expect(cleanableFont(cff)).toBe(true);
    const bare = Buffer.from(cleanFontProgram(cff)!);
    expect(bare.length).toBe(cff.length);
    expect(bare.includes(Buffer.from(PHONE))).toBe(false);
    expect(bare.toString('latin1')).toContain('Chu Tay Regular');
    const otf = sfntOf({ 1: 'Chu Tay' }, [['CFF ', cff]], 0x4f54544f);
    const cleaned = Buffer.from(cleanFontProgram(otf)!);
    expect(cleaned.includes(Buffer.from(PHONE))).toBe(false);
    expect(fontFacts(cleaned).valid).toBe(true);
    // A Top DICT that runs past its end is refused, not kept.
    const broken = Buffer.from(cff);
    broken[broken.indexOf(Buffer.from([12, 0])) + 1] = 0;
    broken[broken.indexOf(Buffer.from([139, 17])) + 1] = 255;
    expect(cleanFontProgram(broken)).toBeNull();
  });

  it('blanks tables no renderer reads (SVG glyph documents, a debug table) and keeps the checksums true', async () => {
    const { cleanFontProgram } = await import('./clean-font.ts');
    const svg = Buffer.from(`<svg><metadata><dc:creator>Nguyen Van A ${PHONE}</dc:creator></metadata></svg>`);
    const debg = Buffer.from(`{"paths": "/Users/${PHONE}/Fonts/features.fea"}`);
    const font = sfntOf({ 1: 'Chu Tay' }, [
      ['SVG ', svg],
      ['Debg', debg],
    ]);
    const cleaned = Buffer.from(cleanFontProgram(font)!);
    expect(cleaned.includes(Buffer.from(PHONE))).toBe(false);
    expect(fontFacts(cleaned)).toEqual({ names: { 1: 'Chu Tay' }, valid: true });
  });

  it('refuses fonts it cannot read (WOFF, WOFF2, EOT, PFB) in packages and PDFs, and StarView metafiles; leaves out chart previews', async () => {
    const { cleanableFont } = await import('./clean-font.ts');
    const woff = Buffer.concat([Buffer.from('wOFF'), Buffer.from([0, 1, 0, 0]), Buffer.from(PHONE)]);
    const eot = Buffer.alloc(120);
    eot.writeUInt16LE(0x504c, 34);
    const pfb = Buffer.concat([
      Buffer.from([0x80, 0x01, 40, 0, 0, 0]),
      Buffer.from(`%!PS-AdobeFont-1.0: X\n%%Creator: ${PHONE}`),
    ]);
    for (const f of [woff, Buffer.from('wOF2xxxxxxxx'), eot, pfb]) expect(cleanableFont(f)).toBe(false);
    const odt = async (files: Record<string, Buffer | string>) => {
      const zip = new JSZip();
      zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
      zip.file('META-INF/manifest.xml', '<manifest:manifest xmlns:manifest="x"/>');
      zip.file(
        'content.xml',
        declared(
          '<office:document-content><office:body><office:text><text:p>Noi dung</text:p></office:text></office:body></office:document-content>',
        ),
      );
      for (const [name, data] of Object.entries(files)) zip.file(name, data);
      return zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/vnd.oasis.opendocument.text' });
    };
    const svm = Buffer.concat([Buffer.from('VCLMTF', 'latin1'), Buffer.alloc(26), Buffer.from(PHONE)]);
    const refused: Array<Record<string, Buffer>> = [
      { 'Fonts/tay.ttf': woff },
      { 'Fonts/tay.eot': eot },
      { 'Pictures/a.svm': svm },
    ];
    for (const files of refused)
      await expect(cleanAttachment('a.odt', await odt(files), MAX)).rejects.toMatchObject({
        details: { fields: { files: { key: 'field.file_uncleanable' } } },
      });
    // Chart and formula previews (StarView) are left out: LibreOffice draws them again on opening.
    const chart = await cleanAttachment(
      'bieu-do.odt',
      await odt({ 'ObjectReplacements/Object 1': svm }),
      MAX,
    );
    const out = await JSZip.loadAsync(chart.content);
    expect(out.file('ObjectReplacements/Object 1')).toBeNull();
    expect(Buffer.from(chart.content).includes(Buffer.from(PHONE))).toBe(false);

    // PDF: a FontFile stream holding a PFB is not passed on a signature check.
    const pdf = await PDFDocument.create();
    const page = pdf.addPage();
    const file = pdf.context.register(pdf.context.flateStream(pfb, { Length1: pfb.length }));
    const descriptor = pdf.context.register(
      pdf.context.obj({ Type: 'FontDescriptor', FontName: 'X', FontFile: file }),
    );
    const f1 = pdf.context.register(
      pdf.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'X', FontDescriptor: descriptor }),
    );
    page.node.set(PDFName.of('Resources'), pdf.context.obj({ Font: { F1: f1 } }));
    await expect(cleanAttachment('a.pdf', Buffer.from(await pdf.save()), MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_uncleanable' } } },
    });
  });

  it('a Type 1 font loses a hex notice, words after its name and version, and text after cleartomark', async () => {
    const { cleanFontProgram } = await import('./clean-font.ts');
    const hex = Buffer.from(`Nguyen Van A ${PHONE}`, 'latin1').toString('hex');
    const clear = `%!PS-AdobeFont-1.0: ChuTay 001.000 C:\\Users\\${PHONE}\\tay.sfd\n/Notice <${hex}> readonly def\n/FullName (Chu Tay) def\ncurrentfile eexec\n`;
    const trailer = `${'0'.repeat(64)}\ncleartomark\n%%Trailer ${PHONE}\n`;
    const font = Buffer.concat([
      Buffer.from(clear, 'latin1'),
      Buffer.from([0x9d, 0x01, 0x02]),
      Buffer.from(trailer, 'latin1'),
    ]);
    const out = Buffer.from(cleanFontProgram(font)!);
    expect(out.length).toBe(font.length);
    const text = out.toString('latin1');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(hex.slice(0, 20));
    expect(text.startsWith('%!PS-AdobeFont-1.0: ChuTay 001.000 ')).toBe(true);
    expect(text).toContain('/FullName (Chu Tay) def');
    expect(text).toContain('cleartomark');
  });
});

describe('the twenty-fourth probe: streams pdf-lib decodes while it loads', () => {
  const tooLarge = { details: { fields: { files: { key: 'field.file_unpacked_too_large' } } } };
  const head = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>',
  ];
  const bomb = deflateSync(Buffer.alloc(150 * 1024 * 1024, 0));

  it('a cross-reference stream that inflates past the budget, or declares millions of entries, is refused', async () => {
    const inflating = rawPdf([...head, stream('/Type /XRef /Size 5 /W [1 2 1] /Filter /FlateDecode', bomb)]);
    await expect(cleanAttachment('xref.pdf', inflating, MAX)).rejects.toMatchObject(tooLarge);
    // No bytes per entry: pdf-lib would still make one reference for each of the five million.
    const declared = rawPdf([
      ...head,
      stream('/Type /XRef /Size 5000000 /W [0 0 0] /Index [0 5000000]', Buffer.alloc(0)),
    ]);
    await expect(cleanAttachment('xref-index.pdf', declared, MAX)).rejects.toMatchObject(tooLarge);
  });

  it('an object stream is known as pdf-lib knows it: an escaped name, a comment, a type by reference', async () => {
    for (const type of ['/Type /Obj#53tm', '/Type %c\n/ObjStm', '/Type 5 0 R'])
      await expect(
        cleanAttachment(
          'objstm.pdf',
          rawPdf([...head, stream(`${type} /N 1 /First 4 /Filter /FlateDecode`, bomb), '/ObjStm']),
          MAX,
        ),
      ).rejects.toMatchObject(tooLarge);
  });

  it('objects are counted as pdf-lib parses them, also when a comment splits "1 0 obj"', async () => {
    const objs = Array.from({ length: 200_001 }, (_, i) => `${i + 10} 0 %\nobj ${i} endobj\n`).join('');
    const pdf = Buffer.concat([rawPdf(head), Buffer.from(objs, 'latin1')]);
    await expect(cleanAttachment('many.pdf', pdf, MAX)).rejects.toMatchObject(tooLarge);
    // A document of ordinary size still loads and is cleaned.
    expect((await cleanAttachment('ok.pdf', rawPdf(head), MAX)).mime).toBe('application/pdf');
  });
});

describe('documents are cleaned in a worker with a memory cap and a time limit', () => {
  it('a PDF that makes pdf-lib hold millions of references is refused, and this process keeps nothing of it', async () => {
    const refs = Array.from({ length: 1_500_000 }, (_, i) => `${i + 100} 0 R`).join(' ');
    const pdf = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Private [${refs}] >>`,
    ]);
    const before = process.memoryUsage().heapUsed;
    await expect(
      stripIsolated('application/pdf', pdf, {}, { memoryMb: 64, timeoutMs: 60_000 }),
    ).rejects.toBeInstanceOf(ExpansionLimit);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 2 ** 20);
  });

  it('a document still being cleaned when its time is up is refused as too large', async () => {
    const pdf = rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    await expect(
      stripIsolated('application/pdf', pdf, {}, { memoryMb: 256, timeoutMs: 1 }),
    ).rejects.toBeInstanceOf(ExpansionLimit);
    expect((await stripIsolated('application/pdf', pdf, {})).content.length).toBeGreaterThan(0);
  });
});

describe('the twenty-fourth probe: strings left in CID fonts, structure attributes, PDF 2.0 file specifications', () => {
  it('blanks a CID-keyed CFF font’s PostScript and base-font strings and its Font DICTs’ notices, keeping names', async () => {
    const { cleanFontProgram } = await import('./clean-font.ts');
    const index = (items: Buffer[]) => {
      const offsets = [1];
      for (const it of items) offsets.push(offsets.at(-1)! + it.length);
      return Buffer.concat([Buffer.from([0, items.length, 1]), Buffer.from(offsets), ...items]);
    };
    const sid = (n: number) => [28, n >> 8, n & 0xff];
    const strings = index(
      [
        'Adobe',
        'Identity',
        `/OrigFontName (C:\\Users\\${PHONE}) def`,
        `base-${PHONE}`,
        'ChuTay-CID',
        `fd ${PHONE}`,
      ].map((s) => Buffer.from(s, 'latin1')),
    );
    const top = (fdArrayAt: number) =>
      Buffer.from([
        ...sid(391),
        ...sid(392),
        139,
        12,
        30, // ROS Adobe-Identity-0
        ...sid(393),
        12,
        21, // PostScript
        ...sid(394),
        12,
        22, // BaseFontName
        29,
        fdArrayAt >> 24,
        (fdArrayAt >> 16) & 0xff,
        (fdArrayAt >> 8) & 0xff,
        fdArrayAt & 0xff,
        12,
        36,
      ]);
    const names = index([Buffer.from('ChuTay-CID')]);
    const before = 4 + names.length + index([top(0)]).length + strings.length + index([]).length;
    const fd = index([Buffer.from([...sid(395), 12, 38, ...sid(396), 1])]);
    const cff = Buffer.concat([
      Buffer.from([1, 0, 4, 1]),
      names,
      index([top(before)]),
      strings,
      index([]),
      fd,
    ]);
    const cleaned = Buffer.from(cleanFontProgram(cff)!);
    expect(cleaned.length).toBe(cff.length);
    expect(cleaned.includes(Buffer.from(PHONE))).toBe(false);
    expect(cleaned.toString('latin1')).toContain('ChuTay-CID');
    // An FDArray offset outside the font is refused, not followed.
    expect(
      cleanFontProgram(
        Buffer.concat([Buffer.from([1, 0, 4, 1]), names, index([top(1 << 30)]), strings, index([])]),
      ),
    ).toBeNull();
  });

  it('keeps only the standard keys of structure attributes, drops free-form owners, file specifications written in place, remarks on new annotation kinds and links that carry an account', async () => {
    const pdf = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Annots [6 0 R 7 0 R 8 0 R] >>',
      `<< /Type /StructTreeRoot /K [5 0 R] /Namespaces [<< /Type /Namespace /NS (http://ns.example/) /Schema << /Type /Filespec /F (C:\\\\Users\\\\${PHONE}\\\\schema.xsd) >> >>] /PronunciationLexicon [<< /F (C:\\\\Users\\\\${PHONE}\\\\lexicon.pls) >>] >>`,
      `<< /Type /StructElem /S /P /P 4 0 R /A [<< /O /Layout /Placement /Block /Private (${PHONE}a) >> << /O /NSO /NS 9 0 R /Mine (${PHONE}b) >> << /O /HTML-4.01 /title (${PHONE}c) >>] >>`,
      `<< /Type /Annot /Subtype /Projection /Rect [0 0 10 10] /Contents (${PHONE} remark) >>`,
      `<< /Type /Annot /Subtype /Link /Rect [0 20 10 30] /A << /S /URI /URI (https://drive.example/d/1?usp=sharing&authuser=${PHONE}%40gmail.com) >> >>`,
      '<< /Type /Annot /Subtype /Link /Rect [0 40 10 50] /A << /S /URI /URI (https://thanhtra.example.vn/van-ban?id=7) >> >>',
      '<< /Type /Namespace /NS (http://ns.example/) >>',
    ]);
    const out = await pdfText((await cleanAttachment('pdf2.pdf', pdf, MAX)).content);
    expect(out).not.toContain(PHONE);
    expect(out).toContain('/Placement /Block');
    expect(out).toContain('thanhtra.example.vn/van-ban?id=7');
  });
});

describe('the twenty-fifth probe: files made by LibreOffice', () => {
  /** An OpenDocument spreadsheet package around one content part. */
  const spreadsheet = (content: string) => {
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file(
      'META-INF/manifest.xml',
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    );
    ods.file('content.xml', content);
    return ods;
  };

  it("drops a signature line's suggested signer's e-mail and instructions (Word's and LibreOffice's), keeping the drawn name", async () => {
    const zip = await JSZip.loadAsync(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Ký tên')] }] })),
    );
    const doc = await zip.file('word/document.xml')!.async('string');
    zip.file(
      'word/document.xml',
      doc.replace(
        '<w:body>',
        `<w:body><w:p><w:r><w:pict xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><v:shape id="s1"><o:signatureline v:ext="edit" id="{1}" o:suggestedsigner="Nguyễn Văn A" o:suggestedsigneremail="${PHONE}@gmail.com" o:signinginstructions="${PHONE} ký trước ngày 5"/></v:shape></w:pict></w:r></w:p>`,
      ),
    );
    const word = await JSZip.loadAsync(
      (await cleanAttachment('ky.docx', await zip.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const out = await word.file('word/document.xml')!.async('string');
    expect(out).not.toContain(PHONE);
    expect(out).toContain('o:suggestedsigner="Nguyễn Văn A"');

    const ods = spreadsheet(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell><draw:frame><draw:image><loext:signatureline loext:id="{1}" loext:suggested-signer-name="Nguyễn Văn A" loext:suggested-signer-email="${PHONE}@gmail.com" loext:signing-instructions="${PHONE} ký"/></draw:image></draw:frame></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`,
    );
    const sheet = await JSZip.loadAsync(
      (await cleanAttachment('ky.ods', await ods.generateAsync({ type: 'nodebuffer' }), MAX)).content,
    );
    const content = await sheet.file('content.xml')!.async('string');
    expect(content).not.toContain(PHONE);
    expect(content).toContain('Nguyễn Văn A');
  });

  it('cleans an ordinary .ods whose one content part is over 32 MB (every sheet is in it)', async () => {
    const row =
      '<table:table-row>' +
      Array.from(
        { length: 10 },
        (_, i) => `<table:table-cell office:value-type="string"><text:p>Ô ${i}</text:p></table:table-cell>`,
      ).join('') +
      '</table:table-row>';
    const rows = row.repeat(Math.ceil((34 * 1024 * 1024) / row.length));
    const ods = spreadsheet(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="S">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`,
    );
    const file = await ods.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const out = await cleanAttachment('bang.ods', file, MAX);
    expect(out.mime).toBe('application/vnd.oasis.opendocument.spreadsheet');
  }, 120_000);
});
