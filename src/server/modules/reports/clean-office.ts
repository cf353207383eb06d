import type JSZipType from 'jszip';
import { cleanableFont, cleanFontProgram } from './clean-font.ts';
import { cleanMetafile } from './clean-metafile.ts';
import { type Cleaned, ExpansionLimit, hidesMetadata, MAX_DECODED_BYTES, type Residue } from './clean-pdf.ts';
import { cleanXml, rootOf } from './clean-xml.ts';

/** Every entry gets this time: the archive's own dates tell when and in which timezone it was made. */
const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1));

const emptyCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`;
const emptyApp = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"></Properties>`;
const emptyCustom = emptyApp.replace('extended-properties', 'custom-properties');
const emptyOdfMeta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>`;

/**
 * Parts that only say who worked on a document: thumbnails, comments and their authors, the people list,
 * custom XML (often document-management ids), and printer settings' binary blobs.
 */
// Part names are case-insensitive in OOXML (CustomXml/ is customXml/): every pattern is matched so.
const DROPPED_OOXML = [
  /^docProps\/thumbnail\.[a-z]+$/i,
  // Wherever they sit (the glossary document has its own).
  /(^|\/)(comments|commentsExtended|commentsIds|commentsExtensible|people)\.xml$/i,
  // PowerPoint add-ins' tags (LASTSAVEDBY and the like).
  /^ppt\/tags\//i,
  /^customXml\//i,
  /^xl\/comments\d*\.xml$/i,
  /^xl\/threadedComments\//i,
  /^xl\/persons\//i,
  /^ppt\/comments\//i,
  /^ppt\/(commentAuthors|authors)\.xml$/i,
  /\/printerSettings\//i,
  // Co-authoring and shared-workbook logs: who changed what, with their account names.
  /^ppt\/changesInfos\//i,
  /^ppt\/revisionInfo\.xml$/i,
  /^xl\/revisions\//i,
  // Digital signatures carry the signer's certificate (a name, often an ID number); cleaning breaks them.
  /^_xmlsignatures\//i,
  // Sensitivity labels name the organisation's Microsoft 365 tenant.
  /^docMetadata\//i,
  // Office add-ins (task panes) and their settings: accounts, addresses, whatever the add-in kept.
  /(^|\/)webextensions\//i,
  // Macro names and keyboard bindings of a macro project: the project itself is refused or left out.
  /(^|\/)vbaData\.xml$/i,
];
const DROPPED_ODF = [
  // Macros (Basic modules and their dialogs, scripts): code, with its author's remarks, that runs.
  /^Basic\//,
  /^Dialogs\//,
  /^Scripts\//,
  /^Thumbnails\//,
  /(^|\/)layout-cache$/,
  /^META-INF\/(documentsignatures|macrosignatures)\.xml$/,
  // Previews of charts and formulas, as StarView metafiles Liêm cannot read (LibreOffice draws them anew).
  /^ObjectReplacements\//,
  // Saved versions: each with its author, date and comment.
  /^VersionList\.xml$/,
  // RDF metadata files (ODF 1.2 §4): statements about anything, a person's name, e-mail and phone among
  // them (26th probe). The package's own manifest.rdf is written anew (ODF_MANIFEST_RDF).
  /^(?!manifest\.rdf$).*\.rdf$/i,
];
/**
 * An OpenDocument's manifest.rdf as LibreOffice writes it for a new document: the package is a document
 * whose parts are its content and styles. Nothing a producer or a person added to it is kept.
 */
const ODF_MANIFEST_RDF = (parts: string[]) => {
  const ns = 'http://docs.oasis-open.org/ns/office/1.2/meta';
  const types: Record<string, string> = { 'content.xml': 'ContentFile', 'styles.xml': 'StylesFile' };
  const listed = parts.filter((p) => p in types);
  return `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
${listed
  .map(
    (p) =>
      `  <rdf:Description rdf:about="${p}"><rdf:type rdf:resource="${ns}/odf#${types[p]}"/></rdf:Description>
  <rdf:Description rdf:about=""><ns0:hasPart xmlns:ns0="${ns}/pkg#" rdf:resource="${p}"/></rdf:Description>`,
  )
  .join('\n')}
  <rdf:Description rdf:about=""><rdf:type rdf:resource="${ns}/pkg#Document"/></rdf:Description>
</rdf:RDF>
`;
};

const RASTER = /\.(jpe?g|jfif|jpe|png|gif|webp|tiff?)$/i;
/** Folders of embedded pictures and media (LibreOffice keeps audio and video in Media/): checked by content. */
const MEDIA = /(^|\/)(media|Media|Pictures|ObjectReplacements)\//;
/** Vector formats kept as they are: they carry no EXIF-like block (EMF/WMF), or are cleaned as text (SVG). */
const VECTOR = /\.(emf|wmf|svm|svg)$/i;
/**
 * Parts kept as they are once nothing above has handled them: ODF's mimetype and embedded fonts (their
 * names say who made the font, not the document); metafile previews are kept when their bytes are one.
 * Anything else is refused, not kept unexamined: a HEIC, AVIF or JPEG 2000 picture outside a media
 * folder, or a part some editor adds tomorrow.
 */
/** Parts in one package, and packages inside packages, beyond which a file is refused as too large. */
const MAX_ENTRIES = 10_000;
/**
 * Bytes of one XML part. A thousand-page document's text is 5–15 MB; a 50,000-row sheet about 15 MB in
 * .xlsx but ~65 MB in .ods, which keeps every sheet in one part at ~1,350 bytes a 10-column row (the
 * 25th probe: an ordinary 1.6 MB .ods was refused at 32 MB). Parts are read at ~2 MB/s, so this is
 * about 50 s, within the worker's time limit; the package's budget (MAX_DECODED_BYTES) still bounds
 * all parts together.
 */
const MAX_XML_PART = 96 * 1024 * 1024;
const MAX_NESTING = 3;

interface ChunkStream {
  on(event: 'data', f: (chunk: Uint8Array) => void): ChunkStream;
  on(event: 'error', f: (e: Error) => void): ChunkStream;
  on(event: 'end', f: () => void): ChunkStream;
  pause(): ChunkStream;
  resume(): ChunkStream;
}

const FONT_PART = /(^|\/)(fonts|Fonts)\/[^/]+\.(odttf|ttf|otf|fntdata|eot)$/i;
/** OpenDocument's first entry says what the package is, and nothing else. */
const ODF_MIMETYPE = /^application\/vnd\.oasis\.opendocument\.[a-z.-]+$/;

/**
 * An embedded font is kept when its bytes are a font (TrueType, OpenType, a collection, WOFF, EOT) —
 * Word's obfuscated fonts once the key from fontTable.xml is undone — and hold no metadata container;
 * a TrueType or OpenType font (also a collection) is rewritten without its maker's names (clean-font.ts),
 * obfuscated again with the same key. Null: refused.
 */
function cleanedFont(bytes: Uint8Array, keys: Uint8Array[]): Uint8Array | null {
  for (const key of [null, ...keys]) {
    const b = key ? deobfuscated(bytes, key) : bytes;
    const head = String.fromCharCode(...b.subarray(0, 4));
    // Only what clean-font.ts reads: WOFF, WOFF2 and EOT (PowerPoint's embedded fonts) are refused.
    const font =
      ((b[0] === 0 && b[1] === 1 && b[2] === 0 && b[3] === 0) || ['OTTO', 'true', 'ttcf'].includes(head)) &&
      cleanableFont(b);
    if (!font) continue;
    const cleaned = cleanFontProgram(b);
    if (!cleaned || hidesMetadata(cleaned, 'font')) return null;
    return key ? deobfuscated(cleaned, key) : cleaned;
  }
  return null;
}

/** Word's font obfuscation (ECMA-376 Part 2): the first 32 bytes XORed with the font key, last byte first. */
function deobfuscated(bytes: Uint8Array, key: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = out[i]! ^ key[15 - (i % 16)]!;
  return out;
}
const fontKeysOf = (fontTable: string | undefined): Uint8Array[] =>
  [...(fontTable ?? '').matchAll(/fontKey="\{?([0-9A-Fa-f-]{36})\}?"/g)].map((m) => {
    const hex = m[1]!.replace(/-/g, '');
    // The GUID's text, read as bytes in its printed order.
    return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  });

/** A metafile by its first bytes (EMF, WMF, or LibreOffice's SVM): a photo renamed .emf is not one. */
function isMetafile(b: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  const emf = b[0] === 1 && b[1] === 0 && b[2] === 0 && b[3] === 0 && ascii(40, 44) === ' EMF';
  const placeableWmf = b[0] === 0xd7 && b[1] === 0xcd && b[2] === 0xc6 && b[3] === 0x9a;
  const wmf = (b[0] === 1 || b[0] === 2) && b[1] === 0 && b[2] === 9 && b[3] === 0;
  return emf || placeableWmf || wmf || ascii(0, 6) === 'VCLMTF';
}

/** Which document-properties part this is: by its usual path in any case, or by its root element. */
function propertiesKind(path: string, bytes: Uint8Array): 'core' | 'app' | 'custom' | null {
  const named = /^docProps\/(core|app|custom)\.xml$/i.exec(path)?.[1]?.toLowerCase();
  if (named) return named as 'core' | 'app' | 'custom';
  const root = rootOf(new TextDecoder().decode(bytes));
  if (root?.local === 'coreProperties' && /package\/2006\/metadata\/core-properties$/.test(root.uri))
    return 'core';
  // Transitional (…/extended-properties) and Strict (…/extendedProperties) spellings.
  if (root?.local === 'Properties' && /\/extended-?properties$/i.test(root.uri)) return 'app';
  if (root?.local === 'Properties' && /\/custom-?properties$/i.test(root.uri)) return 'custom';
  return null;
}

/** XML and relationship parts are UTF-8 text: a NUL byte or invalid UTF-8 means something else hides there. */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

async function isRaster(bytes: Uint8Array): Promise<boolean> {
  const { fileTypeFromBuffer } = await import('file-type');
  const t = await fileTypeFromBuffer(bytes);
  return !!t && ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff'].includes(t.mime);
}

function resolveTarget(relsPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  // word/_rels/document.xml.rels → targets are relative to word/.
  const base = relsPath
    .replace(/_rels\/[^/]*\.rels$/, '')
    .split('/')
    .filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') base.pop();
    else if (part !== '.') base.push(part);
  }
  return base.join('/');
}

const RELATIONSHIPS_NS =
  /^http:\/\/(schemas\.openxmlformats\.org\/officeDocument\/2006|purl\.oclc\.org\/ooxml\/officeDocument)\/relationships$/;
/** Elements that only point at a part, their reference required: they go with the part. */
const REFERENCE_ONLY = new Set([
  // PowerPoint's add-in tags and custom data, and media links (their parts are always or optionally dropped).
  'tags',
  'custData',
  'videoFile',
  'audioFile',
  'quickTimeFile',
  'wavAudioFile',
  'media',
  'customPr',
  'printerSettings',
  'commentRel',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawing',
  'picture',
  'headerReference',
  'footerReference',
  'OLEObject',
  'oleObject',
  'control',
  'tablePart',
]);

/**
 * A part as the cleaner wrote it, without references to relationships that were removed: an element that
 * only points at the part goes whole, any other keeps everything but the reference. Tags are matched as
 * written by `cleanXml` (quoted attributes; `<` and `>` escaped in text and values).
 */
function withoutReferences(xml: string, gone: ReadonlySet<string>): string {
  // Most parts that lose a relationship never pointed at it: nothing to rewrite.
  if (![...gone].some((id) => xml.includes(`="${id}"`))) return xml;
  const OFFICE_NS = 'urn:schemas-microsoft-com:office:office';
  // Prefixes are scoped: a prefix bound to the relationships namespace on one element may mean something
  // else below another. Each open element that declares prefixes adds a frame linked to its parent's (no
  // copying: thousands of declarations on thousands of elements must stay linear); its end tag drops it.
  type Frame = { parent: Frame | null; bindings: Map<string, string> };
  const open: Frame[] = [{ parent: null, bindings: new Map() }];
  const nsOf = (frame: Frame, prefix: string): string => {
    const ns = frame.bindings.get(prefix);
    if (ns !== undefined) return ns;
    const found = frame.parent ? nsOf(frame.parent, prefix) : '';
    frame.bindings.set(prefix, found); // remembered: siblings under a deep declaration look up once
    return found;
  };
  const tags = /<(\/?)([^\s<>/!?]+)((?:\s[^\s=<>]+="[^"]*")*)(\s*\/?)>/g;
  let out = '';
  let last = 0;
  /** Depth of an element being dropped with its content (a reference-only element written open/close). */
  let skipping = 0;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    const [tag, closing, name, attrs, end] = m as unknown as [string, string, string, string, string];
    const selfClosing = end.includes('/');
    if (skipping > 0) {
      if (closing) skipping--;
      else if (!selfClosing) skipping++;
      if (closing) open.pop();
      else if (!selfClosing) open.push(open.at(-1)!);
      last = tags.lastIndex;
      continue;
    }
    out += xml.slice(last, m.index);
    last = tags.lastIndex;
    if (closing) {
      if (open.length > 1) open.pop();
      out += tag;
      continue;
    }
    const list = [...attrs.matchAll(/\s([^\s=]+)="([^"]*)"/g)];
    let frame = open.at(-1)!;
    const declared = list.filter((a) => a[1]!.startsWith('xmlns:'));
    if (declared.length > 0)
      frame = { parent: frame, bindings: new Map(declared.map((a) => [a[1]!.slice(6), a[2]!])) };
    if (!selfClosing) open.push(frame);
    const points = (attr: string, value: string) => {
      if (!gone.has(value) || !attr.includes(':')) return false;
      const [prefix, local] = attr.split(':') as [string, string];
      const ns = nsOf(frame, prefix);
      // VML's pictures point at theirs with o:relid (Office's namespace), not the relationships one.
      return RELATIONSHIPS_NS.test(ns) || (local === 'relid' && ns === OFFICE_NS);
    };
    if (!list.some((a) => points(a[1]!, a[2]!))) {
      out += tag;
      continue;
    }
    if (REFERENCE_ONLY.has(name.split(':').pop()!)) {
      // The element goes whole, written self-closing or open/close with whatever it holds.
      if (!selfClosing) skipping = 1;
      continue;
    }
    const kept = attrs.replace(/\s([^\s=]+)="([^"]*)"/g, (a, n: string, v: string) =>
      points(n, v) ? '' : a,
    );
    out += `<${name}${kept}${end}>`;
  }
  return out + xml.slice(last);
}

/**
 * A workbook's shared strings that no cell uses are emptied: programs that write workbooks (Apache POI in
 * server reports) keep an overwritten cell's old text there, invisible. Entries stay, so the numbering
 * cells use is unchanged. Left as they are when a sheet cannot be read as text.
 */
function withoutUnusedStrings(kept: Map<string, Uint8Array | string>, dropped: ReadonlySet<string>) {
  const table = [...kept.keys()].find((p) => /(^|\/)sharedStrings\.xml$/i.test(p));
  const xml = table ? kept.get(table) : undefined;
  if (!table || typeof xml !== 'string') return;
  const used = new Set<number>();
  // Every part that may hold cells (worksheets wherever the workbook puts them, macro and dialog sheets),
  // read tag by tag in one pass: a cell is open from <c …> to </c>, self-closing cells hold nothing.
  for (const [path, data] of kept) {
    if (path === table || dropped.has(path) || !/\.xml$/i.test(path)) continue;
    if (typeof data !== 'string') return;
    let shared = false;
    for (const m of data.matchAll(/<(\/?)(?:[\w.-]+:)?(c|v)\b([^>]*?)(\/?)>/g)) {
      const [at, closing, tag, attrs, selfClosing] = [m.index, m[1], m[2], m[3]!, m[4]];
      if (tag === 'c') shared = !closing && !selfClosing && /\st="s"/.test(attrs);
      else if (shared && !closing && !selfClosing) {
        const v = /^\s*(\d+)\s*</.exec(data.slice(at + m[0].length, at + m[0].length + 24));
        if (v) used.add(Number(v[1]));
      }
    }
  }
  let index = 0;
  kept.set(
    table,
    xml.replace(/<((?:[\w.-]+:)?)si\b[^>]*?(?:\/>|>[\s\S]*?<\/\1si>)/g, (si, prefix: string) =>
      used.has(index++) ? si : `<${prefix}si><${prefix}t/></${prefix}si>`,
    ),
  );
}

/**
 * Cleans an OOXML (docx, xlsx, pptx) or OpenDocument package in depth: document properties emptied, the
 * parts above dropped with their relationships and content types, authors, dates, revision ids and local
 * paths scrubbed from every XML part, every embedded raster image re-encoded without its metadata,
 * embedded packages cleaned the same way, and every ZIP entry's time set to one fixed date. Embedded
 * binary objects (OLE) cannot be cleaned with certainty and are reported as residue.
 */
export async function cleanPackage(
  content: Uint8Array,
  kind: 'ooxml' | 'odf',
  reencodeImage: (bytes: Uint8Array, name: string) => Promise<Uint8Array>,
  opts: { strip?: boolean; budget?: { left: number }; depth?: number } = {},
): Promise<Cleaned> {
  // Packages inside packages share the outer file's budget, and stop a few levels down.
  if ((opts.depth ?? 0) > MAX_NESTING) throw new ExpansionLimit();
  const { default: JSZip } = await import('jszip');
  const zip: JSZipType = await JSZip.loadAsync(content);
  if (Object.keys(zip.files).length > MAX_ENTRIES) throw new ExpansionLimit();
  /** What each part holds that cannot be cleaned with certainty. */
  const residueOf = new Map<string, Residue>();
  /** XML parts that could not be cleaned and that the document cannot do without. */
  const structural = new Set<string>();
  const removed = new Set<Residue>();
  const out = new JSZip();
  const dropped = (path: string) =>
    (kind === 'ooxml' ? DROPPED_OOXML : DROPPED_ODF).some((re) => re.test(path));
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  const droppedPaths = new Set(entries.map((f) => f.name).filter(dropped));
  const kept = new Map<string, Uint8Array | string>();
  // A package is read within a budget, part by part as it inflates: a few megabytes of zeros can
  // declare gigabytes, and a bomb stops at the budget instead of filling memory.
  const budget = opts.budget ?? { left: MAX_DECODED_BYTES };
  const read = (entry: JSZipType['files'][string]) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      // JSZip's own chunked reader (not in its type definitions): chunks arrive as they inflate.
      const stream = (entry as unknown as { internalStream(t: 'uint8array'): ChunkStream }).internalStream(
        'uint8array',
      );
      stream
        .on('data', (chunk: Uint8Array) => {
          size += chunk.length;
          if (size > budget.left) {
            stream.pause();
            reject(new ExpansionLimit());
            return;
          }
          chunks.push(chunk);
        })
        .on('error', reject)
        .on('end', () => {
          budget.left -= size;
          resolve(Buffer.concat(chunks));
        })
        .resume();
    });
  const fontTable = entries.find((e) => /(^|\/)fontTable\.xml$/i.test(e.name));
  const fontKeys = fontKeysOf(fontTable ? new TextDecoder().decode(await read(fontTable)) : undefined);
  for (const entry of entries) {
    const path = entry.name;
    if (droppedPaths.has(path)) continue;
    const flag = (r: Residue) => residueOf.set(path, r);
    let data: Uint8Array | string = await read(entry);
    const properties = kind === 'ooxml' && /\.(xml|rdf)$/i.test(path) ? propertiesKind(path, data) : null;
    // Document properties found by what they are, wherever they sit and however the part is spelled.
    if (properties === 'core') data = emptyCore;
    else if (properties === 'app') data = emptyApp;
    else if (properties === 'custom') data = emptyCustom;
    else if (kind === 'odf' && /(^|\/)meta\.xml$/.test(path)) data = emptyOdfMeta;
    else if (kind === 'odf' && path === 'manifest.rdf') data = ODF_MANIFEST_RDF(entries.map((e) => e.name));
    else if (await isRaster(data)) {
      // Pictures are found by their content first, whatever their names say (a JPEG named .xml).
      data = await reencodeImage(data, path);
    } else if (/\.(xml|rels|vml|rdf|svg)$/i.test(path)) {
      // A part no real document needs this large costs the server tens of seconds to read: refused.
      if (data.length > MAX_XML_PART) throw new ExpansionLimit();
      // Read as XML by a namespace-aware parser and written again without what identifies (clean-xml.ts);
      // vector pictures too: they keep their editor's metadata and file name, and pictures of their own.
      // An empty part (LibreOffice writes Configurations2/…/current.xml so) holds nothing to clean.
      if (data.length === 0) {
        kept.set(path, data);
        continue;
      }
      if (!isText(data)) flag('unknown_part');
      else
        try {
          data = await cleanXml(new TextDecoder().decode(data), {
            reencode: (b) => reencodeImage(b, path),
            isRaster,
            residue: flag,
          });
        } catch {
          flag('unknown_part');
        }
      // A spreadsheet note's box repeats the note (whose part is dropped) as text: the shape goes with it.
      // (Shapes do not nest: each open shape is read to its end once, self-closing ones are skipped.)
      if (typeof data === 'string' && /\.vml$/i.test(path))
        data = data.replace(
          /<((?:[\w.-]+:)?)shape\b[^>]*(?<!\/)>((?:(?!<\/?\1shape\b)[\s\S])*)<\/\1shape>/g,
          (shape, _p, inner: string) => (/\sObjectType="Note"/.test(inner) ? '' : shape),
        );
      // In strip mode, an XML part that cannot be cleaned is not left out (it may be the document's body,
      // a slide or a sheet, and the rest would point at nothing): the file is refused; a picture can go.
      if (residueOf.has(path) && !MEDIA.test(path)) structural.add(path);
    } else if (RASTER.test(path)) {
      // Named as a picture but not one by its content (checked above): a format we cannot read.
      flag('unknown_media');
    } else if (MEDIA.test(path) && !VECTOR.test(path) && !/(^|\/)ObjectReplacements\//.test(path)) {
      // Anything else in a media folder is a format we cannot clean with certainty. (ObjectReplacements
      // holds the metafile previews LibreOffice writes for every chart and formula: drawings, no EXIF.)
      flag('unknown_media');
    } else if (/(^|\/)embeddings\/.*\.(docx|xlsx|pptx)$/i.test(path)) {
      const inner = await cleanPackage(data, 'ooxml', reencodeImage, {
        ...opts,
        budget,
        depth: (opts.depth ?? 0) + 1,
      });
      for (const r of inner.residue) flag(r);
      for (const r of inner.removed ?? []) removed.add(r);
      data = inner.content;
    } else if (/(^|\/)embeddings\//.test(path) || /\.bin$/i.test(path)) {
      // OLE compound files (old Office objects, macros) keep their own author properties.
      flag('embedded_object');
    } else if (VECTOR.test(path) || /(^|\/)ObjectReplacements\//.test(path)) {
      // A metafile is read record by record: descriptions and comments blanked, the pictures its EMF+
      // records hold cleaned; one that does not add up, or still shows a metadata block, is refused.
      const cleaned = isMetafile(data) ? cleanMetafile(data) : null;
      if (!cleaned || hidesMetadata(cleaned, 'metafile')) flag('unknown_media');
      else data = cleaned;
    } else if (path === 'mimetype' && kind === 'odf') {
      if (!ODF_MIMETYPE.test(new TextDecoder().decode(data))) flag('unknown_part');
    } else if (FONT_PART.test(path)) {
      const font = cleanedFont(data, fontKeys);
      if (!font) flag('unknown_media');
      else data = font;
    } else {
      flag('unknown_part');
    }
    kept.set(path, data);
  }
  // On request, what cannot be cleaned is left out of the file, with every reference to it (a picture
  // becomes an empty frame); otherwise it is reported and nothing is written.
  if (opts.strip && structural.size > 0)
    return { content: new Uint8Array(), residue: ['unknown_part'], removed: [] };
  if (opts.strip)
    for (const [path, r] of residueOf) {
      droppedPaths.add(path);
      removed.add(r);
    }
  // Refused as it is: nothing more to write.
  if (!opts.strip && residueOf.size > 0)
    return { content: new Uint8Array(), residue: [...new Set(residueOf.values())], removed: [] };
  if (kind === 'ooxml') withoutUnusedStrings(kept, droppedPaths);
  // A dropped part's own relationships go with it (word/_rels/comments.xml.rels).
  for (const p of [...droppedPaths]) droppedPaths.add(p.replace(/([^/]+)$/, '_rels/$1.rels'));
  // Folders holding a dropped part (their manifest entries go with it), found once.
  const droppedFolders = new Set(
    [...droppedPaths].flatMap((d) =>
      d
        .split('/')
        .slice(0, -1)
        .map((_, i, a) => `${a.slice(0, i + 1).join('/')}/`),
    ),
  );
  // Part names compare without case and percent-encoding (OPC: `Comments.xml`, `people%2Exml` are the same).
  const folded = (name: string) => {
    try {
      return decodeURIComponent(name).toLowerCase();
    } catch {
      return name.toLowerCase();
    }
  };
  const droppedFolded = new Set([...droppedPaths].map(folded));
  const isDropped = (name: string) => droppedFolded.has(folded(name));
  // Relationships to dropped parts go, and so does every reference to them in the part that held them
  // (a sheet's printer settings, a slide's comments): Excel calls a file with a dangling one damaged.
  for (const [path, data] of kept) {
    if (typeof data !== 'string' || !path.endsWith('.rels') || droppedPaths.has(path)) continue;
    const gone = new Set<string>();
    kept.set(
      path,
      data.replace(/<([^\s<>/]+:)?Relationship\b[^>]*?(?:\/>|>\s*<\/([^\s<>/]+:)?Relationship>)/g, (rel) => {
        const target = /Target="([^"]*)"/.exec(rel)?.[1];
        const external = /TargetMode="External"/.test(rel);
        if (!target || external || !isDropped(resolveTarget(path, target))) return rel;
        const id = /\sId="([^"]*)"/.exec(rel)?.[1];
        if (id) gone.add(id);
        return '';
      }),
    );
    const owner = path.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2');
    // The package's own relationships (_rels/.rels) belong to no part.
    const xml = owner === path ? undefined : kept.get(owner);
    if (gone.size > 0 && typeof xml === 'string') kept.set(owner, withoutReferences(xml, gone));
  }
  for (let [path, data] of kept) {
    if (droppedPaths.has(path)) continue;
    if (typeof data === 'string' && path === '[Content_Types].xml')
      data = data.replace(
        /<([^\s<>/]+:)?Override\b[^>]*PartName="\/([^"]*)"[^>]*?(?:\/>|>\s*<\/([^\s<>/]+:)?Override>)/g,
        (o, _p, part: string) => (isDropped(part) ? '' : o),
      );
    if (typeof data === 'string' && path === 'META-INF/manifest.xml')
      data = data.replace(
        /<([^\s<>/]+:)?file-entry\b[^>]*?\s([^\s<>/=]+:)?full-path="([^"]*)"[^>]*\/>/g,
        (e, _p, _q, p: string) => (droppedPaths.has(p) || droppedFolders.has(p) ? '' : e),
      );
    // OpenDocument requires "mimetype" first and stored uncompressed.
    // A part named from the root ("/etc/…") is written as relative, like every other.
    out.file(path.replace(/^\/+/, ''), data, {
      date: ZIP_EPOCH,
      createFolders: false,
      compression: path === 'mimetype' ? 'STORE' : 'DEFLATE',
    });
  }
  return {
    content: await out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
    residue: opts.strip ? [] : [...new Set(residueOf.values())],
    removed: [...removed],
  };
}
