import { crc32 } from 'node:zlib';

/**
 * Windows metafiles (EMF, EMF+, WMF) read record by record, cleaned in place without changing a length
 * (MS-EMF, MS-EMFPLUS, MS-WMF): what only describes or comments is blanked — the header's description,
 * comment records (except EMF+ drawing, which is the picture), WMF comment escapes — and the pictures an
 * EMF+ record embeds are cleaned the same way: a nested metafile recursively, a JPEG's application and
 * comment segments, a PNG's text and profile chunks, a GIF's comments and application blocks. Anything
 * else embedded (TIFF, a texture brush's picture) or a record that does not add up: null, and the caller
 * refuses the file (twenty-first probe, ADR 0010). LibreOffice's SVM is left to the caller.
 */
export function cleanMetafile(input: Uint8Array): Uint8Array | null {
  const b = Uint8Array.from(input);
  return cleanInPlace(b, 0) ? b : null;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const tag = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

const isEmf = (b: Uint8Array) => b.length >= 88 && u32(b, 0) === 1 && tag(b, 40) === ' EMF';
const isPlaceableWmf = (b: Uint8Array) => b.length >= 22 && u32(b, 0) === 0x9ac6cdd7;
const isWmf = (b: Uint8Array) => b.length >= 18 && (u16(b, 0) === 1 || u16(b, 0) === 2) && u16(b, 2) === 9;

function cleanInPlace(b: Uint8Array, depth: number): boolean {
  if (depth > 4) return false;
  if (isEmf(b)) return cleanEmf(b, depth);
  if (isPlaceableWmf(b)) return cleanWmf(b.subarray(22));
  if (isWmf(b)) return cleanWmf(b);
  return tag(b, 0) === 'VCLM';
}

const EMR_HEADER = 1;
const EMR_EOF = 14;
const EMR_GDICOMMENT = 70;

function cleanEmf(b: Uint8Array, depth: number): boolean {
  const emfPlus = new EmfPlusObjects(depth);
  let at = 0;
  while (at + 8 <= b.length) {
    const type = u32(b, at);
    const size = u32(b, at + 4);
    if (size < 8 || size % 4 !== 0 || at + size > b.length) return false;
    if (type === EMR_HEADER) {
      // The description (application, picture name, often a path) wherever its offset points in the file.
      const chars = u32(b, at + 60);
      const offset = u32(b, at + 64);
      if (chars > 0 && (offset < 88 || at + offset + chars * 2 > b.length)) return false;
      if (chars > 0) b.fill(0, at + offset, at + offset + chars * 2);
    } else if (DIB_AT[type] !== undefined) {
      if (!withoutLinkedProfile(b, at, size, DIB_AT[type])) return false;
    } else if (type === EMR_GDICOMMENT) {
      const count = u32(b, at + 8);
      if (12 + count > size) return false;
      const data = at + 12;
      if (count >= 4 && tag(b, data) === 'EMF+') {
        if (!emfPlus.walk(b, data + 4, data + count)) return false;
      } else {
        // A public comment keeps its kind ('GDIC' + type); a group's description and every private
        // comment's bytes are blanked: comments never draw.
        b.fill(0, count >= 8 && tag(b, data) === 'GDIC' ? data + 8 : data, data + count);
      }
    }
    at += size;
    if (type === EMR_EOF) break;
  }
  // Bytes after the end record are not part of the picture.
  b.fill(0, Math.min(at, b.length));
  return emfPlus.done();
}

/** Where the records that hold a bitmap keep the offset of its header (MS-EMF 2.3.1, 2.3.7). */
const DIB_AT: Record<number, number> = {
  76: 84,
  77: 84,
  78: 84,
  79: 96,
  80: 48,
  81: 48,
  93: 16,
  94: 16,
  114: 84,
  116: 84,
};
const LCS_SRGB = 0x73524742;

/**
 * A version-5 bitmap header may link a colour profile by its file name (a path on the author's machine)
 * or embed one: the profile's bytes are blanked and the bitmap declared sRGB.
 */
function withoutLinkedProfile(b: Uint8Array, record: number, size: number, field: number): boolean {
  if (field + 8 > size) return false;
  const offset = u32(b, record + field);
  const length = u32(b, record + field + 4);
  if (length === 0) return true;
  if (offset + length > size) return false;
  const h = record + offset;
  if (u32(b, h) !== 124 || length < 124) return true;
  const cs = tag(b, h + 56);
  if (cs !== 'KNIL' && cs !== 'DEBM') return true;
  const from = u32(b, h + 112);
  const count = u32(b, h + 116);
  if (offset + from + count > size) return false;
  b.fill(0, h + from, h + from + count);
  b.set([LCS_SRGB & 0xff, (LCS_SRGB >>> 8) & 0xff, (LCS_SRGB >>> 16) & 0xff, LCS_SRGB >>> 24], h + 56);
  b.fill(0, h + 112, h + 120);
  return true;
}

const EMFPLUS_OBJECT = 0x4008;
const OBJECT_BRUSH = 1;
const OBJECT_IMAGE = 5;
const BRUSH_TEXTURE = 2;

/**
 * EMF+ objects, which may run over several records (the "continued" flag): each is gathered from its
 * pieces, cleaned as one, and written back into the same pieces.
 */
class EmfPlusObjects {
  private pending = new Map<number, Array<[Uint8Array, number, number]>>();
  constructor(private depth: number) {}

  walk(b: Uint8Array, from: number, to: number): boolean {
    let at = from;
    while (at + 12 <= to) {
      const type = u16(b, at);
      const flags = u16(b, at + 2);
      const size = u32(b, at + 4);
      const dataSize = u32(b, at + 8);
      if (size < 12 || size % 4 !== 0 || at + size > to || 12 + dataSize > size) return false;
      if (type === EMFPLUS_OBJECT) {
        const id = flags & 0xff;
        const objectType = (flags >> 8) & 0x7f;
        const continued = (flags & 0x8000) !== 0;
        const start = at + 12 + (continued ? 4 : 0);
        const end = at + 12 + dataSize;
        if (start > end) return false;
        const pieces = this.pending.get(id) ?? [];
        pieces.push([b, start, end]);
        if (continued) this.pending.set(id, pieces);
        else {
          this.pending.delete(id);
          if (!this.cleanObject(objectType, pieces)) return false;
        }
      }
      at += size;
    }
    if (at !== to && to - at >= 12) return false;
    b.fill(0, at, to); // padding after the last record
    return true;
  }

  done(): boolean {
    return this.pending.size === 0;
  }

  private cleanObject(objectType: number, pieces: Array<[Uint8Array, number, number]>): boolean {
    if (objectType !== OBJECT_IMAGE && objectType !== OBJECT_BRUSH) return true;
    const whole = new Uint8Array(pieces.reduce((n, [, s, e]) => n + e - s, 0));
    let n = 0;
    for (const [b, s, e] of pieces) {
      whole.set(b.subarray(s, e), n);
      n += e - s;
    }
    if (objectType === OBJECT_BRUSH) {
      // A texture brush holds a picture of its own: not cleaned here, so the file is refused.
      return !(whole.length >= 8 && u32(whole, 4) === BRUSH_TEXTURE);
    }
    if (!cleanImageObject(whole, this.depth)) return false;
    n = 0;
    for (const [b, s, e] of pieces) {
      b.set(whole.subarray(n, n + e - s), s);
      n += e - s;
    }
    return true;
  }
}

/** An EMF+ image object: a bitmap (raw pixels, or a compressed picture) or a whole metafile. */
function cleanImageObject(o: Uint8Array, depth: number): boolean {
  if (o.length < 8) return false;
  const kind = u32(o, 4);
  if (kind === 1) {
    if (o.length < 28) return false;
    if (u32(o, 24) === 0) return true; // pixels only
    return cleanPicture(o.subarray(28));
  }
  if (kind === 2) {
    if (o.length < 16) return false;
    const size = u32(o, 12);
    if (16 + size > o.length) return false;
    return cleanInPlace(o.subarray(16, 16 + size), depth + 1);
  }
  return false;
}

/** A compressed picture inside a metafile, cleaned without changing its length. */
function cleanPicture(p: Uint8Array): boolean {
  if (p[0] === 0xff && p[1] === 0xd8) return cleanJpeg(p);
  if (p.length >= 8 && p[0] === 0x89 && tag(p, 1).startsWith('PNG')) return cleanPng(p);
  if (tag(p, 0) === 'GIF8') return cleanGif(p);
  if (p[0] === 0x42 && p[1] === 0x4d) return true; // BMP: pixels and a header
  return false;
}

/** JPEG: every APPn (EXIF, XMP, ICC, Photoshop…) but JFIF's APP0, and every comment, blanked up to the scan. */
function cleanJpeg(p: Uint8Array): boolean {
  let at = 2;
  while (at + 4 <= p.length) {
    if (p[at] !== 0xff) return false;
    const marker = p[at + 1]!;
    if (marker === 0xda) return true; // start of scan: the rest is picture data
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = (p[at + 2]! << 8) | p[at + 3]!;
    if (length < 2 || at + 2 + length > p.length) return false;
    if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) p.fill(0, at + 4, at + 2 + length);
    at += 2 + length;
  }
  return false;
}

const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'sBIT',
  'bKGD',
  'pHYs',
]);

/** PNG: any other chunk (text, EXIF, profiles, time…) becomes a private blank chunk of the same length. */
function cleanPng(p: Uint8Array): boolean {
  let at = 8;
  while (at + 12 <= p.length) {
    const length = ((p[at]! << 24) | (p[at + 1]! << 16) | (p[at + 2]! << 8) | p[at + 3]!) >>> 0;
    const type = tag(p, at + 4);
    if (at + 12 + length > p.length) return false;
    if (!PNG_KEEP.has(type)) {
      p.set([0x6c, 0x69, 0x45, 0x6d], at + 4); // "liEm": ancillary, private, safe to copy
      p.fill(0, at + 8, at + 8 + length);
      const crc = crc32(p.subarray(at + 4, at + 8 + length));
      p.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], at + 8 + length);
    }
    at += 12 + length;
    if (type === 'IEND') return true;
  }
  return false;
}

/** GIF: comment and application blocks (XMP, ICC) keep their block lengths with blank bytes. */
function cleanGif(p: Uint8Array): boolean {
  if (p.length < 13) return false;
  let at = 13;
  if (p[10]! & 0x80) at += 3 * (1 << ((p[10]! & 7) + 1));
  const subBlocks = (blank: boolean) => {
    while (at < p.length) {
      const n = p[at]!;
      at += 1;
      if (n === 0) return true;
      if (at + n > p.length) return false;
      if (blank) p.fill(0, at, at + n);
      at += n;
    }
    return false;
  };
  while (at < p.length) {
    const block = p[at]!;
    if (block === 0x3b) return true;
    if (block === 0x21) {
      const label = p[at + 1]!;
      at += 2;
      if (!subBlocks(label === 0xfe || label === 0xff)) return false;
    } else if (block === 0x2c) {
      if (at + 10 > p.length) return false;
      const flags = p[at + 9]!;
      at += 10;
      if (flags & 0x80) at += 3 * (1 << ((flags & 7) + 1));
      at += 1; // LZW minimum code size
      if (!subBlocks(false)) return false;
    } else return false;
  }
  return false;
}

const META_EOF = 0x0000;
const META_ESCAPE = 0x0626;
const MFCOMMENT = 0x000f;

/** WMF: the comment escapes' bytes blanked (also an EMF a WMF carries in its comments: the WMF draws). */
function cleanWmf(b: Uint8Array): boolean {
  if (b.length < 18) return false;
  let at = u16(b, 2) * 2;
  while (at + 6 <= b.length) {
    const words = u32(b, at);
    const fn = u16(b, at + 4);
    if (words < 3 || at + words * 2 > b.length) return false;
    if (fn === META_ESCAPE && words >= 5 && u16(b, at + 6) === MFCOMMENT) {
      const count = u16(b, at + 8);
      if (10 + count > words * 2) return false;
      b.fill(0, at + 10, at + 10 + count);
    }
    at += words * 2;
    if (fn === META_EOF) {
      b.fill(0, at);
      return true;
    }
  }
  return false;
}
