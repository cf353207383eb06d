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

/** The font formats rewritten here; others (WOFF, EOT, bare CFF) keep the callers' other checks. */
export const cleanableFont = (b: Uint8Array) =>
  isSfnt(b) || tag(b, 0) === 'ttcf' || (b[0] === 0x25 && b[1] === 0x21);

/**
 * A font program cleaned on a copy: TrueType/OpenType (also each font of a collection) or a Type 1
 * font's clear-text part. Null: a font of these formats whose structure does not add up (refused).
 */
export function cleanFontProgram(input: Uint8Array): Uint8Array | null {
  const b = Uint8Array.from(input);
  if (isSfnt(b)) return cleanSfnt(b, 0) ? b : null;
  if (tag(b, 0) === 'ttcf') {
    if (b.length < 12) return null;
    const count = u32(b, 8);
    if (count === 0 || 12 + count * 4 > b.length) return null;
    for (let i = 0; i < count; i++) if (!cleanSfnt(b, u32(b, 12 + i * 4))) return null;
    return b;
  }
  if (b[0] === 0x25 && b[1] === 0x21) return cleanType1(b);
  return null;
}

interface Table {
  record: number;
  offset: number;
  length: number;
}

function cleanSfnt(b: Uint8Array, base: number): boolean {
  if (base + 12 > b.length || !isSfnt(b.subarray(base))) return false;
  const count = u16(b, base + 4);
  if (base + 12 + count * 16 > b.length) return false;
  const tables = new Map<string, Table>();
  for (let i = 0; i < count; i++) {
    const record = base + 12 + i * 16;
    const t = { record, offset: u32(b, record + 8), length: u32(b, record + 12) };
    if (t.offset + t.length > b.length) return false;
    tables.set(tag(b, record), t);
  }
  const changed: Table[] = [];
  const name = tables.get('name');
  if (name) {
    if (!cleanNameTable(b.subarray(name.offset, name.offset + name.length))) return false;
    changed.push(name);
  }
  // A digital signature (the signer's certificate) and free-form metadata: emptied, headers kept valid.
  for (const t of ['DSIG', 'meta']) {
    const table = tables.get(t);
    if (!table || table.length < 8) continue;
    b.fill(0, table.offset, table.offset + table.length);
    put32(b, table.offset, 1);
    changed.push(table);
  }
  const head = tables.get('head');
  if (head && head.length >= 54) {
    b.fill(0, head.offset + 20, head.offset + 36); // created, modified
    put32(b, head.offset + 8, 0); // checkSumAdjustment, recomputed below
    changed.push(head);
  }
  for (const t of changed) put32(b, t.record + 4, checksum(b, t.offset, t.length));
  if (head && head.length >= 54) {
    // The whole font's sum (directory and every table) must come to 0xB1B0AFBA.
    let sum = checksum(b, base, 12 + count * 16);
    for (const t of tables.values()) sum = (sum + checksum(b, t.offset, t.length)) >>> 0;
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

/** Every name record but the kept IDs loses its string (length 0, bytes blanked unless a kept one shares them). */
function cleanNameTable(t: Uint8Array): boolean {
  if (t.length < 6) return false;
  const count = u16(t, 2);
  const strings = u16(t, 4);
  if (6 + count * 12 > t.length) return false;
  const kept: Array<[number, number]> = [];
  const dropped: Array<[number, number, number]> = [];
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    const id = u16(t, r + 6);
    const length = u16(t, r + 8);
    const from = strings + u16(t, r + 10);
    if (from + length > t.length) return false;
    if (KEEP_NAMES.has(id)) kept.push([from, from + length]);
    else dropped.push([r, from, from + length]);
  }
  for (const [r, from, to] of dropped) {
    for (let i = from; i < to; i++) if (!kept.some(([a, z]) => i >= a && i < z)) t[i] = 0;
    put16(t, r + 8, 0);
    put16(t, r + 10, 0);
  }
  // Format 1's language tags are names of languages, kept.
  return true;
}

/**
 * A Type 1 font's clear text (before `eexec`): comments after the first line (`%%Creator: … C:\Users…`,
 * `%%CreationDate`) and the /Notice and /Copyright strings are blanked with spaces.
 */
function cleanType1(b: Uint8Array): Uint8Array | null {
  const text = Buffer.from(b).toString('latin1');
  const end = text.indexOf('eexec');
  if (end < 0) return null;
  const clear = text.slice(0, end);
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  const firstLine = clear.search(/[\r\n]/);
  const cleaned =
    clear.slice(0, firstLine) +
    clear
      .slice(firstLine)
      .replace(/%[^\r\n]*/g, (c) => `%${blank(c.slice(1))}`)
      .replace(
        /(\/(?:Notice|Copyright)\s*\()((?:\\.|[^\\)])*)\)/g,
        (_, open: string, s: string) => `${open}${blank(s)})`,
      );
  b.set(Buffer.from(cleaned, 'latin1'), 0);
  return b;
}
