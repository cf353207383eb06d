import JSZip from 'jszip';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanAttachment } from './attachments.ts';

const MAX = 5 * 1024 * 1024;
const AUTHOR = 'Nguyen Van Tac Gia';

describe('attachments lose their metadata', () => {
  it('PNG text chunks and JPEG EXIF/GPS', async () => {
    const png = await sharp({ create: { width: 3, height: 3, channels: 3, background: 'green' } })
      .png()
      .withMetadata({ exif: { IFD0: { Artist: AUTHOR } } })
      .toBuffer();
    expect(png.includes(Buffer.from(AUTHOR))).toBe(true);
    const cleanPng = await cleanAttachment('a.png', png, MAX);
    expect(cleanPng.mime).toBe('image/png');
    expect(Buffer.from(cleanPng.content).includes(Buffer.from(AUTHOR))).toBe(false);
    expect((await sharp(cleanPng.content).metadata()).width).toBe(3);

    const jpg = await sharp({ create: { width: 3, height: 3, channels: 3, background: 'red' } })
      .jpeg()
      .withExif({ IFD0: { Artist: AUTHOR }, IFD3: { GPSLatitudeRef: 'N' } })
      .toBuffer();
    const cleanJpg = await cleanAttachment('b.jpg', jpg, MAX);
    expect((await sharp(cleanJpg.content).metadata()).exif).toBeUndefined();
  });

  it('PDF document information and XMP', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawText('Bang chung');
    doc.setAuthor(AUTHOR);
    doc.setTitle('Bao cao mat');
    doc.setProducer('Producer X');
    const xmp = doc.context.stream(`<x:xmpmeta><dc:creator>${AUTHOR}</dc:creator></x:xmpmeta>`, {
      Type: 'Metadata',
      Subtype: 'XML',
    });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(bytes.includes(Buffer.from(AUTHOR))).toBe(true);
    const clean = await cleanAttachment('c.pdf', bytes, MAX);
    expect(clean.mime).toBe('application/pdf');
    const text = Buffer.from(clean.content).toString('latin1');
    expect(text).not.toContain(AUTHOR);
    expect(text).not.toContain('Producer X');
    const reread = await PDFDocument.load(clean.content, { updateMetadata: false });
    expect(reread.getPageCount()).toBe(1);
    expect(reread.getAuthor()).toBeUndefined();
  });

  it('Word document properties', async () => {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    zip.file(
      'word/document.xml',
      '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Noi dung</w:t></w:r></w:p></w:body></w:document>',
    );
    zip.file(
      'docProps/core.xml',
      `<cp:coreProperties><dc:creator>${AUTHOR}</dc:creator></cp:coreProperties>`,
    );
    zip.file('docProps/app.xml', '<Properties><Company>Cong ty Bi Mat</Company></Properties>');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const clean = await cleanAttachment('d.docx', bytes, MAX);
    expect(clean.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const out = await JSZip.loadAsync(clean.content);
    expect(await out.file('docProps/core.xml')!.async('string')).not.toContain(AUTHOR);
    expect(await out.file('docProps/app.xml')!.async('string')).not.toContain('Cong ty Bi Mat');
    expect(await out.file('word/document.xml')!.async('string')).toContain('Noi dung');
  });

  it('refuses damaged files and names them', async () => {
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x41)]);
    await expect(cleanAttachment('hong.pdf', broken, MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_unreadable', values: { name: 'hong.pdf' } } } },
    });
    await expect(cleanAttachment('to.pdf', Buffer.alloc(MAX + 1, 1), MAX)).rejects.toMatchObject({
      details: { fields: { files: { key: 'field.file_too_large' } } },
    });
  });
});
