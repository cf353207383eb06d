/**
 * An ICC colour profile without its words (ICC.1:2022 §7): a display calibrated at home names its owner
 * and machine ("Display of Nguyễn's MacBook"), its maker and model, a serial number, the date it was made.
 * Only the colour tables are kept, byte for byte, so colours do not change; every text is blanked to the
 * same length, dates and device fields are zeroed, and any tag of a kind not known to be numbers only
 * (vendors' private tags: Apple's make-and-model, a CRD's PostScript names) is zeroed too.
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

/** Whether the bytes are an ICC profile (its header's signature). */
export const isIccProfile = (b: Uint8Array) => b.length >= 132 && ascii(b, 36, 40) === 'acsp';

/** A copy of the profile without its texts, dates and device fields; null when it is not one. */
export function scrubIcc(input: Uint8Array): Uint8Array | null {
  if (!isIccProfile(input)) return null;
  const b = new Uint8Array(input);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u32 = (at: number) => (at + 4 <= b.length ? view.getUint32(at) : 0);
  const blank = (from: number, to: number, fill = 0) =>
    b.fill(fill, Math.max(0, from), Math.min(b.length, to));
  // Header: date, device maker and model, device attributes, creator, the profile's id (a hash of the
  // whole, wrong once anything changes: zero means "not computed").
  blank(24, 36);
  blank(48, 64);
  blank(80, 100);
  const count = u32(128);
  for (let i = 0; i < count && 132 + i * 12 + 12 <= b.length; i++) {
    const entry = 132 + i * 12;
    const off = u32(entry + 4);
    const size = u32(entry + 8);
    const end = off + size;
    if (off < 128 || end > b.length || size < 8) continue;
    const type = ascii(b, off, off + 4);
    if (NUMERIC_TYPES.has(type)) continue;
    if (type === 'text') {
      // NUL-terminated ASCII: the letters become spaces.
      for (let k = off + 8; k < end; k++) if (b[k] !== 0) b[k] = 0x20;
    } else if (type === 'desc') {
      // ICC v2: ASCII, then Unicode (UTF-16BE), then a ScriptCode string of 67 bytes.
      const n = u32(off + 8);
      for (let k = off + 12; k < Math.min(end, off + 12 + n); k++) if (b[k] !== 0) b[k] = 0x20;
      const uni = off + 12 + n;
      const un = u32(uni + 4);
      for (let k = uni + 8; k + 1 < Math.min(end, uni + 8 + un * 2); k += 2)
        if (b[k] !== 0 || b[k + 1] !== 0) {
          b[k] = 0;
          b[k + 1] = 0x20;
        }
      blank(uni + 8 + un * 2, end);
    } else if (type === 'mluc') {
      // Localised strings (UTF-16BE), each found through its record.
      const records = u32(off + 8);
      const recordSize = u32(off + 12);
      for (let r = 0; r < records && recordSize >= 12; r++) {
        const rec = off + 16 + r * recordSize;
        if (rec + 12 > end) break;
        const len = u32(rec + 4);
        const at = off + u32(rec + 8);
        for (let k = at; k + 1 < Math.min(end, at + len); k += 2) {
          b[k] = 0;
          b[k + 1] = 0x20;
        }
      }
    } else {
      // A date ('dtim'), a dictionary, vendor data: nothing in it is needed to show colours.
      blank(off + 8, end);
    }
  }
  return b;
}
