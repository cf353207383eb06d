import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Residue } from './clean-pdf.ts';

/**
 * The XML inside office documents and SVG pictures, cleaned by what its elements and attributes *are*
 * (namespace and local name, as a namespace-aware parser reads them), not by how they are spelled: a
 * prefix bound to Word's namespace under another name (`wé:author`), single quotes, entities or a default
 * namespace change nothing. The part is written again from the parse, so what the rules drop is gone
 * and nothing unparsed survives (comments, processing instructions and DTDs go too).
 */

const W = [
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
];
const W1X = [
  'http://schemas.microsoft.com/office/word/2010/wordml',
  'http://schemas.microsoft.com/office/word/2012/wordml',
];
const OFFICE = ['urn:oasis:names:tc:opendocument:xmlns:office:1.0'];
const TEXT = ['urn:oasis:names:tc:opendocument:xmlns:text:1.0'];
const DRAW = ['urn:oasis:names:tc:opendocument:xmlns:drawing:1.0'];
const CONFIG = ['urn:oasis:names:tc:opendocument:xmlns:config:1.0'];
const DC = ['http://purl.org/dc/elements/1.1/'];
const SVG = ['http://www.w3.org/2000/svg', 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0'];
/** Pen and touch drawings (Word's and PowerPoint's ink parts). */
const INKML = ['http://www.w3.org/2003/InkML'];
const XR = ['http://schemas.microsoft.com/office/spreadsheetml/2014/revision'];
const VML = 'urn:schemas-microsoft-com:vml';
const FORM_NS = 'urn:oasis:names:tc:opendocument:xmlns:form:1.0';
/** Elements whose text is a formula or a reference, in any spreadsheet or chart namespace. */
const FORMULA_ELEMENTS = new Set(['f', 'definedName', 'formula', 'formula1', 'formula2', 'sqref']);
const VML_OFFICE = 'urn:schemas-microsoft-com:office:office';
/** OpenDocument drawing objects (not styles or layers, which are named to be referred to). */
const DRAW_SHAPES = new Set(
  (
    'frame g custom-shape rect ellipse circle line polyline polygon regular-polygon path connector ' +
    'caption measure control image object object-ole plugin applet page-thumbnail'
  ).split(' '),
);
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Editors' private namespaces in SVG: the file's name and folder on the author's disk, window layout. */
const EDITOR_NS = new Set([
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.inkscape.org/namespaces/inkscape',
  // Affinity's layer names, Sketch's object kinds.
  'http://www.serif.com/',
  'http://www.bohemiancoding.com/sketch/ns',
]);

/** The same editors' prefixes, whatever namespace a file binds them to. */
const EDITOR_PREFIXES = new Set(['sodipodi', 'inkscape', 'serif', 'sketch']);
/** Adobe's private namespaces (Illustrator's pgf data, XMP written into an SVG) are an editor's too. */
const editor = (n: { prefix: string; uri: string }) =>
  EDITOR_NS.has(n.uri) ||
  EDITOR_PREFIXES.has(n.prefix) ||
  n.uri.startsWith('http://ns.adobe.com/') ||
  n.uri === 'adobe:ns:meta/';

/** A rule names an element or attribute by local name, in the namespaces given (any, where null). */
type Names = Record<string, readonly string[] | null>;

/**
 * Elements removed with everything in them: who changed what, comments' anchors, earlier drafts. Names
 * no other vocabulary uses match in any namespace; common ones (del, date, title) only in their own.
 */
const DROPPED: Names = {
  // Tracked changes: deleted and moved-away text is an earlier draft; formatting changes carry authors.
  del: W,
  moveFrom: W,
  rPrChange: null,
  pPrChange: null,
  sectPrChange: null,
  tblPrChange: null,
  tblGridChange: null,
  trPrChange: null,
  tcPrChange: null,
  numberingChange: null,
  moveFromRangeStart: null,
  moveFromRangeEnd: null,
  moveToRangeStart: null,
  moveToRangeEnd: null,
  // Revision-session ids link a document to the machines and sessions that edited it.
  rsids: null,
  attachedTemplate: null,
  commentRangeStart: null,
  commentRangeEnd: null,
  commentReference: null,
  // A field's private binary data (EndNote keeps its library's path and id there, base64).
  fldData: W,
  // Document ids and variables (some add-ins keep the user name there); mail merge data sources.
  docId: W1X,
  docVars: null,
  mailMerge: null,
  // Spreadsheets: the path the workbook was saved from, revision pointers, personal views, sharing.
  absPath: null,
  revisionPtr: null,
  customWorkbookViews: null,
  customSheetViews: null,
  fileSharing: null,
  cmAuthorLst: null,
  // OpenDocument: deleted text kept for tracked changes, annotations with their author and date.
  deletion: [...TEXT, 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'],
  // Calc's change tracking: a cell's earlier value and deleted rows are earlier drafts, like Word's del.
  previous: ['urn:oasis:names:tc:opendocument:xmlns:table:1.0'],
  'cell-content-deletion': ['urn:oasis:names:tc:opendocument:xmlns:table:1.0'],
  // Comments, in OpenDocument's namespace or LibreOffice's drawing extension (officeooo).
  annotation: [...OFFICE, 'http://openoffice.org/2009/office'],
  'annotation-end': [...OFFICE, 'http://openoffice.org/2009/office'],
  // Scripts written in the document (macros' event bindings, inline code): code, and its author's paths.
  script: [...TEXT, ...OFFICE],
  scripts: OFFICE,
  date: DC,
  // Excel's "allow users to edit ranges" written as an element: Windows account ids (SIDs).
  securityDescriptor: null,
  // Password hashes (Word's editing and write protection, Excel's sheet, workbook and range protection,
  // PowerPoint's modify password): short passwords fall to an offline search, and people reuse them.
  documentProtection: W,
  writeProtection: W,
  sheetProtection: null,
  workbookProtection: null,
  protectedRanges: null,
  modifyVerifier: null,
  // SVG: the editor's metadata (author, licence, source file), titles and descriptions.
  metadata: SVG,
  title: SVG,
  desc: SVG,
};

/** Elements unwrapped: tracked insertions are accepted (their text stays, their author goes). */
const UNWRAPPED: Names = { ins: W, moveTo: W };

/** Elements kept empty: their text is a person's name (author fields, senders, who printed it). */
const EMPTIED: Names = {
  creator: null,
  // Document properties wherever they are written (a part at an unusual path, in RDF).
  lastModifiedBy: null,
  Company: null,
  Manager: null,
  Template: null,
  'initial-creator': null,
  'author-name': TEXT,
  'author-initials': TEXT,
  // Initials filled from the user's profile (the document's and a comment's sender's).
  'creator-initials': null,
  'sender-initials': null,
  'printed-by': null,
  'user-defined': TEXT,
  authors: null,
  commentList: null,
};

/** Prefixed attributes in any namespace that say who or when. */
const PERSON_ATTRIBUTES = new Set([
  'author',
  'initials',
  'date',
  'dateUtc',
  'userId',
  'providerId',
  'ed',
  'edGrp',
  // A signature line's suggested signer's e-mail and the signing instructions: never drawn on the page
  // (Word's o:signatureline; LibreOffice's loext:signatureline spells them with hyphens). Name and title
  // are drawn, so they stay.
  'suggestedsigneremail',
  'signinginstructions',
  'suggested-signer-email',
  'signing-instructions',
]);
/** Attributes without a namespace that name a data source on the author's machine or its account. */
const PLAIN_ATTRIBUTES = new Set([
  'sourceFile',
  'connection',
  'odcFile',
  'dataSource',
  'securityDescriptor',
  'refreshedBy',
  // When the author last refreshed a pivot table: a time of day of theirs (with refreshedBy, their name).
  'refreshedDate',
  'refreshedDateIso',
  // A web query's posted form (often a user name) and the single sign-on account of a connection.
  'post',
  'singleSignOnId',
]);
/** Ink's device (maker, model, serial number) and the moment, to the millisecond, it was drawn. */
const INK_ATTRIBUTES = new Set(['manufacturer', 'model', 'serialNo', 'description', 'timeString', 'time']);
/** ODF settings that name the author's printer or data sources. */
const CONFIG_ITEMS = new Set([
  'CurrentDatabaseDataSource',
  'CurrentDatabaseCommand',
  'CurrentDatabaseCommandType',
  'PrinterName',
  'PrinterSetup',
  'PrinterPaperFromSetup',
  'PrintFaxName',
  // Editing-session ids, like Word's rsids.
  'RsidRoot',
  'Rsid',
  // Password hashes of tracked-change protection and of "open read-only unless the password is given".
  'RedlineProtectionKey',
  'ModifyPasswordInfo',
]);
/** Elements whose text is base64 of an embedded file (ODF binary data, Word 2003 XML, flat packages). */
const BASE64_TEXT: Names = { 'binary-data': OFFICE, binData: null, binaryData: null };

/** Word fields whose shown result is a person, a file's place or a time of editing (AUTHOR, FILENAME \\p …). */
const IDENTIFYING_FIELD =
  /^\s*(AUTHOR|USERNAME|USERINITIALS|USERADDRESS|LASTSAVEDBY|FILENAME|TEMPLATE|INFO|CREATEDATE|SAVEDATE|PRINTDATE|EDITTIME|DOCPROPERTY\s+"?(Author|LastSavedBy|Manager|Company|Template|Creator|HyperlinkBase|LastPrinted|CreateTime|LastSaveTime)\b)\b/i;
/**
 * A content control bound to a document property that names a person (its author, who saved it last,
 * their manager or company): its shown text is that property. Controls bound to the document's own data
 * (a contract number in custom XML, the cover page's title) keep their text.
 */
const PERSON_BINDING = /(creator|lastModifiedBy|Manager|Company|Author)\b/i;
/** Spreadsheet formulas whose result is the file's place on the author's disk. */
const PATH_FORMULA = /CELL\s*\(\s*"(filename|address)"|INFO\s*\(\s*"directory"/i;
/** OpenDocument fields that show when and how long the author worked on the file (Word's CREATEDATE, EDITTIME…). */
const EDITING_TIME_FIELDS = new Set([
  'creation-date',
  'creation-time',
  'modification-date',
  'modification-time',
  'print-date',
  'print-time',
  'editing-duration',
  'editing-cycles',
]);
const editingTimeField = (tag: { local: string; uri: string }) =>
  TEXT.includes(tag.uri) && EDITING_TIME_FIELDS.has(tag.local);
/** OpenDocument fields filled from the user's profile or the file's place: sender, file and template names. */
const emptiedField = (tag: { local: string; uri: string }) =>
  editingTimeField(tag) ||
  (TEXT.includes(tag.uri) &&
    (tag.local.startsWith('sender-') || tag.local === 'file-name' || tag.local === 'template-name'));

/**
 * Local paths in a value: file: addresses, drive and network paths, home folders — they name the
 * author's folders and machine (C:\Users\<name>\…, \\PC-NAME\share, /home/<name>/…).
 */
const LOCAL_PATH =
  /(?:file|smb|afp|nfs|cifs):\/\/[^\s"'<>#]*|(?<![A-Za-z0-9])[A-Za-z]:[\\/][^"'<>|*?\r\n]*|\\\\[^\s"'\\]+\\[^"'<>|*?\r\n]*|(?<![\w.:/~])(?:\/(?:home|Users|Volumes|media|mnt|run\/media|var\/home)\/|~\/)[^\s"'<>#]*|(?<![\w:])[A-Za-z][\w .-]{0,40}:Users:[^"'<>\r\n]*|(?:\.\.[\\/])+(?:home|Users|Documents and Settings|Volumes)[\\/][^"'<>#\r\n]*/gi;
/** A reference manager's account number in its links (Zotero's user library). */
const ACCOUNT_ID = /(zotero\.org\/users\/)[^/\s"'<>]+/gi;
export const scrubPaths = (v: string) => v.replace(LOCAL_PATH, '').replace(ACCOUNT_ID, '$1local');

const named = (rules: Names, tag: { local: string; uri: string }) => {
  if (!Object.hasOwn(rules, tag.local)) return false;
  const uris = rules[tag.local];
  return uris === null || uris === undefined || uris.includes(tag.uri);
};

/** A link kept only to the web, mail, within the document or to the package's own parts. */
const SAFE_LINK = /^(https?:|mailto:|ftp:|tel:|#|\.\/|Pictures\/|Fonts\/|Object |media\/)/i;
/**
 * Addresses that name a person: a user name (and password) written into the address, a home folder on a
 * web server (`/~name/`, `/%7Ename/`, `/people/~name/`), and a person's own cloud storage: SharePoint/OneDrive for Business (`/personal/<upn>/`,
 * `-my.sharepoint.com`), consumer OneDrive (`d.docs.live.net/<CID>`, `onedrive.live.com`, `1drv.ms`).
 */
const PERSONAL_SITE =
  /https?:\/\/(?:[^\s"'<>/]*-my\.sharepoint\.com|d\.docs\.live\.net|onedrive\.live\.com|1drv\.ms)[^\s"'<>]*|https?:\/\/[^\s"'<>]*\/personal\/[^\s"'<>]*|https?:\/\/[^\s"'<>/]+(?:\/[^\s"'<>/]*)*?\/(?:~|%7e)[^\s"'<>]*|(?:https?|ftps?|sftp):\/\/[^\s"'<>/@]+@[^\s"'<>]*/gi;
const PERSONAL_SITE_ONE = new RegExp(PERSONAL_SITE.source, 'i');
/**
 * A web address whose query or fragment carries an e-mail address (`?authuser=name@gmail.com`,
 * `login_hint=`, `email=`: a link copied from the browser while signed in; 24th probe Q6).
 */
function accountInQuery(v: string): boolean {
  if (!/^https?:/i.test(v) || !/@|%40/i.test(v)) return false;
  try {
    const url = new URL(v);
    return [...url.searchParams.values()].some((p) => p.includes('@')) || /@|%40/i.test(url.hash);
  } catch {
    return false;
  }
}
/** One address (a link's target) that names a person, by its host, path, user name or query. */
export const personalSite = (v: string) => PERSONAL_SITE_ONE.test(v) || accountInQuery(v);
/** Never a way up out of the package (../) or a Windows path, whatever it starts with. */
const safeLink = (v: string) => SAFE_LINK.test(v) && !/(^|[\\/])\.\.([\\/]|$)|\\/.test(v) && !personalSite(v);
/**
 * A field code without local paths (INCLUDEPICTURE "C:\\Users\\…", HYPERLINK "file:///…", LINK … \\\\server\\…),
 * quoted or not. Word splits a code over several runs, so a path begun in one part and not closed yet
 * (`state.inPath`) swallows the next parts up to its closing quote.
 */
function scrubFieldCode(code: string, state: { inPath: boolean } = { inPath: false }): string {
  let rest = code;
  let head = '';
  if (state.inPath) {
    const q = rest.indexOf('"');
    if (q < 0) return '';
    state.inPath = false;
    head = '"';
    rest = rest.slice(q + 1);
  }
  rest = rest.replace(/"((?:[A-Za-z]:[\\/]|\\\\|\/|file:)[^"]*)("|$)/gi, (_m, _p, close: string) => {
    if (!close) state.inPath = true;
    return close ? '""' : '"';
  });
  return head + scrubPaths(rest).replace(PERSONAL_SITE, '');
}

/** `f` of a value that may still be coming. */
const then = <T, U>(v: T | Promise<T>, f: (v: T) => U): U | Promise<U> =>
  v instanceof Promise ? v.then(f) : f(v);

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');

export interface XmlCleaning {
  /** A raster picture found inside the XML (base64), re-encoded without its metadata. */
  reencode: (bytes: Uint8Array) => Promise<Uint8Array>;
  /** Is this a raster picture we can re-encode? */
  isRaster: (bytes: Uint8Array) => Promise<boolean>;
  residue: (r: Residue) => void;
}

/**
 * Every `data:` URI in a text: where it starts, its head (type and parameters, to the comma), whether
 * its data is base64, and its data. Read forward once (a pattern with nested repetition took quadratic
 * time on `data:;a;a;a…`).
 */
function* dataUrisIn(
  s: string,
): Generator<{ index: number; end: number; head: string; base64: boolean; data: string }> {
  const lower = s.toLowerCase();
  for (let at = lower.indexOf('data:'); at >= 0; at = lower.indexOf('data:', at + 5)) {
    let i = at + 5;
    while (i < s.length && !/[,"'\s<>()]/.test(s[i]!)) i++;
    if (s[i] !== ',') {
      // Any later "data:" before i ends at the same place, the same way: go on from there.
      at = Math.max(at, i - 5);
      continue;
    }
    const base64 = /;base64$/i.test(s.slice(at + 5, i));
    let j = i + 1;
    // Percent-encoded data ends where a URI cannot go on (a quote, a space, markup, a CSS bracket).
    if (base64) while (j < s.length && /[A-Za-z0-9+/=\s]/.test(s[j]!)) j++;
    else while (j < s.length && !/["'\s<>()]/.test(s[j]!)) j++;
    yield { index: at, end: j, head: s.slice(at, i + 1), base64, data: s.slice(i + 1, j) };
    at = j - 5;
  }
}

/** The bytes of a URI's percent-encoded data (RFC 2397 without base64). */
function percentDecoded(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else for (const b of Buffer.from(s[i]!, 'utf8')) out.push(b);
  }
  return new Uint8Array(out);
}

/** A picture written percent-encoded (`%FF%D8%FF…`) that no data: URI rule met. */
const PERCENT_PICTURE = /%ff%d8%ff|%89(?:%50|P)(?:%4e|N)(?:%47|G)|%47%49%46%38|%52%49%46%46/i;

/** Runs of base64 (whitespace allowed) of at least `min` characters, found in one forward pass. */
function* base64Runs(s: string, min = 192): Generator<string> {
  let start = -1;
  let count = 0;
  for (let i = 0; i <= s.length; i++) {
    const ch = i < s.length ? s.charCodeAt(i) : 0;
    const b64 =
      (ch >= 65 && ch <= 90) ||
      (ch >= 97 && ch <= 122) ||
      (ch >= 48 && ch <= 57) ||
      ch === 43 ||
      ch === 47 ||
      ch === 61;
    const space = ch === 32 || ch === 9 || ch === 10 || ch === 13;
    if (b64) {
      if (start < 0) start = i;
      count++;
    } else if (!(space && start >= 0)) {
      if (count >= min) yield s.slice(start, i);
      start = -1;
      count = 0;
    }
  }
}
/** Elements open at once beyond which a part is refused (a parser's work grows with depth). */
const MAX_DEPTH = 1000;
const IMAGE_SIGNATURES = [
  [0xff, 0xd8, 0xff], // JPEG
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x49, 0x49, 0x2a, 0x00], // TIFF (little-endian)
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF (big-endian)
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50], // JPEG 2000
];
export const looksLikeImage = (b: Uint8Array, at = 0) =>
  IMAGE_SIGNATURES.some((sig) => sig.every((x, i) => b[at + i] === x)) ||
  // RIFF…WEBP, and ISO media (HEIC, AVIF): "ftyp" at offset 4.
  (b[at + 8] === 0x57 && b[at + 9] === 0x45 && b[at + 10] === 0x42 && b[at + 11] === 0x50) ||
  (b[at + 4] === 0x66 && b[at + 5] === 0x74 && b[at + 6] === 0x79 && b[at + 7] === 0x70);

/**
 * Cleans one XML part. Throws where the text is not well-formed XML or declares a DTD (entities could
 * hide text from any rule): the caller counts the part as uncleanable.
 */
export async function cleanXml(xml: string, c: XmlCleaning): Promise<string> {
  const out: Array<string | Promise<string>> = [];
  /** Base64 this cleaning wrote itself (re-encoded pictures): not mistaken for hidden pictures after. */
  const written = new Set<string>();
  const parser = new SaxesParser({ xmlns: true, position: false });
  /** Open elements: whether each was written, and whether its content is dropped or kept as text. */
  interface Frame {
    local: string;
    write: boolean;
    drop: boolean;
    base64: boolean;
    fieldCode: boolean;
    /** A content control bound to document properties: its shown text is their value. */
    bound?: boolean;
    /** A simple field whose result identifies (w:fldSimple w:instr="AUTHOR"). */
    hidesResult?: boolean;
    /** A spreadsheet cell whose formula shows the file's place (CELL("filename")): no text is kept in it. */
    hidesAll?: boolean;
    /** An element of SVG. */
    svg?: boolean;
    /** A spreadsheet formula or defined name. */
    formula?: boolean;
  }
  const stack: Frame[] = [];
  /** Word's complex fields, nested: their code as read so far, and whether their result is being read. */
  const fields: Array<{ instr: string; result: boolean; inPath: boolean }> = [];
  const dropped = (): Frame => ({ local: '', write: false, drop: true, base64: false, fieldCode: false });
  /** Whether text here is an identifying field's result or a bound control's value (then not kept). */
  const hiddenText = (): boolean => {
    if (stack.some((f) => f.hidesAll)) return true;
    if (!['t', 'delText'].includes(stack.at(-1)?.local ?? '')) return false;
    if (fields.some((f) => f.result && IDENTIFYING_FIELD.test(f.instr))) return true;
    const sdt = stack.findIndex((f) => f.local === 'sdt' && f.bound);
    if (sdt >= 0 && stack.slice(sdt).some((f) => f.local === 'sdtContent')) return true;
    return stack.some((f) => f.hidesResult);
  };
  let dropDepth = 0;
  let text: string[] | null = null;
  const pictureData = async (b64: string): Promise<string> => {
    const bytes = new Uint8Array(Buffer.from(b64.replace(/\s+/g, ''), 'base64'));
    if (!(await c.isRaster(bytes))) {
      c.residue('unknown_media');
      return b64;
    }
    const clean = Buffer.from(await c.reencode(bytes)).toString('base64');
    written.add(clean);
    return clean;
  };
  /**
   * Every data: URI in a value or text, its picture re-encoded (written back as base64); plain text
   * stays; any other kind is residue.
   */
  const dataUris = (s: string): string | Promise<string> => {
    if (!/data:/i.test(s)) return s;
    const parts: Array<string | Promise<string>> = [];
    let at = 0;
    for (const m of dataUrisIn(s)) {
      parts.push(s.slice(at, m.index));
      if (m.base64) parts.push(pictureData(m.data).then((b) => m.head + b));
      else parts.push(percentData(m.head, m.data));
      at = m.end;
    }
    parts.push(s.slice(at));
    return Promise.all(parts).then((p) => p.join(''));
  };
  const percentData = async (head: string, data: string): Promise<string> => {
    const type = head.slice(5, -1).split(';')[0]!.trim().toLowerCase();
    const bytes = percentDecoded(data);
    if (await c.isRaster(bytes)) {
      const clean = Buffer.from(await c.reencode(bytes)).toString('base64');
      written.add(clean);
      return `data:${type || 'application/octet-stream'};base64,${clean}`;
    }
    if ((type === '' || type === 'text/plain') && !looksLikeImage(bytes)) return head + data;
    c.residue('unknown_media');
    return head + data;
  };
  const emit = (s: string | Promise<string>) => {
    if (dropDepth === 0) out.push(s);
  };

  parser.on('xmldecl', (d) => {
    out.push(
      `<?xml version="${d.version ?? '1.0'}" encoding="UTF-8"${d.standalone ? ` standalone="${d.standalone}"` : ''}?>`,
    );
  });
  // A DOCTYPE that only names an external DTD (AbiWord's and old OpenOffice's manifests) declares nothing
  // and goes; one with an internal subset could declare entities, and the part is refused.
  parser.on('doctype', (doctype: string) => {
    if (doctype.includes('[')) throw new Error('a DTD in a document part');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= MAX_DEPTH) throw new Error('a part nested too deep');
    const top = stack.at(-1);
    if (dropDepth > 0 || top?.drop) {
      dropDepth++;
      stack.push(dropped());
      return;
    }
    const attrs = Object.values(
      tag.attributes as Record<
        string,
        { name: string; prefix: string; local: string; uri: string; value: string }
      >,
    );
    const attr = (local: string, uris?: readonly string[]) =>
      attrs.find((a) => a.local === local && (!uris || uris.includes(a.uri)))?.value;
    const relationship = tag.local === 'Relationship' && tag.uri === PACKAGE_RELS;
    if (
      named(DROPPED, tag) ||
      editor(tag) ||
      // A tracked change's comment: its author and date go, so does what they wrote about it.
      (top?.local === 'change-info' && TEXT.includes(tag.uri)) ||
      (tag.local === 'config-item' &&
        CONFIG.includes(tag.uri) &&
        CONFIG_ITEMS.has(attr('name', CONFIG) ?? '')) ||
      // The template a document was made from is a path on the author's machine.
      (relationship && /\/attachedTemplate$/.test(attr('Type') ?? ''))
    ) {
      dropDepth++;
      stack.push(dropped());
      return;
    }
    if (named(UNWRAPPED, tag)) {
      // Its namespace declarations would go with it and leave its children unbound: no producer writes
      // them there, so such a part is not rewritten with confidence.
      if (
        Object.values(tag.attributes as Record<string, { prefix: string; name: string }>).some(
          (a) => a.prefix === 'xmlns' || a.name === 'xmlns',
        )
      )
        c.residue('unknown_part');
      stack.push({ local: tag.local, write: false, drop: false, base64: false, fieldCode: false });
      return;
    }
    if (tag.local === 'fldChar') {
      const kind = attr('fldCharType');
      if (kind === 'begin') fields.push({ instr: '', result: false, inPath: false });
      else if (kind === 'separate' && fields.at(-1)) fields.at(-1)!.result = true;
      else if (kind === 'end') fields.pop();
    }
    if (tag.local === 'dataBinding' && PERSON_BINDING.test(attr('xpath') ?? '')) {
      const sdt = stack.findLast((f) => f.local === 'sdt');
      if (sdt) sdt.bound = true;
    }
    const external = relationship && attr('TargetMode') === 'External';
    const picture = ['cNvPr', 'docPr'].includes(tag.local);
    // Any VML element: Word writes a picture's file name as its title (v:fill o:title, v:imagedata).
    const vml = tag.uri === VML || ['shape', 'imagedata'].includes(tag.local);
    const shape = DRAW.includes(tag.uri) && DRAW_SHAPES.has(tag.local);
    const timeField = editingTimeField(tag);
    const parts: Array<string | Promise<string>> = [`<${tag.name}`];
    for (const a of attrs) {
      let value = a.value;
      if (a.prefix && a.prefix !== 'xmlns' && (PERSON_ATTRIBUTES.has(a.local) || /rsid/i.test(a.local)))
        continue;
      if (!a.prefix && PLAIN_ATTRIBUTES.has(a.local)) continue;
      if (!a.prefix && INKML.includes(tag.uri) && INK_ATTRIBUTES.has(a.local)) continue;
      if (editor(a) || (a.prefix === 'xmlns' && EDITOR_PREFIXES.has(a.local))) continue;
      if (a.local === 'uid' && XR.includes(a.uri)) continue;
      // OpenDocument's password hashes (protected sheets and sections) and their algorithms.
      if (a.prefix && a.local.startsWith('protection-key')) continue;
      // An editing-time field's value (to the nanosecond) as well as its shown text.
      if (timeField && ['date-value', 'time-value', 'duration'].includes(a.local)) continue;
      // Queries a data source runs: a web query's parameters carry its user and password, SQL its tables.
      if (a.local === 'url' && tag.local === 'webPr')
        value = value.replace(/[?#].*$/s, '').replace(/^([a-z][\w+.-]*:\/\/)[^/?#@]*@/i, '$1');
      if (a.local === 'sql-statement' || (a.local === 'command' && a.uri === FORM_NS)) continue;
      // A drawing object's name (LibreOffice lets the author name each; a picture's file name is used).
      if (a.local === 'name' && shape && DRAW.includes(a.uri)) continue;
      // Word's picture title in VML, in the Office namespace on any element.
      if (a.local === 'title' && a.uri === VML_OFFICE) continue;
      // A sound's file name stays in the slide even when the sound is left out.
      if (a.local === 'name' && tag.local === 'snd') continue;
      // The query a connection runs names the table or file it reads.
      if ((a.local === 'command' || a.local === 'serverCommand') && tag.local === 'dbPr') continue;
      if (picture && (a.local === 'descr' || a.local === 'title')) continue;
      if (picture && a.local === 'name') value = 'Picture';
      if (vml && (a.local === 'title' || a.local === 'alt')) continue;
      if (a.local === 'database-name') continue;
      // A file's id in someone's OneDrive (Excel's alternate URLs of an external link).
      if (a.local === 'itemId' || a.local === 'driveId') continue;
      if (a.local === 'description' && tag.local === 'connection') continue;
      // Excel names a connection after the file it imports.
      if (a.local === 'name' && tag.local === 'connection' && !a.prefix)
        value = `Connection ${attr('id') ?? ''}`.trim();
      if (a.local === 'instr') value = scrubFieldCode(value);
      if (
        relationship &&
        a.local === 'Target' &&
        (personalSite(value) ||
          (external && !/^(https?:|mailto:|ftp:|tel:|#)/i.test(value)) ||
          /^(file:|[A-Za-z]:[\\/]|\\\\)/i.test(value))
      )
        value = '#';
      if (
        (a.local === 'href' || a.local === 'src') &&
        a.prefix !== 'xmlns' &&
        !/^data:/i.test(value) &&
        !safeLink(value)
      )
        value = '#';
      // Anything else that names a place on the author's disk or network (connections, formulas, links).
      if (a.prefix !== 'xmlns' && a.name !== 'xmlns') value = scrubPaths(value).replace(PERSONAL_SITE, '#');
      parts.push(' ', a.name, '="', then(dataUris(value), escapeAttr), '"');
    }
    const emptied = named(EMPTIED, tag) || emptiedField(tag);
    parts.push(tag.isSelfClosing ? '/>' : '>');
    // A promise only where a picture is being re-encoded: a part of a million elements stays strings.
    out.push(
      parts.every((p) => typeof p === 'string')
        ? (parts as string[]).join('')
        : Promise.all(parts).then((p) => p.join('')),
    );
    stack.push({
      local: tag.local,
      write: !tag.isSelfClosing,
      drop: emptied,
      base64: named(BASE64_TEXT, tag),
      hidesResult: tag.local === 'fldSimple' && IDENTIFYING_FIELD.test(attr('instr') ?? ''),
      hidesAll: tag.local === 'table-cell' && PATH_FORMULA.test(attr('formula') ?? ''),
      svg: SVG.includes(tag.uri),
      // Formulas wherever a spreadsheet or chart writes one (cells, names, conditional formats,
      // validations, sparklines, chart series and their extensions): a file they name is a place.
      formula: FORMULA_ELEMENTS.has(tag.local) && !TEXT.includes(tag.uri) && !W.includes(tag.uri),
      // An OLE object's field codes (VML) are a Word field's code: its paths go the same way.
      fieldCode: tag.local === 'instrText' || (tag.local === 'FieldCodes' && tag.uri === VML_OFFICE),
    });
  });
  parser.on('closetag', (tag) => {
    const frame = stack.pop();
    if (dropDepth > 0 && frame?.drop && !frame.write) {
      dropDepth--;
      return;
    }
    if (frame?.base64 && text) {
      out.push(pictureData(text.join('')));
      text = null;
    }
    if (frame?.write) out.push(`</${tag.name}>`);
  });
  const onText = (t: string) => {
    const top = stack.at(-1);
    if (dropDepth > 0 || top?.drop) return;
    if (top?.base64) {
      text ??= [];
      text.push(t);
      return;
    }
    if (hiddenText()) return;
    // Excel: a cell's formula comes before its cached value, which is then not kept.
    if (top?.local === 'f' && PATH_FORMULA.test(t)) {
      const cell = stack.findLast((f) => f.local === 'c');
      if (cell) cell.hidesAll = true;
    }
    const field = fields.at(-1);
    if (top?.fieldCode && field && !field.result) field.instr += t;
    // A picture's style sheet may import files from the author's disk (url(file:///…), url("/home/…")).
    // So may a spreadsheet's formula or defined name ('/Volumes/…/[book.xlsx]Sheet1'!A1): a reference
    // to a file on the author's disk, broken for anyone else anyway.
    const style = (top?.local === 'style' && top.svg) || top?.formula;
    const s = top?.fieldCode ? scrubFieldCode(t, field ?? { inPath: false }) : style ? scrubPaths(t) : t;
    emit(then(dataUris(s), escapeText));
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  let failed: Error | null = null;
  parser.on('error', (e) => {
    failed ??= e;
  });
  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch (e) {
    failed ??= e as Error;
  }
  // Every picture started is waited for, even when the part is refused: none may fail unheard.
  const pending = out.filter((p): p is Promise<string> => typeof p !== 'string');
  const settled = await Promise.allSettled(pending);
  if (failed) throw failed;
  const rejected = settled.find((r) => r.status === 'rejected');
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  const values = new Map(pending.map((p, i) => [p, (settled[i] as PromiseFulfilledResult<string>).value]));
  const result = out.map((p) => (typeof p === 'string' ? p : values.get(p)!)).join('');
  // Whatever picture is still hidden in base64 somewhere no rule looked (an element some editor made up).
  // A run is a picture this cleaning wrote only if it is one whole: a run holding one and more is looked
  // at too (a longer run may hide a picture; refusing then is the safe mistake). One look per run.
  for (const found of base64Runs(result)) {
    const run = found.replace(/\s+/g, '');
    if (written.has(run)) continue;
    if (looksLikeImage(new Uint8Array(Buffer.from(run.slice(0, 64), 'base64')))) c.residue('unknown_media');
  }
  if (PERCENT_PICTURE.test(result)) c.residue('unknown_media');
  return result;
}

/** The namespace and name of a part's root element: what the part is, wherever it sits. */
export function rootOf(xml: string): { uri: string; local: string } | null {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let root: { uri: string; local: string } | null = null;
  parser.on('opentag', (tag: SaxesTagNS) => {
    root ??= { uri: tag.uri, local: tag.local };
    throw new Error('root found'); // the rest of the part is not needed
  });
  parser.on('error', () => {});
  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch {
    return root;
  }
  return root;
}
