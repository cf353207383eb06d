/**
 * An ICC colour profile without its words (ICC.1:2022 §7): a display calibrated at home names its owner
 * and machine ("Display of Nguyễn's MacBook"), its maker and model, a serial number, the date it was made.
 * Only the colour tags are kept, byte for byte, so colours do not change; the profile is written again
 * around them, so every text, vendor tag (Apple's make-and-model, a CRD's PostScript names), gap and
 * trailer goes, and dates and device fields are zeroed.
 */

/** Tag types that hold numbers only: kept as they are. */
const NUMERIC_TYPES = new Set([
  'curv',
  'para',
  'XYZ ',
  'sf32',
  'uf32',
  'ui08',
  'ui16',
  'ui32',
  'ui64',
  'mft1',
  'mft2',
  'mAB ',
  'mBA ',
  'mpet',
  'chrm',
  'clro',
  'sig ',
  'meas',
  'view',
  'vcgt',
  'cicp',
]);

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/**
 * Tag signatures copied (ICC.1 §9): colorants, curves, lookup tables, white and black points,
 * adaptation, gamut, viewing conditions, display gamma. A tag of any other signature (a vendor's, or
 * a known one of a text kind) is not copied.
 */
const COLOUR_TAGS = new Set(
  (
    'wtpt bkpt rXYZ gXYZ bXYZ rTRC gTRC bTRC kTRC A2B0 A2B1 A2B2 B2A0 B2A1 B2A2 D2B0 D2B1 D2B2 D2B3 ' +
    'B2D0 B2D1 B2D2 B2D3 gamt chad chrm clro lumi meas view pre0 pre1 pre2 vcgt cicp ciis'
  ).split(' '),
);

/** Whether the bytes are an ICC profile (its header's signature). */
export const isIccProfile = (b: Uint8Array) => b.length >= 132 && ascii(b, 36, 40) === 'acsp';

/** Bytes a numeric tag's data takes (its type and count), so nothing written after it is copied. */
function exactSize(type: string, b: DataView, off: number, size: number): number | null {
  const u16 = (at: number) => (at + 2 <= b.byteLength ? b.getUint16(at) : 0);
  const u32 = (at: number) => (at + 4 <= b.byteLength ? b.getUint32(at) : 0);
  const fixed = (unit: number) => 8 + Math.floor((size - 8) / unit) * unit;
  switch (type) {
    case 'XYZ ':
      // One value (white point, primaries, luminance): whatever a larger size declares is not colour.
      return 20;
    case 'sf32':
      // The chromatic adaptation matrix: nine numbers.
      return size >= 44 ? 44 : null;
    case 'uf32':
    case 'ui32':
      return fixed(4);
    case 'ui16':
      return fixed(2);
    case 'ui08':
      return size;
    case 'ui64':
      return fixed(8);
    case 'curv':
      return 12 + 2 * u32(off + 8);
    case 'para':
      return 12 + 4 * ([1, 3, 4, 5, 7][u16(off + 8)] ?? 0);
    case 'sig ':
    case 'cicp':
      return 12;
    case 'meas':
    case 'view':
      return 36;
    case 'chrm':
      return 12 + 8 * u16(off + 8);
    case 'clro':
      return 12 + u32(off + 8);
    case 'mft1': {
      const i = b.getUint8(off + 8);
      const o = b.getUint8(off + 9);
      const g = b.getUint8(off + 10);
      return 48 + 256 * i + g ** i * o + 256 * o;
    }
    case 'mft2': {
      const i = b.getUint8(off + 8);
      const o = b.getUint8(off + 9);
      const g = b.getUint8(off + 10);
      return 52 + 2 * (i * u16(off + 48) + g ** i * o + o * u16(off + 50));
    }
    default:
      // Lookup tables and curves of several parts: their size is their structure's.
      return size;
  }
}

/**
 * The profile written again from its header and its colour tags only (the words go with everything not
 * copied: texts, vendor tags, gaps, padding, anything past the end); null when it is not a profile Liêm
 * can read with certainty, which the caller refuses.
 */
export function scrubIcc(input: Uint8Array): Uint8Array | null {
  if (!isIccProfile(input)) return null;
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const count = view.getUint32(128);
  if (count > 100 || 132 + count * 12 > input.length) return null;
  const version = input[8]!;
  const tags: Array<{ sig: string; data: Uint8Array }> = [];
  for (let i = 0; i < count; i++) {
    const entry = 132 + i * 12;
    const sig = ascii(input, entry, entry + 4);
    const off = view.getUint32(entry + 4);
    const size = view.getUint32(entry + 8);
    if (off < 128 || size < 8 || off + size > input.length) return null;
    const type = ascii(input, off, off + 4);
    if (!NUMERIC_TYPES.has(type) || !COLOUR_TAGS.has(sig)) continue;
    const exact = exactSize(type, view, off, size);
    if (exact === null || exact > size) return null;
    // Its 4 reserved bytes (after the type) are written as zeros.
    const data = new Uint8Array(input.subarray(off, off + exact));
    data.fill(0, 4, 8);
    tags.push({ sig, data });
  }
  // A profile must describe itself and say its rights (ICC.1 §8.2): both written empty.
  const emptyText = (kind: 'desc' | 'text') => {
    if (version >= 4) {
      const m = new Uint8Array(16);
      m.set([0x6d, 0x6c, 0x75, 0x63]); // 'mluc', no records
      new DataView(m.buffer).setUint32(12, 12);
      return m;
    }
    if (kind === 'text') return new Uint8Array([0x74, 0x65, 0x78, 0x74, 0, 0, 0, 0, 0]);
    const d = new Uint8Array(12 + 1 + 8 + 3 + 67);
    d.set([0x64, 0x65, 0x73, 0x63]); // 'desc'
    new DataView(d.buffer).setUint32(8, 1);
    return d;
  };
  tags.push({ sig: 'desc', data: emptyText('desc') }, { sig: 'cprt', data: emptyText('text') });
  const pad = (n: number) => (n + 3) & ~3;
  const tableEnd = 132 + tags.length * 12;
  const total = tags.reduce((n, t) => n + pad(t.data.length), pad(tableEnd));
  const out = new Uint8Array(total);
  const o = new DataView(out.buffer);
  out.set(input.subarray(0, 128));
  // Header: date, device maker and model, attributes, creator, the profile's id (zero: "not computed").
  // And the preferred colour manager, the platform and the reserved bytes, where text could sit.
  out.fill(0, 4, 8);
  out.fill(0, 24, 36);
  out.fill(0, 40, 44);
  out.fill(0, 48, 64);
  out.fill(0, 80, 128);
  o.setUint32(0, total);
  o.setUint32(128, tags.length);
  let at = pad(tableEnd);
  tags.forEach((t, i) => {
    const entry = 132 + i * 12;
    for (let k = 0; k < 4; k++) out[entry + k] = t.sig.charCodeAt(k);
    o.setUint32(entry + 4, at);
    o.setUint32(entry + 8, t.data.length);
    out.set(t.data, at);
    at += pad(t.data.length);
  });
  return out;
}
