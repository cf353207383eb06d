/**
 * Embedded fonts rewritten without what names their maker (twenty-first probe, K5): a font made with a
 * font editor or a handwriting service carries its author's name, e-mail, machine or path in its name
 * table (copyright, unique ID, designer, description, URLs…), its creation dates, a signature with the
 * signer's certificate; a Type 1 font, comments before its encrypted part. Lengths never change: what goes
 * is blanked, so every offset in the font (and the PDF's Length1) stays true. Names a renderer needs are
 * kept (family, style, full and PostScript names, typographic family and style).
 */

/** Name IDs kept (OpenType `name` table): 1, 2, 4, 6, 16, 17. */
const KEEP_NAMES = new Set([1, 2, 4, 6, 16, 17]);

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const put16 = (b: Uint8Array, at: number, v: number) => b.set([(v >>> 8) & 0xff, v & 0xff], at);
const put32 = (b: Uint8Array, at: number, v: number) =>
  b.set([(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff], at);
const tag = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

const isSfnt = (b: Uint8Array) =>
  b.length >= 12 && (u32(b, 0) === 0x00010000 || tag(b, 0) === 'OTTO' || tag(b, 0) === 'true');

/** A bare CFF font program (PDF FontFile3 /Type1C, /CIDFontType0C): version 1, a header of 4 bytes or more. */
const isCff = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 1 && b[1] === 0 && b[2]! >= 4 && b[3]! >= 1 && b[3]! <= 4;

/**
 * The font formats rewritten here. Any other (WOFF and WOFF2, whose tables and metadata are compressed;
 * EOT, PowerPoint's wrapper, often compressed; PFB-wrapped Type 1) is refused by the callers: a font we
 * cannot read is not kept (twenty-third probe, P2, P3, P5).
 */
export const cleanableFont = (b: Uint8Array) =>
  isSfnt(b) || tag(b, 0) === 'ttcf' || (b[0] === 0x25 && b[1] === 0x21) || isCff(b);

/**
/**
 * A font program cleaned on a copy: TrueType/OpenType (also each font of a collection) or a Type 1
 * font's clear-text part. Null: a font of these formats whose structure does not add up (refused).
 */
export function cleanFontProgram(input: Uint8Array): Uint8Array | null {
  const b = Uint8Array.from(input);
  const sums = new Checksums(b);
  if (isSfnt(b)) return cleanSfnt(b, 0, sums) ? b : null;
  if (tag(b, 0) === 'ttcf') {
    if (b.length < 12) return null;
    const count = u32(b, 8);
    if (count === 0 || count > MAX_FONTS || 12 + count * 4 > b.length) return null;
    for (let i = 0; i < count; i++) if (!cleanSfnt(b, u32(b, 12 + i * 4), sums)) return null;
    return b;
  }
  if (b[0] === 0x25 && b[1] === 0x21) return cleanType1(b);
  if (isCff(b)) return cleanCff(b) ? b : null;
  return null;
}

/**
 * The tables renderers read (OpenType, TrueType, colour and variable fonts, Apple's AAT, Graphite); any
 * other is blanked.
 */
const RENDERED = new Set(
  'cmap glyf loca head hhea hmtx maxp name OS/2 post cvt_ fpgm prep gasp kern hdmx LTSH VDMX PCLT GSUB GPOS GDEF BASE JSTF MATH CFF_ CFF2 VORG vhea vmtx fvar gvar avar cvar HVAR VVAR MVAR STAT COLR CPAL CBDT CBLC EBDT EBLC EBSC sbix bdat bloc morx mort kerx feat trak ankr just lcar opbd prop bsln fmtx Silf Glat Gloc Feat Sill'
    .split(' ')
    .map((t) => t.replace('_', ' ')),
);

/** More tables than any font has, more fonts than any collection: refused (each costs a pass). */
const MAX_TABLES = 512;
const MAX_FONTS = 256;

interface Table {
  record: number;
  offset: number;
  length: number;
}

/**
 * Table checksums, each range summed once however many fonts of a collection share it; the ranges summed
 * may add up to a few times the file, never more (a collection whose fonts each claim the whole file).
 */
class Checksums {
  private known = new Map<string, number>();
  private budget: number;
  constructor(private b: Uint8Array) {
    this.budget = 4 * b.length + 4096;
  }
  of(offset: number, length: number, fresh = false): number | null {
    const key = `${offset}:${length}`;
    const cached = fresh ? undefined : this.known.get(key);
    if (cached !== undefined) return cached;
    this.budget -= length;
    if (this.budget < 0) return null;
    const sum = checksum(this.b, offset, length);
    this.known.set(key, sum);
    return sum;
  }
}

function cleanSfnt(b: Uint8Array, base: number, sums: Checksums): boolean {
  if (base + 12 > b.length || !isSfnt(b.subarray(base))) return false;
  const count = u16(b, base + 4);
  if (count > MAX_TABLES || base + 12 + count * 16 > b.length) return false;
  const tables = new Map<string, Table>();
  for (let i = 0; i < count; i++) {
    const record = base + 12 + i * 16;
    const t = { record, offset: u32(b, record + 8), length: u32(b, record + 12) };
    if (t.offset + t.length > b.length) return false;
    tables.set(tag(b, record), t);
  }
  // Tables never overlap (a collection's fonts share whole tables, each font's own never overlap).
  const ranges = [...tables.values()].sort((x, y) => x.offset - y.offset);
  for (let i = 1; i < ranges.length; i++)
    if (ranges[i]!.offset < ranges[i - 1]!.offset + ranges[i - 1]!.length) return false;
  const changed: Table[] = [];
  const cff = tables.get('CFF ');
  if (cff) {
    if (!cleanCff(b.subarray(cff.offset, cff.offset + cff.length))) return false;
    changed.push(cff);
  }
  // Tables no renderer reads (SVG glyph documents keep their editor's metadata, a debug table its
  // source paths): their bytes blanked, the directory kept (twenty-third probe, P6).
  for (const [t, table] of tables)
    if (!RENDERED.has(t) && !['DSIG', 'meta', 'PfEd', 'FFTM'].includes(t)) {
      b.fill(0, table.offset, table.offset + table.length);
      changed.push(table);
    }
  const name = tables.get('name');
  if (name) {
    if (!cleanNameTable(b.subarray(name.offset, name.offset + name.length))) return false;
    changed.push(name);
  }
  // A digital signature (the signer's certificate), free-form metadata, FontForge's own log (its
  // author's notes and paths): emptied, headers kept valid; FontForge's timestamps zeroed.
  for (const t of ['DSIG', 'meta', 'PfEd']) {
    const table = tables.get(t);
    if (!table || table.length < 8) continue;
    b.fill(0, table.offset, table.offset + table.length);
    put32(b, table.offset, 1);
    changed.push(table);
  }
  const fftm = tables.get('FFTM');
  if (fftm && fftm.length >= 28) {
    b.fill(0, fftm.offset + 4, fftm.offset + 28);
    changed.push(fftm);
  }
  const head = tables.get('head');
  if (head && head.length >= 54) {
    b.fill(0, head.offset + 20, head.offset + 36); // created, modified
    put32(b, head.offset + 8, 0); // checkSumAdjustment, recomputed below
    changed.push(head);
  }
  for (const t of changed) {
    const sum = sums.of(t.offset, t.length, true);
    if (sum === null) return false;
    put32(b, t.record + 4, sum);
  }
  if (head && head.length >= 54) {
    // The whole font's sum (directory and every table) must come to 0xB1B0AFBA.
    let sum = checksum(b, base, 12 + count * 16);
    for (const t of tables.values()) {
      const part = sums.of(t.offset, t.length);
      if (part === null) return false;
      sum = (sum + part) >>> 0;
    }
    put32(b, head.offset + 8, (0xb1b0afba - sum) >>> 0);
  }
  return true;
}

function checksum(b: Uint8Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 4) {
    const word =
      ((b[offset + i] ?? 0) << 24) |
      ((i + 1 < length ? b[offset + i + 1]! : 0) << 16) |
      ((i + 2 < length ? b[offset + i + 2]! : 0) << 8) |
      (i + 3 < length ? b[offset + i + 3]! : 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

/**
 * Every name record but the kept IDs loses its string (length 0), its bytes blanked unless a kept one
 * shares them. Coverage is counted per byte in one pass: no pair of records is compared with each other,
 * however many there are.
 */
function cleanNameTable(t: Uint8Array): boolean {
  if (t.length < 6) return false;
  const count = u16(t, 2);
  const strings = u16(t, 4);
  if (6 + count * 12 > t.length) return false;
  const keptCover = new Int32Array(t.length + 1);
  const dropCover = new Int32Array(t.length + 1);
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    const id = u16(t, r + 6);
    const length = u16(t, r + 8);
    const from = strings + u16(t, r + 10);
    if (from + length > t.length) return false;
    const cover = KEEP_NAMES.has(id) ? keptCover : dropCover;
    cover[from]! += 1;
    cover[from + length]! -= 1;
    if (!KEEP_NAMES.has(id)) {
      put16(t, r + 8, 0);
      put16(t, r + 10, 0);
    }
  }
  let kept = 0;
  let dropped = 0;
  for (let i = 0; i < t.length; i++) {
    kept += keptCover[i]!;
    dropped += dropCover[i]!;
    if (dropped > 0 && kept === 0) t[i] = 0;
  }
  // Format 1's language tags are names of languages, kept.
  return true;
}

const DELIMITER = new Set([...' \t\r\n\f\0/()<>[]{}%'].map((c) => c.charCodeAt(0)));

/**
 * A Type 1 font's clear text (before `eexec`), read as PostScript — strings with balanced and escaped
 * parentheses, comments only outside strings: comments after the first line (`%%Creator: … C:\Users…`,
 * `%%CreationDate`) and the /Notice and /Copyright strings are blanked with spaces.
 */
function cleanType1(b: Uint8Array): Uint8Array | null {
  const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf('eexec', 0, 'latin1');
  if (end < 0) return null;
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (b[i] !== 0x0a && b[i] !== 0x0d) b[i] = 0x20;
  };
  let i = 0;
  // The first line names the font and its version ("%!PS-AdobeFont-1.0: Name 001.000"): the rest of it goes.
  let words = 0;
  while (i < end && b[i] !== 0x0a && b[i] !== 0x0d) {
    if (b[i] !== 0x20 && b[i] !== 0x09 && (i === 0 || b[i - 1] === 0x20 || b[i - 1] === 0x09)) words += 1;
    if (words > 3) b[i] = 0x20;
    i++;
  }
  let lastName = '';
  while (i < end) {
    const c = b[i]!;
    if (c === 0x25) {
      const from = i + 1;
      while (i < end && b[i] !== 0x0a && b[i] !== 0x0d) i++;
      blank(from, i);
    } else if (c === 0x28) {
      const from = i + 1;
      let depth = 1;
      i += 1;
      while (i < end && depth > 0) {
        if (b[i] === 0x5c) i += 2;
        else {
          if (b[i] === 0x28) depth += 1;
          else if (b[i] === 0x29) depth -= 1;
          i += 1;
        }
      }
      if (depth > 0) return null;
      if (lastName === 'Notice' || lastName === 'Copyright') blank(from, i - 1);
      lastName = '';
    } else if (c === 0x3c && b[i + 1] !== 0x3c) {
      // A hex string: its digits blanked (spaces are white space inside one) after /Notice or /Copyright.
      const from = i + 1;
      while (i < end && b[i] !== 0x3e) i++;
      if (i >= end) return null;
      if (lastName === 'Notice' || lastName === 'Copyright') blank(from, i);
      i += 1;
      lastName = '';
    } else if (c === 0x3c) {
      i += 2;
    } else if (c === 0x2f) {
      const from = i + 1;
      i += 1;
      while (i < end && !DELIMITER.has(b[i]!)) i++;
      lastName = String.fromCharCode(...b.subarray(from, i));
    } else {
      i += 1;
    }
  }
  // After the encrypted part only zeros and `cleartomark` belong: anything written after them goes.
  const mark = Buffer.from(b.buffer, b.byteOffset, b.byteLength).lastIndexOf(
    'cleartomark',
    undefined,
    'latin1',
  );
  if (mark > end) blank(mark + 'cleartomark'.length, b.length);
  return b;
}

/** A CFF INDEX at `at`: its items' [from, to) and where it ends; null when it does not fit. */
function cffIndex(b: Uint8Array, at: number): { items: Array<[number, number]>; end: number } | null {
  if (at + 2 > b.length) return null;
  const count = u16(b, at);
  if (count === 0) return { items: [], end: at + 2 };
  const size = b[at + 2]!;
  if (size < 1 || size > 4) return null;
  const offsets = at + 3;
  const data = offsets + (count + 1) * size - 1;
  if (data >= b.length) return null;
  const offset = (i: number) => {
    let v = 0;
    for (let k = 0; k < size; k++) v = v * 256 + b[offsets + i * size + k]!;
    return v;
  };
  const items: Array<[number, number]> = [];
  let prev = offset(0);
  if (prev !== 1) return null;
  for (let i = 1; i <= count; i++) {
    const next = offset(i);
    if (next < prev || data + next > b.length) return null;
    items.push([data + prev, data + next]);
    prev = next;
  }
  return { items, end: data + prev };
}

/**
 * DICT operators whose string says who made the font: version (0), Notice (1), Copyright (12 0), and the
 * PostScript (12 21) and BaseFontName (12 22) strings converters write (FontForge's "/OrigFontName …";
 * 24th probe: a path in the PostScript string). FontName and FullName are the font's names: they stay.
 */
const CFF_MAKER = new Set([0, 1, 1200, 1221, 1222]);
/** The Top DICT's FDArray (12 36): a CID-keyed font's own Font DICTs, which can hold the same strings. */
const CFF_FDARRAY = 1236;

/**
 * Reads one DICT's operators, calling `op` with each operator and its operands. False: it does not parse.
 */
function cffDict(b: Uint8Array, from: number, to: number, op: (code: number, operands: number[]) => boolean) {
  const operands: number[] = [];
  let i = from;
  while (i < to) {
    const v = b[i]!;
    if (v <= 21) {
      const code = v === 12 ? 1200 + (b[i + 1] ?? 255) : v;
      i += v === 12 ? 2 : 1;
      if (!op(code, operands)) return false;
      operands.length = 0;
    } else if (v === 28) {
      operands.push(u16(b, i + 1));
      i += 3;
    } else if (v === 29) {
      operands.push(u32(b, i + 1));
      i += 5;
    } else if (v === 30) {
      // A real number: nibbles up to the one that ends it.
      i += 1;
      while (i < to && (b[i]! & 0x0f) !== 0x0f && b[i]! >> 4 !== 0x0f) i++;
      i += 1;
      operands.push(-1);
    } else if (v >= 32 && v <= 246) {
      operands.push(v - 139);
      i += 1;
    } else if (v >= 247 && v <= 254) {
      operands.push(v <= 250 ? (v - 247) * 256 + b[i + 1]! + 108 : -(v - 251) * 256 - b[i + 1]! - 108);
      i += 2;
    } else return false;
  }
  return i === to;
}

/**
 * A CFF font's maker strings (CFF_MAKER) blanked in its String INDEX, in the Top DICT and, for a CID-keyed
 * font, in each Font DICT of its FDArray (twenty-third probe P1, 24th Q2): FontForge, Glyphs and
 * handwriting services write the designer, an e-mail or a path there, and PDF subsetters keep them.
 * Lengths never change. False: the font does not parse (refused).
 */
function cleanCff(b: Uint8Array): boolean {
  if (!isCff(b)) return false;
  const names = cffIndex(b, b[2]!);
  const dicts = names && cffIndex(b, names.end);
  const strings = dicts && cffIndex(b, dicts.end);
  if (!strings || dicts.items.length > MAX_FONTS) return false;
  const fontDicts: Array<[number, number]> = [];
  const blank = (code: number, operands: number[]) => {
    const sid = operands.at(-1);
    if (!CFF_MAKER.has(code) || sid === undefined || sid < 391) return true;
    const item = strings.items[sid - 391];
    if (!item) return false;
    b.fill(0x20, item[0], item[1]);
    return true;
  };
  for (const [from, to] of dicts.items) {
    const ok = cffDict(b, from, to, (code, operands) => {
      if (code === CFF_FDARRAY) {
        const at = operands.at(-1) ?? -1;
        const fds = at >= 4 && at < b.length ? cffIndex(b, at) : null;
        if (!fds || fds.items.length > 256) return false;
        fontDicts.push(...fds.items);
      }
      return blank(code, operands);
    });
    if (!ok) return false;
  }
  return fontDicts.every(([from, to]) => cffDict(b, from, to, blank));
}
