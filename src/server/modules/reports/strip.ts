import { cleanPackage } from './clean-office.ts';
import { type Cleaned, cleanPdf, ExpansionLimit } from './clean-pdf.ts';

/** `strip`: leave out what cannot be cleaned (see CleanOptions in attachments.ts). */
export interface StripOptions {
  strip?: boolean;
}

export const images = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const ooxml = (mime: string) => mime.startsWith('application/vnd.openxmlformats-officedocument.');
const odf = (mime: string) => mime.startsWith('application/vnd.oasis.opendocument.');

/**
 * Pixels one picture may have (a 60-megapixel phone photo passes): a small file declaring more would
 * decode to gigabytes. Larger pictures are refused as unreadable; the reporter can send a smaller copy.
 */
const MAX_PIXELS = 60_000_000;

/**
 * Pixels re-encoded for one file, all its pictures together (a 170-page scan passes): a small package of
 * many large, highly compressible pictures would otherwise cost minutes of CPU per upload.
 */
const MAX_FILE_PIXELS = 1_500_000_000;
/** Counts a picture's pixels against its file's budget before any work is done on it. */
async function spend(bytes: Uint8Array, budget: { pixels: number }) {
  const { default: sharp } = await import('sharp');
  const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  budget.pixels -= (meta.width ?? 0) * (meta.height ?? 0) * (meta.pages ?? 1);
  if (budget.pixels < 0) throw new ExpansionLimit();
}

/** A raster image again, in its own format, without EXIF, XMP, IPTC, ICC comments or thumbnails. */
async function reencode(bytes: Uint8Array, opts: { rotate: boolean }): Promise<Uint8Array> {
  // The libraries load on first use: a server that never receives a file never holds them (ADR 0013).
  const { default: sharp } = await import('sharp');
  const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  const format = meta.format === 'heif' ? 'jpeg' : (meta.format ?? 'png');
  const animated = (meta.pages ?? 1) > 1;
  // rotate() applies the EXIF orientation that re-encoding drops (not inside documents: they lay it out).
  let img = sharp(bytes, { animated, limitInputPixels: MAX_PIXELS });
  if (opts.rotate) img = img.rotate();
  return new Uint8Array(await img.toFormat(format as 'png').toBuffer());
}

/** A JPEG inside a PDF, re-encoded; null where its colours could not be kept faithfully (CMYK). */
async function reencodePdfJpeg(bytes: Uint8Array): Promise<Uint8Array | null> {
  const { default: sharp } = await import('sharp');
  const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  if (meta.space === 'cmyk') return null;
  return new Uint8Array(
    await sharp(bytes, { limitInputPixels: MAX_PIXELS }).jpeg({ quality: 92 }).toBuffer(),
  );
}

/**
 * EXIF, XMP, authors, comments, tracked changes' authors, thumbnails, scripts and embedded files are
 * removed, down to images inside documents; what cannot be removed with certainty comes back as residue.
 */
export async function stripMetadata(mime: string, content: Uint8Array, opts: StripOptions): Promise<Cleaned> {
  if (images.has(mime)) return { content: await reencode(content, { rotate: true }), residue: [] };
  const budget = { pixels: MAX_FILE_PIXELS };
  if (mime === 'application/pdf')
    return cleanPdf(
      content,
      async (jpeg) => {
        await spend(jpeg, budget);
        return reencodePdfJpeg(jpeg);
      },
      opts,
    );
  if (ooxml(mime) || odf(mime))
    return cleanPackage(
      content,
      ooxml(mime) ? 'ooxml' : 'odf',
      async (bytes) => {
        await spend(bytes, budget);
        return reencode(bytes, { rotate: false });
      },
      opts,
    );
  return { content, residue: [] };
}
