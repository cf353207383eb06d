import { AsyncLocalStorage } from 'node:async_hooks';
import { deflateSync, inflateSync, constants as zlibConstants } from 'node:zlib';
import type {
  PDFArray as PDFArrayType,
  PDFContext as PDFContextType,
  PDFDict as PDFDictType,
  PDFObject,
  PDFRawStream as PDFRawStreamType,
  PDFRef as PDFRefType,
} from 'pdf-lib';
import { scrubContent } from './clean-content.ts';
import { cleanableFont, cleanFontProgram } from './clean-font.ts';
import { scrubIcc } from './clean-icc.ts';
import { personalSite } from './clean-xml.ts';

/**
 * What could not be removed with certainty; a file with any is refused with these named, so the reporter
 * can convert it first (attachments.ts).
 */
export type Residue =
  | 'jpeg2000_image'
  | 'cmyk_image'
  | 'embedded_object'
  | 'inline_image'
  | 'unknown_media'
  | 'unknown_part';

/** A cleaned file, what could not be cleaned (residue) and what was removed on request instead. */
export interface Cleaned {
  content: Uint8Array;
  residue: Residue[];
  removed?: Residue[];
}

/** Keys that carry who, when, with what, or what runs: removed from every dictionary in the file. */
const DROP_EVERYWHERE = [
  'Metadata',
  'PieceInfo',
  'AA',
  'OpenAction',
  'AF',
  'Thumb',
  'LastModified',
  // A link's alternative action (/PA). (An action's chained /Next goes with the action rules; an outline
  // item's /Next is its next sibling and stays.)
  'PA',
  // A document part's metadata (its recipient, a customer number) and a web capture's source (its
  // address, which may be a file on the author's disk).
  'DPM',
  'SI',
];
/** A stream's own keys (ISO 32000-2 Table 5). */
const STREAM_KEYS = ['Length', 'Filter', 'DecodeParms', 'F', 'FFilter', 'FDecodeParms', 'DL'];
/** Keys every external object (form or image) may have, and the stream's own. */
const XOBJECT_KEYS =
  // Not /OPI: a print shop's proxy data, whose /F is the high-resolution original's path on the author's disk.
  'Type Subtype Name StructParent OC Measure PtData Length Filter DecodeParms DL'.split(' ');
/**
 * Keys a page, a form or an image may have (ISO 32000-2): any other a producer wrote there is private —
 * pdfTeX's /PTEX.FileName (the figure's path on the author's disk) and /PTEX.InfoDict (its author).
 */
const KEPT_ON: Record<string, Set<string>> = {
  Page: new Set([
    'Type',
    'Parent',
    'Resources',
    'MediaBox',
    'CropBox',
    'BleedBox',
    'TrimBox',
    'ArtBox',
    'BoxColorInfo',
    'Contents',
    'Rotate',
    'Group',
    'Dur',
    'Trans',
    'Annots',
    'StructParents',
    'ID',
    'PZ',
    'SeparationInfo',
    'Tabs',
    'TemplateInstantiated',
    'PresSteps',
    'UserUnit',
    'VP',
    'OutputIntents',
    'DPart',
  ]),
  Form: new Set([...XOBJECT_KEYS, ...'FormType BBox Matrix Resources Group StructParents'.split(' ')]),
  Image: new Set([
    ...XOBJECT_KEYS,
    ...'Width Height ColorSpace BitsPerComponent Intent ImageMask Mask Decode Interpolate Alternates SMask SMaskInData ID'.split(
      ' ',
    ),
  ]),
  Resources: new Set([
    'ExtGState',
    'ColorSpace',
    'Pattern',
    'Shading',
    'XObject',
    'Font',
    'ProcSet',
    'Properties',
  ]),
  // Every annotation and form-field key ISO 32000-2 defines (private ones, such as a markup tool's column
  // data with its author, go; the who-and-when keys among these are dropped separately).
  Annot: new Set(
    (
      'Type Subtype Rect Contents P NM M F AP AS Border C StructParent OC ca CA BM Lang T Popup RC ' +
      'CreationDate IRT Subj RT IT Open Name State StateModel A Dest H QuadPoints BS DA Q DS CL LE ' +
      'BE RD L LL LLE LLO Cap CP Measure CO IC Vertices Path InkList Parent MK FT Ff V DV Kids TU TM Opt ' +
      'TI I MaxLen DR Lock SV Rotate'
    ).split(' '),
  ),
  // An annotation's appearance characteristics (a widget's border, colours, captions, icons).
  MK: new Set('R BC BG CA RC AC I RI IX IF TP'.split(' ')),
  StructElem: new Set('Type S P ID Ref Pg K A C R Lang ActualText NS PhoneticAlphabet Phoneme'.split(' ')),
  StructTreeRoot: new Set('Type K IDTree ParentTree ParentTreeNextKey RoleMap Namespaces'.split(' ')),
  Outline: new Set('Type First Last Count'.split(' ')),
  OutlineItem: new Set('Title Parent Prev Next First Last Count Dest A SE C F'.split(' ')),
  // The catalog's name tree: destinations, appearances, page templates. Not scripts, attached files,
  // renditions, or a web capture's content database (IDS, URLS: the captured addresses).
  Names: new Set('Dests AP Pages Templates'.split(' ')),
  AcroForm: new Set('Fields NeedAppearances SigFlags CO DR DA Q'.split(' ')),
  ViewerPreferences: new Set(
    (
      'HideToolbar HideMenubar HideWindowUI FitWindow CenterWindow DisplayDocTitle NonFullScreenPageMode ' +
      'Direction ViewArea ViewClip PrintArea PrintClip PrintScaling Duplex PickTrayByPDFSize ' +
      'PrintPageRange NumCopies Enforce'
    ).split(' '),
  ),
  MarkInfo: new Set('Marked UserProperties Suspects'.split(' ')),
  OCProperties: new Set('OCGs D Configs'.split(' ')),
  // An optional-content configuration's name and creator (an application, or a person) go.
  OCConfig: new Set('BaseState ON OFF Intent AS Order ListMode RBGroups Locked'.split(' ')),
  Extension: new Set('Type BaseVersion ExtensionLevel URL ExtensionRevision'.split(' ')),
  OCG: new Set(['Type', 'Name', 'Intent']),
  OCMD: new Set(['Type', 'OCGs', 'P', 'VE']),
  Pages: new Set('Type Parent Kids Count Resources MediaBox CropBox Rotate'.split(' ')),
  Font: new Set(
    (
      'Type Subtype Name BaseFont FirstChar LastChar Widths FontDescriptor Encoding ToUnicode ' +
      'DescendantFonts CIDSystemInfo DW W DW2 W2 CIDToGIDMap FontBBox FontMatrix CharProcs Resources'
    ).split(' '),
  ),
  FontDescriptor: new Set(
    (
      'Type FontName FontFamily FontStretch FontWeight Flags FontBBox ItalicAngle Ascent Descent Leading ' +
      'CapHeight XHeight StemV StemH AvgWidth MaxWidth MissingWidth FontFile FontFile2 FontFile3 CharSet ' +
      'Style Lang FD CIDSet'
    ).split(' '),
  ),
  ExtGState: new Set(
    'Type LW LC LJ ML D RI OP op OPM Font BG BG2 UCR UCR2 TR TR2 HT FL SM SA BM SMask CA ca AIS TK UseBlackPtComp HTO'.split(
      ' ',
    ),
  ),
  OutputIntent: new Set(
    'Type S OutputConditionIdentifier DestOutputProfile DestOutputProfileRef MixingHints SpectralData'.split(
      ' ',
    ),
  ),
  TreeNode: new Set(['Kids', 'Names', 'Nums', 'Limits']),
  // A named destination written as a dictionary: its /D (the target), nothing else.
  DestDict: new Set(['D']),
  // An annotation's appearances (normal, rollover, down).
  Appearance: new Set(['N', 'R', 'D']),
  SeparationInfo: new Set(['Pages', 'DeviceColorant', 'ColorSpace']),
  PageLabel: new Set(['Type', 'S', 'P', 'St']),
  Field: new Set('FT Parent Kids T TU TM Ff V DV AA DA Q DS RV Opt TI I Lock SV MaxLen DR'.split(' ')),
  Group: new Set(['Type', 'S', 'CS', 'I', 'K']),
  Trans: new Set(['Type', 'S', 'D', 'Dm', 'M', 'Di', 'SS', 'B']),
  BoxColorInfo: new Set(['CropBox', 'BleedBox', 'TrimBox', 'ArtBox']),
  BoxStyle: new Set(['C', 'W', 'S', 'D']),
  Viewport: new Set(['Type', 'BBox', 'Measure', 'PtData']),
  Border: new Set(['Type', 'W', 'S', 'D']),
  BorderEffect: new Set(['S', 'I']),
  Alternate: new Set(['Image', 'DefaultForPrinting', 'OC']),
  // A marked-content property list: what is shown (its text, language, id), not who made it.
  PropertyList: new Set(['MCID', 'ActualText', 'Lang', 'E', 'Type', 'Subtype', 'BBox', 'Attached']),
  GoTo: new Set(['Type', 'S', 'D', 'SD']),
  URI: new Set(['Type', 'S', 'URI', 'IsMap']),
  Shading: new Set([
    ...STREAM_KEYS,
    ...'ShadingType ColorSpace Background BBox AntiAlias Coords Domain Function Extend Matrix Decode BitsPerCoordinate BitsPerComponent BitsPerFlag VerticesPerRow'.split(
      ' ',
    ),
  ]),
  Pattern: new Set([
    ...STREAM_KEYS,
    ...'Type PatternType PaintType TilingType BBox XStep YStep Resources Matrix Shading ExtGState'.split(' '),
  ]),
  Function: new Set([
    ...STREAM_KEYS,
    ...'FunctionType Domain Range Size BitsPerSample Order Encode Decode C0 C1 N Functions Bounds'.split(' '),
  ]),
  Halftone: new Set([
    ...STREAM_KEYS,
    ...'Type HalftoneType Frequency Angle SpotFunction AccurateScreens TransferFunction Width Height Width2 Height2 Xsquare Ysquare'.split(
      ' ',
    ),
    ...'Default Gray Red Green Blue Cyan Magenta Yellow Black'.split(' '),
  ]),
  Mask: new Set(['Type', 'S', 'G', 'BC', 'TR']),
  Encoding: new Set(['Type', 'BaseEncoding', 'Differences']),
  CIDSystemInfo: new Set(['Registry', 'Ordering', 'Supplement']),
  DeviceNAttributes: new Set(['Subtype', 'Colorants', 'Process', 'MixingHints']),
  CalParams: new Set(['WhitePoint', 'BlackPoint', 'Gamma', 'Matrix', 'Range']),
  Measure: new Set('Type Subtype R X Y D A T S O CYX Bounds GPTS LPTS PDU GCS DCS'.split(' ')),
  NumberFormat: new Set('Type C F D FD RT RD PS SS O'.split(' ')),
  SigFieldLock: new Set(['Type', 'Action', 'Fields', 'P']),
  // A signature's seed value: not its certificate constraints (a subject's name, an issuer's).
  SV: new Set(
    'Type Ff Filter SubFilter DigestMethod V Reasons MDP TimeStamp LegalAttestation AddRevInfo LockDocument AppearanceFilter'.split(
      ' ',
    ),
  ),
};
/** Kinds of dictionary without a /Type, known by a key only they have. */
const KINDS_BY_KEY: Array<[string, keyof typeof KEPT_ON]> = [
  ['ShadingType', 'Shading'],
  ['PatternType', 'Pattern'],
  ['FunctionType', 'Function'],
  ['HalftoneType', 'Halftone'],
  // With /Ordering too (see kindOf).
  ['Registry', 'CIDSystemInfo'],
  ['Colorants', 'DeviceNAttributes'],
  ['WhitePoint', 'CalParams'],
];
/** The kinds of dictionary found by their /Type whose keys are kept by the table above. */
const KINDS_BY_TYPE = new Set([
  'Pages',
  'Font',
  'FontDescriptor',
  'ExtGState',
  'OutputIntent',
  'OCG',
  'OCMD',
  'Mask',
  'Encoding',
  'Measure',
  'NumberFormat',
  'SigFieldLock',
  'SV',
  'Halftone',
  'Pattern',
]);
/** Every action type ISO 32000-2 defines: a dictionary whose /S is one of them is an action. */
const ACTION_TYPES = new Set(
  (
    'GoTo GoToR GoToE GoToDp Launch Thread URI Sound Movie Hide Named SubmitForm ResetForm ImportData ' +
    'SetOCGState Rendition Trans GoTo3DView JavaScript RichMediaExecute ECMAScript'
  ).split(' '),
);
/** Above this many objects (those inside object streams included), a PDF is refused as too large. */
export const MAX_OBJECTS = 200_000;
/** Above this many bytes decoded, in one file, a PDF is refused: a few megabytes can inflate to gigabytes. */
export const MAX_DECODED_BYTES = 128 * 1024 * 1024;
/**
 * Bytes read from one of pdf-lib's decoders (RunLength, LZW, ASCII85 … in any chain) a block at a time,
 * stopping past `limit`: its `decode()` would double its buffer without end on a bomb.
 */
function bounded(
  stream: { getBytes(length?: number): Uint8Array | Uint8ClampedArray },
  limit: number,
): Uint8Array {
  const out = stream.getBytes(limit + 1);
  if (out.length > limit) throw new ExpansionLimit();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** What one `PDFDocument.load` may still spend: objects, cross-reference entries, decoded bytes. */
interface LoadBudget {
  objects: number;
  entries: number;
  bytes: number;
  /** pdf-lib skips an object whose parsing throws: a spent budget is remembered and refused after. */
  spent?: boolean;
}
const spend = (budget: LoadBudget): never => {
  budget.spent = true;
  throw new ExpansionLimit();
};
const loadBudget = new AsyncLocalStorage<LoadBudget>();
let loadGuards = false;

/**
 * pdf-lib decodes object streams and cross-reference streams while it loads a file, without a ceiling: a
 * 2 MB cross-reference stream inflating to 2 GB, or one declaring 50 million entries of zero bytes, took
 * seconds and gigabytes (24th probe; a regex pre-scan missed `/Type /Obj#53tm`, a comment between the
 * words, a /Type by reference). The guards sit in pdf-lib's own parsing steps, so they see the file as it
 * does: each such stream is decoded first within the load's byte budget, cross-reference entries and
 * parsed objects are counted against MAX_OBJECTS. Outside a guarded load they do nothing.
 */
function installLoadGuards(lib: typeof import('pdf-lib')) {
  if (loadGuards) return;
  loadGuards = true;
  const { PDFArray, PDFContext, PDFName, PDFNumber, PDFObjectStreamParser, PDFXRefStreamParser } = lib;
  const decodeWithin = (stream: PDFRawStreamType, budget: LoadBudget) => {
    try {
      budget.bytes -= bounded(lib.decodePDFRawStream(stream), Math.max(0, budget.bytes)).length;
    } catch (e) {
      if (e instanceof ExpansionLimit) spend(budget);
      throw e;
    }
  };
  const objectStream = PDFObjectStreamParser.forStream;
  PDFObjectStreamParser.forStream = (stream, waitForTick) => {
    const budget = loadBudget.getStore();
    if (budget) decodeWithin(stream, budget);
    return objectStream(stream, waitForTick);
  };
  const xrefStream = PDFXRefStreamParser.forStream;
  PDFXRefStreamParser.forStream = (stream) => {
    const budget = loadBudget.getStore();
    if (budget) {
      // pdf-lib makes one reference per declared entry, whatever /W says the entry holds.
      const index = stream.dict.lookup(PDFName.of('Index'));
      let entries = 0;
      if (index instanceof PDFArray)
        for (let i = 1; i < index.size(); i += 2) entries += index.lookup(i, PDFNumber).asNumber();
      else entries = stream.dict.lookup(PDFName.of('Size'), PDFNumber).asNumber();
      budget.entries -= Math.max(0, entries);
      if (!(budget.entries >= 0)) spend(budget);
      decodeWithin(stream, budget);
    }
    return xrefStream(stream);
  };
  const assign = PDFContext.prototype.assign;
  PDFContext.prototype.assign = function (this: PDFContextType, ref, object) {
    const budget = loadBudget.getStore();
    if (budget && --budget.objects < 0) spend(budget);
    assign.call(this, ref, object);
  };
}

/** Filters an image's samples may be written with and still be only pixels. */
const PIXEL_FILTERS = new Set([
  'FlateDecode',
  'Fl',
  'LZWDecode',
  'LZW',
  'RunLengthDecode',
  'RL',
  'ASCIIHexDecode',
  'AHx',
  'ASCII85Decode',
  'A85',
  'CCITTFaxDecode',
  'CCF',
  'JBIG2Decode',
]);

/** An encrypted PDF (owner password included): it cannot be read to be cleaned. */
export class EncryptedPdf extends Error {
  constructor() {
    super('an encrypted PDF');
  }
}

/** Thrown when a file unpacks to more than the cleaner will hold: refused, never half-read. */
export class ExpansionLimit extends Error {
  constructor() {
    super('a file that unpacks to too much');
  }
}
/** On annotations: the author, dates and names of the person who made them. */
const DROP_ON_ANNOTATIONS = ['T', 'M', 'CreationDate', 'NM', 'RC', 'Subj', 'Popup', 'IRT'];
/**
 * Annotations removed from their page: those that carry files, media or scripts, and sticky notes with
 * their pop-ups (a reviewer's private remarks, not what the page shows).
 */
const ACTIVE_ANNOTATIONS = new Set([
  'FileAttachment',
  'Sound',
  'Movie',
  'RichMedia',
  'Screen',
  '3D',
  'Text',
  'Popup',
]);
/**
 * The catalog keys a document needs to show its pages, links, forms and structure; anything else an
 * application wrote there (private data, article threads with their authors) goes.
 */
const CATALOG_KEPT = new Set([
  'Type',
  'Version',
  'Pages',
  'PageLabels',
  'Names',
  'Dests',
  'ViewerPreferences',
  'PageLayout',
  'PageMode',
  'Outlines',
  'AcroForm',
  'StructTreeRoot',
  'MarkInfo',
  'Lang',
  'OCProperties',
  'OutputIntents',
  'Extensions',
]);
/** Structure attribute objects' keys by their standard owner (ISO 32000-2 §14.8.5), /O included. */
const STRUCTURE_ATTRIBUTES: Record<string, Set<string>> = {
  Layout: new Set(
    (
      'O Placement WritingMode BackgroundColor BorderColor BorderStyle BorderThickness Padding Color ' +
      'SpaceBefore SpaceAfter StartIndent EndIndent TextIndent TextAlign BBox Width Height BlockAlign ' +
      'InlineAlign TBorderStyle TPadding BaselineShift LineHeight TextDecorationColor ' +
      'TextDecorationThickness TextDecorationType RubyAlign RubyPosition GlyphOrientationVertical ' +
      'ColumnCount ColumnGap ColumnWidths TextPosition'
    ).split(' '),
  ),
  List: new Set('O ListNumbering ContinuedList ContinuedFrom'.split(' ')),
  PrintField: new Set('O Role Checked checked Desc'.split(' ')),
  Table: new Set('O RowSpan ColSpan Headers Scope Summary Short'.split(' ')),
  Artifact: new Set('O Type BBox Subtype'.split(' ')),
};
/** Link actions kept: moving within the document or opening an address; every other action goes. */
const SAFE_ACTIONS = new Set(['GoTo', 'URI']);

/**
 * Rewrites a PDF without anything that identifies its author or acts on its reader: document information,
 * every XMP stream (document, page, image), annotations' authors and dates, page thumbnails, JavaScript,
 * actions, embedded files, XFA, and the EXIF inside every JPEG image (re-encoded). A full rewrite: earlier
 * incremental revisions are not carried over. `reencodeJpeg` returns null where it cannot keep the image
 * faithfully (CMYK, inverted decode), which is then reported as residue.
 */
export async function cleanPdf(
  content: Uint8Array,
  reencodeJpeg: (jpeg: Uint8Array) => Promise<Uint8Array | null>,
  opts: { strip?: boolean } = {},
): Promise<Cleaned> {
  const lib = await import('pdf-lib');
  const {
    PDFArray,
    PDFBool,
    PDFDict,
    PDFDocument,
    PDFHexString,
    PDFInvalidObject,
    PDFName,
    PDFNull,
    PDFNumber,
    PDFRawStream,
    PDFRef,
    PDFStream,
    PDFString,
    decodePDFRawStream,
    EncryptedPDFError,
  } = lib;
  /** The JPEG file inside an image stream, with any filters in front of the DCT one undone. */
  const jpegBytes = (stream: PDFRawStreamType): Uint8Array => {
    const filter = deref(stream.dict.get(PDFName.of('Filter')));
    if (!(filter instanceof PDFArray) || filter.size() === 1) return stream.contents;
    const outer = stream.dict.clone(ctx);
    outer.set(PDFName.of('Filter'), ctx.obj(filter.asArray().slice(0, -1)));
    const parms = deref(stream.dict.get(PDFName.of('DecodeParms')));
    if (parms instanceof PDFArray)
      outer.set(PDFName.of('DecodeParms'), ctx.obj(parms.asArray().slice(0, -1)));
    return bounded(decodePDFRawStream(PDFRawStream.of(outer, stream.contents)), MAX_DECODED_BYTES);
  };
  // An encrypted file (an owner password is enough) cannot be read to be cleaned: said as such.
  if (
    /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(
      Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1'),
    )
  )
    throw new EncryptedPdf();
  installLoadGuards(lib);
  const budget: LoadBudget = { objects: MAX_OBJECTS, entries: MAX_OBJECTS, bytes: MAX_DECODED_BYTES };
  const load = loadBudget.run(budget, () => PDFDocument.load(content, { updateMetadata: false }));
  const doc = await load.then(
    (d) => {
      if (budget.spent) throw new ExpansionLimit();
      return d;
    },
    (e: unknown) => {
      if (budget.spent) throw new ExpansionLimit();
      // pdf-lib's error classes do not survive `instanceof` (ES5 subclassing): known by their message.
      throw e instanceof EncryptedPDFError || /\bis encrypted\b/.test((e as Error).message)
        ? new EncryptedPdf()
        : e;
    },
  );
  const ctx = doc.context;
  const residue = new Set<Residue>();
  const removed = new Set<Residue>();
  /** What cannot be cleaned: replaced by an empty grey picture when the reporter asked (strip). */
  const blankImage = (ref: PDFRefType, kind: Residue) => {
    if (!opts.strip) return residue.add(kind);
    removed.add(kind);
    const grey = { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray' };
    ctx.assign(ref, PDFRawStream.of(ctx.obj({ ...grey, BitsPerComponent: 8 }), new Uint8Array([0xe0])));
    rewritten.add(ref.tag);
  };
  const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const dictOf = (o: PDFObject | undefined): PDFDictType | undefined => {
    const d = deref(o);
    return d instanceof PDFDict ? d : d instanceof PDFStream ? d.dict : undefined;
  };
  // A name, number or flag written as a reference to an object (/Subtype 6 0 R, /Filter [7 0 R]) is put
  // back in place, so that no rule below can be stepped around by spelling a name indirectly.
  const inline = (o: PDFObject): void => {
    const direct = (v: PDFObject) => {
      if (!(v instanceof PDFRef)) return undefined;
      const target = ctx.lookup(v);
      return target instanceof PDFName ||
        target instanceof PDFNumber ||
        target instanceof PDFBool ||
        target === PDFNull
        ? target
        : undefined;
    };
    if (o instanceof PDFDict)
      for (const [k, v] of o.entries()) {
        const d = direct(v);
        if (d) o.set(k, d);
        else if (!(v instanceof PDFRef)) inline(v);
      }
    else if (o instanceof PDFArray)
      for (let i = 0; i < o.size(); i++) {
        const v = o.get(i);
        const d = direct(v);
        if (d) o.set(i, d);
        else if (!(v instanceof PDFRef)) inline(v);
      }
    else if (o instanceof PDFStream) inline(o.dict);
  };
  for (const [, obj] of ctx.enumerateIndirectObjects()) inline(obj);
  const filtersOf = (d: PDFDictType): string[] => {
    const f = deref(d.get(PDFName.of('Filter')));
    return f instanceof PDFArray ? f.asArray().map((x) => name(deref(x)) ?? '?') : f ? [name(f) ?? '?'] : [];
  };

  /** Decoded bytes of a stream, once, within the file's budget; null where its filters cannot be undone. */
  let decodedTotal = 0;
  const decodedCache = new Map<PDFRawStreamType, Uint8Array | null>();
  const decodedOf = (s: PDFRawStreamType): Uint8Array | null => {
    if (decodedCache.has(s)) return decodedCache.get(s)!;
    const filters = filtersOf(s.dict);
    let out: Uint8Array | null;
    const left = Math.max(0, MAX_DECODED_BYTES - decodedTotal);
    try {
      if (filters.every((f) => f === 'FlateDecode' || f === 'Fl')) {
        // Inflated by zlib with a ceiling, so a bomb stops at the budget instead of filling memory.
        out = s.contents;
        for (const _ of filters)
          out = inflateSync(out, { maxOutputLength: left || 1, finishFlush: zlibConstants.Z_SYNC_FLUSH });
      } else out = bounded(decodePDFRawStream(s), left);
    } catch (e) {
      if (e instanceof ExpansionLimit || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ExpansionLimit();
      out = null;
    }
    decodedTotal += out?.length ?? 0;
    if (decodedTotal > MAX_DECODED_BYTES) throw new ExpansionLimit();
    decodedCache.set(s, out);
    return out;
  };
  const predictorOf = (d: PDFDictType): number => {
    const p = deref(d.get(PDFName.of('DecodeParms')));
    const parms = p instanceof PDFArray ? p.asArray().map((x) => deref(x)) : [p];
    return Math.max(
      0,
      ...parms.map((x) => {
        const v = x instanceof PDFDict ? x.get(PDFName.of('Predictor')) : undefined;
        return v instanceof PDFNumber ? v.asNumber() : 0;
      }),
    );
  };
  // Objects pdf-lib could not parse would be written back byte for byte, unread: they go.
  for (const [ref, obj] of ctx.enumerateIndirectObjects())
    if (obj instanceof PDFInvalidObject) ctx.delete(ref);

  const doomed = new Set<PDFRefType>();
  // What a dropped key referred to is not deleted here: it may be a page or a drawing that a kept key
  // refers to as well (an action's /P names its page). Whatever nothing refers to any more is left out
  // when the file is written (the reachability pass below).
  const dropKey = (d: PDFDictType, key: string) => {
    if (d.has(PDFName.of(key))) d.delete(PDFName.of(key));
  };

  // Document information and the trailer's file identifier.
  if (ctx.trailerInfo.Info instanceof PDFRef) doomed.add(ctx.trailerInfo.Info);
  ctx.trailerInfo.Info = undefined;
  ctx.trailerInfo.ID = undefined;

  // Scripts and attached files in the name tree; XFA forms (they carry scripts and data).
  const names = dictOf(doc.catalog.get(PDFName.of('Names')));
  if (names)
    for (const k of ['JavaScript', 'EmbeddedFiles', 'Renditions', 'AlternatePresentations'])
      dropKey(names, k);
  for (const k of doc.catalog.keys())
    if (!CATALOG_KEPT.has(k.decodeText())) dropKey(doc.catalog, k.decodeText());
  /** Keeps only the keys ISO 32000-2 defines for a dictionary of this kind: a producer's own go. */
  const keepOnly = (d: PDFDictType | undefined, kind: keyof typeof KEPT_ON) => {
    if (d) for (const k of d.keys()) if (!KEPT_ON[kind]!.has(k.decodeText())) dropKey(d, k.decodeText());
  };
  const fromCatalog = (key: string) => dictOf(doc.catalog.get(PDFName.of(key)));
  if (names) keepOnly(names, 'Names');
  keepOnly(fromCatalog('AcroForm'), 'AcroForm');
  keepOnly(fromCatalog('ViewerPreferences'), 'ViewerPreferences');
  keepOnly(fromCatalog('MarkInfo'), 'MarkInfo');
  keepOnly(fromCatalog('StructTreeRoot'), 'StructTreeRoot');
  const oc = fromCatalog('OCProperties');
  keepOnly(oc, 'OCProperties');
  keepOnly(dictOf(oc?.get(PDFName.of('D'))), 'OCConfig');
  const configs = deref(oc?.get(PDFName.of('Configs')));
  if (configs instanceof PDFArray) for (const c of configs.asArray()) keepOnly(dictOf(c), 'OCConfig');
  const extensions = fromCatalog('Extensions');
  for (const [, e] of extensions?.entries() ?? []) {
    const list = deref(e);
    for (const x of list instanceof PDFArray ? list.asArray() : [e]) keepOnly(dictOf(x), 'Extension');
  }
  // Name and number trees (destinations, appearances, templates, page labels, the structure's parent and
  // id trees): their nodes, and the values whose kind is known (labels, destinations).
  type Leaf = 'PageLabel' | 'Dest' | null;
  const treeNodes: Array<[PDFObject | undefined, Leaf]> = [
    ...(names
      ? [...names.entries()].map(([k, v]): [PDFObject, Leaf] => [
          v,
          k.decodeText() === 'Dests' ? 'Dest' : null,
        ])
      : []),
    [doc.catalog.get(PDFName.of('PageLabels')), 'PageLabel'],
    [fromCatalog('StructTreeRoot')?.get(PDFName.of('ParentTree')), null],
    [fromCatalog('StructTreeRoot')?.get(PDFName.of('IDTree')), null],
  ];
  // PDF 1.1's destinations: a plain dictionary of names, each an array or a dictionary with /D.
  for (const [, v] of fromCatalog('Dests')?.entries() ?? []) keepOnly(dictOf(v), 'DestDict');
  const seenNodes = new Set<PDFObject>();
  while (treeNodes.length > 0) {
    const [ref, leaf] = treeNodes.pop()!;
    const node = dictOf(ref);
    if (!node || !ref || seenNodes.has(ref) || node.has(PDFName.of('Type'))) continue;
    seenNodes.add(ref);
    if (!['Kids', 'Names', 'Nums'].some((k) => node.has(PDFName.of(k)))) {
      // Destinations written the PDF 1.1 way where a name tree belongs (readers accept it).
      if (leaf === 'Dest') for (const [, v] of node.entries()) keepOnly(dictOf(v), 'DestDict');
      continue;
    }
    keepOnly(node, 'TreeNode');
    const kids = deref(node.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) treeNodes.push(...kids.asArray().map((k): [PDFObject, Leaf] => [k, leaf]));
    for (const key of ['Nums', 'Names']) {
      const pairs = deref(node.get(PDFName.of(key)));
      if (leaf && pairs instanceof PDFArray)
        for (const [k, v] of pairs.asArray().entries())
          if (k % 2 === 1) keepOnly(dictOf(v), leaf === 'Dest' ? 'DestDict' : 'PageLabel');
    }
  }
  // The outline: its root, then every item (walked with a stack: a long outline is an ordinary document).
  const outlines = fromCatalog('Outlines');
  keepOnly(outlines, 'Outline');
  const items: Array<PDFObject | undefined> = [outlines?.get(PDFName.of('First'))];
  const seenItems = new Set<PDFObject>();
  while (items.length > 0) {
    const ref = items.pop();
    const item = dictOf(ref);
    if (!item || !ref || seenItems.has(ref)) continue;
    seenItems.add(ref);
    keepOnly(item, 'OutlineItem');
    items.push(item.get(PDFName.of('Next')), item.get(PDFName.of('First')));
  }

  const jpegs: Array<[PDFRefType, PDFRawStreamType]> = [];
  /** Image streams this cleaning wrote itself (re-encoded photos, grey frames). */
  const rewritten = new Set<string>();
  const drawn: PDFRefType[][] = [];
  /** Pages whose contents are split over several streams. */
  const pageContents: Array<{ page: PDFDictType; refs: PDFRefType[] }> = [];
  const postscript = new Set<PDFRefType>();
  const textOf = (o: PDFObject | undefined): string => {
    if (!(o instanceof PDFRawStream)) return '';
    const b = decodedOf(o);
    return b ? Buffer.from(b).toString('latin1') : ''; // an encoding we cannot undo: not a content stream
  };
  /**
   * What goes from every dictionary, nested ones included (an action inside a link's /A, its /Next):
   * keys that carry who, when or what runs, producers' dotted private keys, and unsafe actions.
   */
  /** Streams used as colour profiles (an ICCBased colour space, an output intent's profile). */
  const profiles = new Set<string>();
  const noteProfile = (a: PDFArrayType) => {
    const target = a.size() === 2 ? a.get(1) : undefined;
    if (name(deref(a.get(0))) === 'ICCBased' && target instanceof PDFRef) profiles.add(target.tag);
  };
  /**
   * The rules for one dictionary, direct or not (an annotation written inline in a page's list is one
   * too): each kind keeps only its defined keys, annotations lose who and when, actions are checked,
   * and the streams it names that draw or are PostScript-like are noted for cleaning.
   */
  /** Which allowlist a dictionary answers to: by its /Type or /Subtype, else by the keys only its kind has. */
  const kindOf = (
    d: PDFDictType,
    type: string | undefined,
    subtype: string | undefined,
    annotation: boolean,
  ): keyof typeof KEPT_ON | undefined => {
    const has = (k: string) => d.has(PDFName.of(k));
    if (type === 'Page') return 'Page';
    if (subtype === 'Form' || subtype === 'Image') return subtype;
    if (annotation) return 'Annot';
    // A structure element's /P is its parent (a reference); a page label's /P is a string.
    if (
      type === 'StructElem' ||
      (!type && has('S') && d.get(PDFName.of('P')) instanceof PDFRef && !has('Rect'))
    )
      return 'StructElem';
    if (type && KINDS_BY_TYPE.has(type)) return type as keyof typeof KEPT_ON;
    for (const [key, kind] of KINDS_BY_KEY)
      if (has(key) && (key !== 'Registry' || has('Ordering'))) return kind;
    if (!has('Rect') && (has('FT') || (has('Kids') && has('T')))) return 'Field';
    return undefined;
  };
  const scrubDict = (d: PDFDictType, stream: boolean): void => {
    const type = name(d.get(PDFName.of('Type')));
    const subtype = name(d.get(PDFName.of('Subtype')));
    const has = (k: string) => d.has(PDFName.of(k));
    // An output intent's free texts (its condition, registry, information) may name the producer's
    // machine or a path on it; its identifier and profile stay.
    if (type === 'OutputIntent') {
      const p = d.get(PDFName.of('DestOutputProfile'));
      if (p instanceof PDFRef) profiles.add(p.tag);
    }
    // An action, wherever it hangs (presentation steps' /NA and /NR, a field's /AA …): moving within the
    // document and opening a web address keep their defined keys; any other is emptied.
    const actionType = name(d.get(PDFName.of('S')));
    if (actionType && ACTION_TYPES.has(actionType) && type !== 'StructElem') {
      if (actionType === 'GoTo' || actionType === 'URI') keepOnly(d, actionType);
      else for (const k of d.keys()) dropKey(d, k.decodeText());
    }
    const annotation = type === 'Annot' || (!!subtype && has('Rect') && !stream);
    const kind = kindOf(d, type, subtype, annotation);
    if (kind) keepOnly(d, kind);
    for (const [key, k] of [
      ['Resources', 'Resources'],
      ['DR', 'Resources'],
      ['MK', 'MK'],
      ['BS', 'Border'],
      ['BE', 'BorderEffect'],
      ['Group', 'Group'],
      ['Trans', 'Trans'],
      ['BoxColorInfo', 'BoxColorInfo'],
      ['SeparationInfo', 'SeparationInfo'],
      ['Measure', 'Measure'],
    ] as const)
      keepOnly(dictOf(d.get(PDFName.of(key))), k);
    for (const [, b] of dictOf(d.get(PDFName.of('BoxColorInfo')))?.entries() ?? [])
      keepOnly(dictOf(b), 'BoxStyle');
    const vp = deref(d.get(PDFName.of('VP')));
    if (vp instanceof PDFArray) for (const v of vp.asArray()) keepOnly(dictOf(v), 'Viewport');
    const alternates = deref(d.get(PDFName.of('Alternates')));
    if (subtype === 'Image' && alternates instanceof PDFArray)
      for (const a of alternates.asArray()) keepOnly(dictOf(a), 'Alternate');
    for (const resources of [dictOf(d.get(PDFName.of('Resources'))), dictOf(d.get(PDFName.of('DR')))]) {
      for (const [, p] of dictOf(resources?.get(PDFName.of('Properties')))?.entries() ?? []) {
        const list = dictOf(p);
        const k = name(list?.get(PDFName.of('Type')));
        keepOnly(list, k === 'OCG' || k === 'OCMD' ? k : 'PropertyList');
      }
      for (const [, g] of dictOf(resources?.get(PDFName.of('ExtGState')))?.entries() ?? [])
        keepOnly(dictOf(g), 'ExtGState');
    }
    // Annotations (with or without /Type and /P), but not form widgets, whose /T is the field's name.
    if (annotation && subtype !== 'Widget') {
      for (const k of DROP_ON_ANNOTATIONS) dropKey(d, k);
      // Only a free-text annotation draws its /Contents; on every other kind it is a remark beside what is
      // drawn, or an alternative description (a new kind — PDF 2.0's Projection — included: 24th probe).
      if (subtype !== 'FreeText') dropKey(d, 'Contents');
      dropKey(d, 'OverlayText');
    }
    if (annotation) keepOnly(dictOf(d.get(PDFName.of('AP'))), 'Appearance');
    // A form field's last-modified date, like any annotation's.
    if (subtype === 'Widget') dropKey(d, 'M');
    // Only moving within the document or opening a web address stays under /A; a file: address names
    // folders on the author's disk. An action is a dictionary; anything else under /A goes.
    // (A structure element's /A is its attributes, not an action.)
    const structure = kind === 'StructElem';
    if (structure && has('A')) {
      // Attribute objects of the standard owners keep only the keys their owner defines; any other owner
      // (user properties, HTML, CSS, ARIA, a namespace's) holds free name–value pairs a producer copies
      // from the author's document ("Owner", "Author" columns) and goes (24th probe Q4).
      const keep = (o: PDFObject | undefined) => {
        const attr = dictOf(o);
        const keys = STRUCTURE_ATTRIBUTES[name(attr?.get(PDFName.of('O'))) ?? ''];
        if (!attr || !keys) return false;
        for (const k of attr.keys()) if (!keys.has(k.decodeText())) attr.delete(k);
        return true;
      };
      const attrs = deref(d.get(PDFName.of('A')));
      if (attrs instanceof PDFArray) {
        for (let i = attrs.size() - 1; i >= 0; i--) {
          if (attrs.get(i) instanceof PDFNumber || keep(attrs.get(i))) continue;
          // With its revision number, when one follows it.
          if (i + 1 < attrs.size() && attrs.get(i + 1) instanceof PDFNumber) attrs.remove(i + 1);
          attrs.remove(i);
        }
        if (attrs.size() === 0) dropKey(d, 'A');
      } else if (!keep(attrs)) dropKey(d, 'A');
    }
    if (!structure && has('A') && !dictOf(d.get(PDFName.of('A')))) dropKey(d, 'A');
    const action = structure ? undefined : dictOf(d.get(PDFName.of('A')));
    if (action) {
      const uri = action.get(PDFName.of('URI'));
      const target = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
      const k = name(action.get(PDFName.of('S'))) ?? '';
      // A link into someone's own OneDrive or SharePoint names them (Word's "Save as PDF" keeps such links).
      if (
        !SAFE_ACTIONS.has(k) ||
        (k === 'URI' && (!/^(https?|mailto):/i.test(target) || personalSite(target)))
      )
        dropKey(d, 'A');
    }
    if (name(d.get(PDFName.of('FT'))) === 'Sig') dropKey(d, 'V');
    // Streams this dictionary names that draw (appearances, Type 3 glyphs) or are PostScript-like.
    const toUnicode = d.get(PDFName.of('ToUnicode'));
    if (toUnicode instanceof PDFRef) postscript.add(toUnicode);
    for (const [, v] of dictOf(d.get(PDFName.of('AP')))?.entries() ?? []) {
      if (v instanceof PDFRef) drawn.push([v]);
      // A dictionary of states (/On, /Off), direct or through a reference.
      const target = deref(v);
      const states = target instanceof PDFDict ? target : undefined;
      for (const [, sv] of states?.entries() ?? []) if (sv instanceof PDFRef) drawn.push([sv]);
    }
    if (subtype === 'Type3')
      for (const [, p] of dictOf(d.get(PDFName.of('CharProcs')))?.entries() ?? [])
        if (p instanceof PDFRef) drawn.push([p]);
  };
  // A file specification written in place (PDF 2.0's namespace schemas, a lexicon, an /F with /EF) names
  // a file on the author's disk or carries one: nulled, as those written as objects are deleted.
  const fileSpec = (v: PDFObject) =>
    v instanceof PDFDict && (name(v.get(PDFName.of('Type'))) === 'Filespec' || v.has(PDFName.of('EF')));
  const scrubEverywhere = (o: PDFObject): void => {
    if (o instanceof PDFArray) {
      noteProfile(o);
      for (let i = 0; i < o.size(); i++) if (fileSpec(o.get(i))) o.set(i, PDFNull);
      for (const v of o.asArray()) if (!(v instanceof PDFRef)) scrubEverywhere(v);
      return;
    }
    const d = o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : undefined;
    if (!d) return;
    for (const k of DROP_EVERYWHERE) dropKey(d, k);
    scrubDict(d, o instanceof PDFStream);
    // (Producers' second-class names — pdfTeX's PTEX.FileName, PTEX.InfoDict — sit on pages, forms and
    // images, whose allowlists drop them. A dotted key elsewhere is often the document's own name: a
    // Mac's fonts are /F1.0, a glyph /a.sc, a check box's state /1.5mm; those stay.)
    for (const [k, v] of d.entries()) if (fileSpec(v)) d.set(k, PDFNull);
    for (const [, v] of d.entries()) if (!(v instanceof PDFRef)) scrubEverywhere(v);
  };
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (obj instanceof PDFArray) scrubEverywhere(obj);
    const d = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : undefined;
    if (!d) continue;
    scrubEverywhere(obj);
    const type = name(d.get(PDFName.of('Type')));
    const subtype = name(d.get(PDFName.of('Subtype')));
    if (type === 'Metadata' || (subtype === 'XML' && obj instanceof PDFStream)) doomed.add(ref);
    if (type === 'EmbeddedFile' || type === 'Filespec') doomed.add(ref);
    // PostScript XObjects (obsolete; no viewer draws them) carry the producer's comments.
    if (subtype === 'PS') doomed.add(ref);
    // A file specification carrying embedded files, with or without its /Type.
    if (d.has(PDFName.of('EF'))) doomed.add(ref);
    // Wherever it hangs (a page's list or a key nobody reads), a note or a carrier of files goes.
    if (
      (type === 'Annot' || (subtype && d.has(PDFName.of('Rect')))) &&
      subtype !== 'Widget' &&
      ACTIVE_ANNOTATIONS.has(subtype ?? '')
    )
      doomed.add(ref);
    // Signatures name their signer, place, reason and time, and carry the signer's certificate; a
    // rewritten file would not verify anyway.
    if (type === 'Sig' || d.has(PDFName.of('ByteRange'))) doomed.add(ref);
    if (type === 'Page') {
      const annots = deref(d.get(PDFName.of('Annots')));
      if (annots instanceof PDFArray) {
        const kept = annots.asArray().filter((a) => {
          const ad = dictOf(a);
          const active = ACTIVE_ANNOTATIONS.has(name(ad?.get(PDFName.of('Subtype'))) ?? '');
          if (active && a instanceof PDFRef) doomed.add(a);
          return !active;
        });
        d.set(PDFName.of('Annots'), ctx.obj(kept));
      }
    }
    if (subtype === 'Image' && obj instanceof PDFRawStream) {
      const filters = filtersOf(d);
      // Only JPEG and JPEG 2000 streams carry metadata; other image streams are pixels only.
      if (filters.includes('JPXDecode')) blankImage(ref, 'jpeg2000_image');
      else if (filters.at(-1) === 'DCTDecode') jpegs.push([ref, obj]);
      else if (filters.includes('DCTDecode')) blankImage(ref, 'unknown_media');
    }
    // What is drawn: pages (one text per page: a content array may split an operator), forms, tiling
    // patterns and Type 3 glyphs. Any of them may hold an inline image.
    if (type === 'Page') {
      const contents = d.get(PDFName.of('Contents'));
      const parts =
        deref(contents) instanceof PDFArray ? (deref(contents) as PDFArrayType).asArray() : [contents];
      const refs = parts.filter((p): p is PDFRefType => p instanceof PDFRef);
      drawn.push(refs);
      if (refs.length > 1) pageContents.push({ page: d, refs });
    }
    // PostScript-like streams keep their producers' comments: calculator functions, character maps.
    const fnType = d.get(PDFName.of('FunctionType'));
    if (
      obj instanceof PDFRawStream &&
      ((fnType instanceof PDFNumber && fnType.asNumber() === 4) || type === 'CMap')
    )
      postscript.add(ref);
    if (obj instanceof PDFRawStream && (subtype === 'Form' || d.has(PDFName.of('PatternType'))))
      drawn.push([ref]);
    // XMP kept under other keys (applications' private data): found by its content.
    if (
      obj instanceof PDFRawStream &&
      subtype !== 'Image' &&
      /<x:xmpmeta|<\?xpacket|<rdf:RDF|22-rdf-syntax-ns#/.test(textOf(obj))
    )
      doomed.add(ref);
    // A reference XObject points at another file; the form's own drawing stands in for it.
    if (subtype === 'Form' && d.has(PDFName.of('Ref'))) {
      if (opts.strip) {
        removed.add('embedded_object');
        dropKey(d, 'Ref');
      } else residue.add('embedded_object');
    }
  }
  // Inline images ("BI … ID … EI") written as JPEG may hold a whole JPEG with its EXIF. On request each is
  // cut out where its JPEG structure ends exactly; whatever is still found afterwards is residue.
  // Each stream is read once, one at a time, however many pages draw it (700 pages drawing one 4 MB
  // stream twice each once held 5.6 GB of page texts at once).
  const anyInlineJpeg = () => {
    for (const ref of new Set(drawn.flat())) if (hasInlineJpeg(textOf(ctx.lookup(ref)))) return true;
    return false;
  };
  if (opts.strip && anyInlineJpeg())
    for (const ref of new Set(drawn.flat())) {
      const stream = ctx.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const cut = withoutInlineJpegs(Buffer.from(textOf(stream), 'latin1'));
      if (!cut) continue;
      removed.add('inline_image');
      stream.dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
      stream.dict.delete(PDFName.of('DecodeParms'));
      ctx.assign(ref, PDFRawStream.of(stream.dict, deflateSync(cut)));
    }
  if (anyInlineJpeg()) residue.add('inline_image');
  // Comments and private marked-content keys beside what is drawn, and comments in PostScript-like
  // streams (clean-content.ts). A page's contents split over several streams are read as one (a token may
  // not, but a dictionary may, span them) and written back as one new stream. What cannot be read is
  // refused, not kept unread.
  // What is read here counts against the decoded budget again: a stream drawn by every page is read as
  // often as it is drawn.
  let scanned = 0;
  const scrubbed = (refs: PDFRefType[]) => {
    const streams = refs.map((r) => ctx.lookup(r));
    if (!streams.every((x): x is PDFRawStreamType => x instanceof PDFRawStream)) return null;
    const text = streams.map((x) => textOf(x)).join('\n');
    scanned += text.length;
    if (scanned > MAX_DECODED_BYTES) throw new ExpansionLimit();
    const r = scrubContent(text);
    if (r === 'unreadable') residue.add('unknown_media');
    return typeof r === 'object' ? deflateSync(Buffer.from(r.text, 'latin1')) : null;
  };
  const flate = (dict: PDFDictType, data: Uint8Array) => {
    const d = dict.clone(ctx);
    d.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    d.delete(PDFName.of('DecodeParms'));
    d.delete(PDFName.of('Length'));
    return PDFRawStream.of(d, data);
  };
  for (const { page, refs } of pageContents) {
    const clean = scrubbed(refs);
    if (clean) page.set(PDFName.of('Contents'), ctx.register(flate(ctx.obj({}), clean)));
  }
  for (const ref of new Set([...drawn.filter((g) => g.length === 1).flat(), ...postscript])) {
    const clean = scrubbed([ref]);
    if (clean) ctx.assign(ref, flate((ctx.lookup(ref) as PDFRawStreamType).dict, clean));
  }
  for (const [ref, stream] of jpegs) {
    const decode = stream.dict.get(PDFName.of('Decode'));
    const clean = decode ? null : await reencodeJpeg(jpegBytes(stream));
    if (!clean) {
      blankImage(ref, 'cmyk_image');
      continue;
    }
    rewritten.add(ref.tag);
    // Stored as a plain DCT stream again, whatever filters wrapped it before.
    stream.dict.set(PDFName.of('Filter'), PDFName.of('DCTDecode'));
    stream.dict.delete(PDFName.of('DecodeParms'));
    ctx.assign(ref, PDFRawStream.of(stream.dict, clean));
  }
  for (const ref of doomed) ctx.delete(ref);
  // Pages outside the page tree — deleted by a tool that leaves the object behind, or dropped from the
  // page list by an incremental update — are not the document's: a bookmark, a link, a structure element
  // or a form field whose widget sat there does not keep them (the page a reporter removed on purpose).
  const livePages = new Set<string>();
  const liveAnnots = new Set<string>();
  const treeStack: Array<PDFObject | undefined> = [doc.catalog.get(PDFName.of('Pages'))];
  const seenTree = new Set<string>();
  // A tree written with a node inline (not by reference) cannot say which page objects are its own:
  // then no page is taken for deleted, rather than a live one.
  let treeKnown = true;
  while (treeStack.length > 0) {
    const ref = treeStack.pop();
    if (!(ref instanceof PDFRef)) {
      if (ref) treeKnown = false;
      continue;
    }
    if (seenTree.has(ref.tag)) continue;
    seenTree.add(ref.tag);
    const node = dictOf(ref);
    const kids = deref(node?.get(PDFName.of('Kids')));
    if (name(node?.get(PDFName.of('Type'))) !== 'Page' && kids instanceof PDFArray) {
      treeStack.push(...kids.asArray());
      continue;
    }
    livePages.add(ref.tag);
    const annots = deref(node?.get(PDFName.of('Annots')));
    if (annots instanceof PDFArray)
      for (const a of annots.asArray()) if (a instanceof PDFRef) liveAnnots.add(a.tag);
  }
  const orphanPages = new Set<string>();
  for (const [ref, obj] of ctx.enumerateIndirectObjects())
    if (
      treeKnown &&
      obj instanceof PDFDict &&
      name(obj.get(PDFName.of('Type'))) === 'Page' &&
      !livePages.has(ref.tag)
    )
      orphanPages.add(ref.tag);
  const onOrphan = (o: PDFObject | undefined) => o instanceof PDFRef && orphanPages.has(o.tag);
  if (orphanPages.size > 0) {
    // Form fields whose every widget was on such a page go, with their values.
    const dead = (ref: PDFObject, f: PDFDictType) =>
      onOrphan(f.get(PDFName.of('P'))) || (ref instanceof PDFRef && !liveAnnots.has(ref.tag));
    const prune = (list: PDFArrayType, depth: number) => {
      if (depth > 64) return;
      for (let i = list.size() - 1; i >= 0; i--) {
        const ref = list.get(i);
        const f = dictOf(ref);
        if (!f) continue;
        const kids = deref(f.get(PDFName.of('Kids')));
        if (kids instanceof PDFArray) {
          prune(kids, depth + 1);
          if (kids.size() === 0) list.remove(i);
        } else if (name(f.get(PDFName.of('Subtype'))) === 'Widget' && dead(ref, f)) list.remove(i);
      }
    };
    const fields = deref(fromCatalog('AcroForm')?.get(PDFName.of('Fields')));
    if (fields instanceof PDFArray) prune(fields, 0);
    // Structure elements on such a page — their own /Pg or one inherited from a parent — lose what they
    // say of it (ActualText, Alt, titles) and their references into it (marked content, its annotations).
    const structure: Array<[PDFObject | undefined, boolean]> = [
      [fromCatalog('StructTreeRoot')?.get(PDFName.of('K')), false],
    ];
    const seenElements = new Set<PDFObject>();
    while (structure.length > 0) {
      const [o, inherited] = structure.pop()!;
      const kids = deref(o);
      if (kids instanceof PDFArray) {
        for (let i = kids.size() - 1; i >= 0; i--) {
          const kid = dictOf(kids.get(i));
          const type = name(kid?.get(PDFName.of('Type')));
          const onIt = kid?.has(PDFName.of('Pg')) ? onOrphan(kid.get(PDFName.of('Pg'))) : inherited;
          const obj = kid?.get(PDFName.of('Obj'));
          if (
            (type === 'MCR' || type === 'OBJR') &&
            (onIt ||
              (obj instanceof PDFRef &&
                type === 'OBJR' &&
                !liveAnnots.has(obj.tag) &&
                onOrphan(dictOf(obj)?.get(PDFName.of('P')))))
          )
            kids.remove(i);
          else structure.push([kids.get(i), inherited]);
        }
        continue;
      }
      const el = dictOf(o);
      if (!el || !o || seenElements.has(o) || name(el.get(PDFName.of('Type'))) === 'MCR') continue;
      seenElements.add(o);
      const onIt = el.has(PDFName.of('Pg')) ? onOrphan(el.get(PDFName.of('Pg'))) : inherited;
      if (onIt) for (const k of ['Pg', 'ActualText', 'Alt', 'E', 'T']) el.delete(PDFName.of(k));
      const k = el.get(PDFName.of('K'));
      if (k) structure.push([deref(k) instanceof PDFArray ? k : ctx.obj([k]), onIt]);
    }
    // Bookmarks into such a page lose their title (often the page's heading) and their target.
    // A destination may be a name, looked up in the catalog's /Dests or the /Dests name tree.
    const named = (key: PDFObject | undefined): PDFObject | undefined => {
      const text =
        key instanceof PDFName
          ? key.decodeText()
          : key instanceof PDFString || key instanceof PDFHexString
            ? key.decodeText()
            : undefined;
      if (text === undefined) return key;
      const old = fromCatalog('Dests')?.get(PDFName.of(text));
      if (old) return old;
      const nodes: Array<PDFObject | undefined> = [
        dictOf(doc.catalog.get(PDFName.of('Names')))?.get(PDFName.of('Dests')),
      ];
      for (let n = 0; nodes.length > 0 && n < 10_000; n++) {
        const node = dictOf(nodes.pop());
        const kids = deref(node?.get(PDFName.of('Kids')));
        if (kids instanceof PDFArray) nodes.push(...kids.asArray());
        const pairs = deref(node?.get(PDFName.of('Names')));
        if (pairs instanceof PDFArray)
          for (let i = 0; i + 1 < pairs.size(); i += 2) {
            const k = pairs.get(i);
            if ((k instanceof PDFString || k instanceof PDFHexString) && k.decodeText() === text)
              return pairs.get(i + 1);
          }
      }
      return undefined;
    };
    const pageOf = (d: PDFObject | undefined): PDFObject | undefined => {
      let dest = deref(named(deref(d)));
      if (dest instanceof PDFDict) dest = deref(dest.get(PDFName.of('D'))); // { /D [page …] }
      return dest instanceof PDFArray ? dest.get(0) : undefined;
    };
    for (const [, obj] of ctx.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || !obj.has(PDFName.of('Title'))) continue;
      const action = dictOf(obj.get(PDFName.of('A')));
      const page = pageOf(obj.get(PDFName.of('Dest')) ?? action?.get(PDFName.of('D')));
      if (onOrphan(page)) {
        obj.set(PDFName.of('Title'), PDFHexString.fromText(''));
        obj.delete(PDFName.of('Dest'));
        obj.delete(PDFName.of('A'));
      }
    }
  }
  // Objects nothing refers to any more (orphaned XMP, old revisions' leftovers) are not written. Walked
  // with a stack, not recursion: a long outline (thousands of /Next links) is an ordinary document.
  const reachable = new Set<string>();
  const pending: Array<PDFObject | undefined> = [ctx.trailerInfo.Root];
  while (pending.length > 0) {
    const o = pending.pop();
    if (o instanceof PDFRef) {
      if (reachable.has(o.tag) || orphanPages.has(o.tag)) continue;
      reachable.add(o.tag);
      pending.push(ctx.lookup(o));
    } else if (o instanceof PDFDict) for (const [, v] of o.entries()) pending.push(v);
    else if (o instanceof PDFStream) pending.push(o.dict);
    else if (o instanceof PDFArray) pending.push(...o.asArray());
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!reachable.has(ref.tag)) ctx.delete(ref);
  // Last, every stream still in the file is read as a reader would (filters undone) and searched for the
  // containers metadata lives in — EXIF, XMP, Photoshop blocks, PNG, TIFF, JPEG 2000, HEIC — wherever it
  // hangs: under a private key, in a stream no rule above looked at, behind an unusual spelling.
  const contentStreams = new Set(drawn.flat().map((r) => r.tag));
  const fontPrograms = new Set<string>();
  for (const [, obj] of ctx.enumerateIndirectObjects())
    if (obj instanceof PDFDict && name(obj.get(PDFName.of('Type'))) === 'FontDescriptor')
      for (const k of ['FontFile', 'FontFile2', 'FontFile3']) {
        const f = obj.get(PDFName.of(k));
        if (f instanceof PDFRef) fontPrograms.add(f.tag);
      }
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || rewritten.has(ref.tag)) continue;
    const image = name(obj.dict.get(PDFName.of('Subtype'))) === 'Image';
    const filters = filtersOf(obj.dict);
    // An image's samples are pixels, not files: not unpacked (a long scan would exhaust the budget).
    if (image && filters.every((f) => PIXEL_FILTERS.has(f))) continue;
    const bytes = decodedOf(obj);
    // JBIG2 and fax images are pixels only; any other stream we cannot undo cannot be checked.
    if (!bytes && image && filters.every((f) => ['JBIG2Decode', 'CCITTFaxDecode', 'CCF'].includes(f)))
      continue;
    // A colour profile (an ICCBased colour space, an output intent) names the display it was made for and
    // its owner: written again without its words (clean-icc.ts), its colours unchanged.
    const profile = bytes && !image ? scrubIcc(bytes) : null;
    // One used as a profile that is not one Liêm can rewrite with certainty (its signature misspelt, its
    // tags out of bounds) cannot be read as a reader would: refused.
    if (!profile && profiles.has(ref.tag)) {
      residue.add('unknown_media');
      continue;
    }
    if (profile) {
      obj.dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
      obj.dict.delete(PDFName.of('DecodeParms'));
      ctx.assign(ref, PDFRawStream.of(obj.dict, deflateSync(profile)));
      continue;
    }
    // A font program loses its maker's names and dates (clean-font.ts); its length is unchanged.
    // One it cannot read (WOFF, PFB, EOT…) is treated as unreadable, not passed on a signature check.
    const fontProgram = bytes && fontPrograms.has(ref.tag);
    const font = fontProgram && cleanableFont(bytes) ? cleanFontProgram(bytes) : null;
    const unreadableFont = fontProgram && (!font || hidesMetadata(font, 'font'));
    if (font && !unreadableFont) {
      obj.dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
      obj.dict.delete(PDFName.of('DecodeParms'));
      ctx.assign(ref, PDFRawStream.of(obj.dict, deflateSync(font)));
      continue;
    }
    // A PNG predictor (which pdf-lib does not undo) scrambles what is searched: outside images, refused.
    const predicted = !image && predictorOf(obj.dict) > 1;
    if (
      bytes &&
      !predicted &&
      !unreadableFont &&
      !hidesMetadata(bytes, fontPrograms.has(ref.tag) ? 'font' : image ? 'image' : 'data')
    )
      continue;
    const kind: Residue = contentStreams.has(ref.tag) ? 'inline_image' : 'unknown_media';
    if (!opts.strip) {
      residue.add(kind);
      continue;
    }
    if (image) {
      blankImage(ref, 'unknown_media');
      continue;
    }
    const cut = kind === 'inline_image' && bytes ? withoutInlineJpegs(Buffer.from(bytes)) : null;
    if (cut && !hidesMetadata(cut)) {
      removed.add('inline_image');
      obj.dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
      obj.dict.delete(PDFName.of('DecodeParms'));
      ctx.assign(ref, PDFRawStream.of(obj.dict, deflateSync(cut)));
    } else if (kind === 'inline_image') residue.add('inline_image');
    else {
      // Data nothing draws: emptied.
      removed.add('unknown_media');
      obj.dict.delete(PDFName.of('Filter'));
      obj.dict.delete(PDFName.of('DecodeParms'));
      ctx.assign(ref, PDFRawStream.of(obj.dict, new Uint8Array()));
    }
  }
  // Without object streams: every object stays readable by an independent checker (and by the tests).
  return {
    content: await doc.save({
      updateFieldAppearances: false,
      useObjectStreams: false,
      addDefaultPage: false,
    }),
    residue: [...residue],
    removed: [...removed],
  };
}

/** An inline image's head, "BI … ID" and the one white-space byte after it (names may use #xx escapes). */
// PDF white-space includes NUL and form feed; a token may follow a delimiter directly.
const BI_TOKEN = /(?<=^|[\0\t\n\f\r ()<>[\]{}/%])BI(?=[\0\t\n\f\r /])/g;
const ID_TOKEN = /(?<=[\0\t\n\f\r ()<>[\]{}/%])ID[\0\t\n\f\r ]/g;

/**
 * Each inline image's head ("BI … ID" and the white-space byte after ID): where it starts, its dictionary
 * text, and where its data begins. One pass, never a search from every BI to the end (a stream of BI
 * tokens without ID would take quadratic time).
 */
function* inlineImages(t: string): Generator<{ index: number; head: string; data: number }> {
  BI_TOKEN.lastIndex = 0;
  let from = 0;
  for (;;) {
    BI_TOKEN.lastIndex = from;
    const bi = BI_TOKEN.exec(t);
    if (!bi) return;
    ID_TOKEN.lastIndex = bi.index + 2;
    const id = ID_TOKEN.exec(t);
    if (!id) return; // no ID after this BI: none after any later one either
    yield { index: bi.index, head: t.slice(bi.index + 2, id.index), data: id.index + id[0].length };
    from = id.index + id[0].length;
  }
}
const unescapeNames = (head: string) =>
  head.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const startsJpeg = (t: string, at: number) => t.charCodeAt(at) === 0xff && t.charCodeAt(at + 1) === 0xd8;

/** Byte patterns of the containers metadata lives in: long enough never to occur by chance in pixels. */
const utf16 = (s: string) => [
  Buffer.from(s, 'utf16le').toString('latin1'),
  Buffer.from(s, 'utf16le').swap16().toString('latin1'),
];
const SIGNATURES = {
  /** In every stream, fonts included: metadata blocks themselves. */
  meta: [
    'Exif\0\0',
    'http://ns.adobe.com/xap/1.0/',
    '<x:xmpmeta',
    '<?xpacket',
    'Photoshop 3.0\0',
    ...utf16('<x:xmpmeta'),
    ...utf16('<?xpacket'),
  ],
  /** Outside fonts (colour fonts carry PNG glyphs of their maker's): whole pictures and files. */
  files: [
    '\x89PNG\r\n\x1a\n',
    '\0\0\0\x0cjP  \r\n\x87\n',
    'ftypheic',
    'ftypheix',
    'ftypmif1',
    'ftypavif',
    'II*\0\x08\0\0\0',
    'MM\0*\0\0\0\x08',
  ],
  /** Outside fonts and images: short signatures a picture's pixels could hold by chance. */
  data: ['\xff\xd8\xff\xfe', 'II*\0', 'MM\0*', 'ID3\x03\0', 'ID3\x04\0', 'PK\x03\x04'],
};
const sigs = (keys: Array<keyof typeof SIGNATURES>) =>
  keys.flatMap((k) => SIGNATURES[k].map((s) => Buffer.from(s, 'latin1')));
/** In font programs: a PNG glyph's text chunks (a colour font's own pictures carry none of their maker's). */
const FONT_SIGNATURES = ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'II*\0', 'MM\0*'].map((x) =>
  Buffer.from(x, 'latin1'),
);
const SIGNATURES_FOR = {
  font: [...sigs(['meta']), ...FONT_SIGNATURES],
  // A cleaned metafile holds PNG and JPEG pictures by design: checked for metadata blocks, not pictures.
  metafile: [...sigs(['meta']), ...FONT_SIGNATURES],
  image: sigs(['meta', 'files']),
  data: sigs(['meta', 'files', 'data']),
};
/** Whether bytes hold a container of metadata, judged by what kind of stream holds them. */
export const hidesMetadata = (bytes: Uint8Array, kind: 'font' | 'metafile' | 'image' | 'data' = 'data') => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return SIGNATURES_FOR[kind].some((sig) => b.includes(sig));
};

/** Whether drawn content holds an inline image written as JPEG (or JPEG 2000): those carry metadata. */
export function hasInlineJpeg(drawn: string): boolean {
  for (const m of inlineImages(drawn))
    if (/DCT|JPX/.test(unescapeNames(m.head)) || startsJpeg(drawn, m.data)) return true;
  return false;
}

/**
 * Where the JPEG starting at `at` ends, read by its own structure (segment lengths, then entropy-coded
 * data up to the next marker, until EOI), or -1 where it is not one: never guessed from an "EI" in it.
 */
function jpegEnd(t: string, at: number): number {
  const b = (i: number) => t.charCodeAt(i);
  let i = at + 2;
  while (i + 1 < t.length) {
    if (b(i) !== 0xff) return -1;
    while (b(i + 1) === 0xff) i++; // fill bytes before a marker
    const m = b(i + 1);
    if (m === 0xd9) return i + 2;
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      i += 2;
      continue;
    }
    const length = (b(i + 2) << 8) | b(i + 3);
    if (Number.isNaN(length) || length < 2) return -1;
    i += 2 + length;
    if (m === 0xda)
      while (
        i + 1 < t.length &&
        !(b(i) === 0xff && b(i + 1) !== 0 && !(b(i + 1) >= 0xd0 && b(i + 1) <= 0xd7))
      )
        i++;
  }
  return -1;
}

/**
 * The content stream without its inline JPEG images, each cut from "BI" to its "EI" where the JPEG's own
 * structure says it ends; null where none could be cut (what is left is found again as residue).
 */
export function withoutInlineJpegs(content: Buffer): Buffer | null {
  const t = content.toString('latin1');
  let out = '';
  let from = 0;
  for (const m of inlineImages(t)) {
    if (m.index < from) continue;
    const data = m.data;
    if (!startsJpeg(t, data)) continue;
    const end = jpegEnd(t, data);
    const ei = end < 0 ? null : /^\s*EI(?=[\s/[<(]|$)/.exec(t.slice(end, end + 64));
    if (!ei) continue;
    out += t.slice(from, m.index);
    from = end + ei[0].length;
  }
  return from === 0 ? null : Buffer.from(out + t.slice(from), 'latin1');
}
