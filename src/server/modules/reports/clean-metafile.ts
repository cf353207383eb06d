import { crc32 } from 'node:zlib';

/**
 * Windows metafiles (EMF, EMF+, WMF) read record by record, cleaned in place without changing a length
 * (MS-EMF, MS-EMFPLUS, MS-WMF): what only describes, comments or talks to a printer is blanked — the
 * header's description, comment records (except EMF+ drawing, which is the picture), EMF+ comments,
 * colour-space and profile records, escapes, linked colour profiles, bytes past a record's own data — and
 * the pictures an EMF+ record embeds are cleaned the same way: a nested metafile recursively, a JPEG's
 * application and comment segments, a PNG's ancillary chunks, a GIF's non-drawing extensions. Anything
 * else embedded (TIFF, SVM, a texture brush's picture) or a record that does not add up: null, and the
 * caller refuses the file (twenty-first and twenty-second probes, ADR 0010). A whole SVM file is left to
 * the caller.
 */
export function cleanMetafile(input: Uint8Array): Uint8Array | null {
  const b = Uint8Array.from(input);
  if (!cleanInPlace(b, 0)) return null;
  // A bitmap's version-5 header may sit in any record that carries one (EMF, WMF, a pen, a mask…).
  return withoutLinkedProfiles(b) ? b : null;
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
  // LibreOffice's SVM (comments, EPS, links) is not read here: refused wherever it is (twenty-third probe, P4).
  return false;
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
    } else if (BLANK_FROM[type] !== undefined) {
      b.fill(0, at + Math.min(BLANK_FROM[type], size), at + size);
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
      b.fill(0, data + count, at + size); // bytes past the comment's own length
    }
    at += size;
    if (type === EMR_EOF) break;
  }
  // Bytes after the end record are not part of the picture.
  b.fill(0, Math.min(at, b.length));
  return emfPlus.done();
}

/**
 * Records whose data only names or carries something outside the drawing, blanked from this offset:
 * colour spaces and profiles (99, 122 with their file names; 121, 112, 113 with a profile's name or
 * bytes) and printer escapes (105, 106, 110: PostScript with "%%For: name", a printer's path).
 */
const BLANK_FROM: Record<number, number> = {
  99: 80,
  122: 80,
  121: 24,
  112: 20,
  113: 20,
  105: 12,
  106: 12,
  110: 12,
};
const LCS_SRGB = 0x73524742;

/**
 * Every version-5 bitmap header in the bytes (found by its colour-space tag, then checked by its size
 * field) that links a colour profile by its file name (a path on the author's machine) or embeds one:
 * the profile's bytes are blanked and the bitmap declared sRGB. One whose profile lies outside: refused.
 */
function withoutLinkedProfiles(b: Uint8Array): boolean {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (const signature of ['KNIL', 'DEBM']) {
    for (let i = buf.indexOf(signature, 56, 'latin1'); i >= 0; i = buf.indexOf(signature, i + 4, 'latin1')) {
      const h = i - 56;
      if (u32(b, h) !== 124 || h + 124 > b.length) continue;
      const from = u32(b, h + 112);
      const count = u32(b, h + 116);
      if (h + from + count > b.length) return false;
      b.fill(0, h + from, h + from + count);
      b.set([LCS_SRGB & 0xff, (LCS_SRGB >>> 8) & 0xff, (LCS_SRGB >>> 16) & 0xff, LCS_SRGB >>> 24], i);
      b.fill(0, h + 112, h + 120);
    }
  }
  return true;
}

const EMFPLUS_COMMENT = 0x4003;
const EMFPLUS_OBJECT = 0x4008;
const OBJECT_BRUSH = 1;
const OBJECT_PEN = 2;
const OBJECT_IMAGE = 5;
const BRUSH_TEXTURE = 2;
/** More pieces than a real picture is ever cut into (GDI+ cuts at about 32 KB): refused. */
const MAX_PIECES = 4096;

type Piece = [Uint8Array, number, number];

/**
 * EMF+ objects, which may run over several records (the "continued" flag, set on every piece but the
 * last): each is gathered from its pieces, cleaned as one, and written back into the same pieces. The
 * pieces must add up to the size the first one declares.
 */
class EmfPlusObjects {
  private pending = new Map<number, { total: number; pieces: Piece[]; bytes: number }>();
  constructor(private depth: number) {}

  walk(b: Uint8Array, from: number, to: number): boolean {
    let at = from;
    while (at + 12 <= to) {
      const type = u16(b, at);
      const flags = u16(b, at + 2);
      const size = u32(b, at + 4);
      const dataSize = u32(b, at + 8);
      if (size < 12 || size % 4 !== 0 || at + size > to || 12 + dataSize > size) return false;
      if (type === EMFPLUS_COMMENT) b.fill(0, at + 12, at + 12 + dataSize);
      else if (type === EMFPLUS_OBJECT) {
        const id = flags & 0xff;
        const objectType = (flags >> 8) & 0x7f;
        const continued = (flags & 0x8000) !== 0;
        const start = at + 12 + (continued ? 4 : 0);
        const end = at + 12 + dataSize;
        if (start > end || (continued && start === end)) return false;
        const open = this.pending.get(id) ?? { total: continued ? u32(b, at + 12) : 0, pieces: [], bytes: 0 };
        open.pieces.push([b, start, end]);
        open.bytes += end - start;
        // Each piece may carry up to 3 bytes of padding beyond the declared total.
        if (open.pieces.length > MAX_PIECES || open.bytes > open.total + 3 * open.pieces.length) {
          if (continued || open.pieces.length > 1) return false;
        }
        if (continued) this.pending.set(id, open);
        else {
          this.pending.delete(id);
          if (open.pieces.length > 1 && open.bytes < open.total) return false;
          if (!this.cleanObject(objectType, open.pieces)) return false;
        }
      }
      b.fill(0, at + 12 + dataSize, at + size); // bytes past the record's own data
      at += size;
    }
    if (at !== to && to - at >= 12) return false;
    b.fill(0, at, to); // padding after the last record
    return true;
  }

  done(): boolean {
    return this.pending.size === 0;
  }

  private cleanObject(objectType: number, pieces: Piece[]): boolean {
    if (objectType !== OBJECT_IMAGE && objectType !== OBJECT_BRUSH && objectType !== OBJECT_PEN) return true;
    const whole = new Uint8Array(pieces.reduce((n, [, s, e]) => n + e - s, 0));
    let n = 0;
    for (const [b, s, e] of pieces) {
      whole.set(b.subarray(s, e), n);
      n += e - s;
    }
    // A texture brush holds a picture of its own, also inside a pen: not cleaned here, so refused.
    if (objectType === OBJECT_BRUSH) return !(whole.length >= 8 && u32(whole, 4) === BRUSH_TEXTURE);
    if (objectType === OBJECT_PEN) return !holdsPicture(whole);
    if (!cleanImageObject(whole, this.depth)) return false;
    n = 0;
    for (const [b, s, e] of pieces) {
      b.set(whole.subarray(n, n + e - s), s);
      n += e - s;
    }
    return true;
  }
}

/** Whether bytes hold a compressed picture or a metafile by its signature (a pen's texture brush). */
function holdsPicture(o: Uint8Array): boolean {
  const buf = Buffer.from(o.buffer, o.byteOffset, o.byteLength);
  return ['\xff\xd8\xff', '\x89PNG', 'GIF8', ' EMF', '\xd7\xcd\xc6\x9a', 'II*\0', 'MM\0*'].some((sig) =>
    buf.includes(Buffer.from(sig, 'latin1')),
  );
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
  if (p[0] === 0x42 && p[1] === 0x4d) return withoutLinkedProfiles(p); // BMP: pixels and a header
  return false;
}

/**
 * JPEG, read segment by segment through every scan to its end: every APPn (EXIF, XMP, ICC, Photoshop…)
 * but JFIF's APP0 and every comment blanked wherever they stand, bytes after the end blanked.
 */
function cleanJpeg(p: Uint8Array): boolean {
  let at = 2;
  while (at + 2 <= p.length) {
    if (p[at] !== 0xff) return false;
    const marker = p[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      p.fill(0, at + 2);
      return true;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (at + 4 > p.length) return false;
    const length = (p[at + 2]! << 8) | p[at + 3]!;
    if (length < 2 || at + 2 + length > p.length) return false;
    if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) p.fill(0, at + 4, at + 2 + length);
    at += 2 + length;
    if (marker === 0xda)
      // Entropy-coded data runs to the next marker (a byte after 0xFF that is neither 0 nor a restart).
      while (
        at + 1 < p.length &&
        !(p[at] === 0xff && p[at + 1] !== 0 && !(p[at + 1]! >= 0xd0 && p[at + 1]! <= 0xd7))
      )
        at += 1;
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
    if (type === 'IEND') {
      p.fill(0, at);
      return true;
    }
  }
  return false;
}

/** GIF extensions that draw (graphic control, plain text); every other one (comments, XMP, ICC…) is blanked. */
const GIF_DRAWING = new Set([0xf9, 0x01]);

/** GIF: extensions that do not draw keep their block lengths with blank bytes; bytes after the end blanked. */
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
    if (block === 0x3b) {
      p.fill(0, at + 1);
      return true;
    }
    if (block === 0x21) {
      const label = p[at + 1]!;
      at += 2;
      if (!subBlocks(!GIF_DRAWING.has(label))) return false;
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

/**
 * WMF: every escape's bytes blanked — comments (also an EMF a WMF carries in them: the WMF draws),
 * encapsulated PostScript, printer data; none of them draws on screen.
 */
function cleanWmf(b: Uint8Array): boolean {
  if (b.length < 18) return false;
  let at = u16(b, 2) * 2;
  while (at + 6 <= b.length) {
    const words = u32(b, at);
    const fn = u16(b, at + 4);
    if (words < 3 || at + words * 2 > b.length) return false;
    if (fn === META_ESCAPE) b.fill(0, at + Math.min(10, words * 2), at + words * 2);
    at += words * 2;
    if (fn === META_EOF) {
      b.fill(0, at);
      return true;
    }
  }
  return false;
}
