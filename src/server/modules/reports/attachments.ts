import { detectType, safeName } from '#server/modules/files/service.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { cleanPackage } from './clean-office.ts';
import { type Cleaned, cleanPdf, EncryptedPdf, ExpansionLimit, type Residue } from './clean-pdf.ts';

export interface CleanFile {
  name: string;
  mime: string;
  content: Uint8Array;
  /** Parts that could not be cleaned and were left out because the reporter asked (see CleanOptions). */
  removed?: Residue[];
}

/**
 * `strip`: the reporter chose to send a file without the parts Liêm cannot clean with certainty
 * (pictures become empty frames, embedded objects and unknown parts are left out) rather than convert it.
 */
export interface CleanOptions {
  strip?: boolean;
}

const images = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
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
async function stripMetadata(mime: string, content: Uint8Array, opts: CleanOptions): Promise<Cleaned> {
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

/**
 * A reporter's file under a plain name: the name they gave it can say who they are or when and with
 * which phone the picture was taken (CMND_Nguyen_Van_A.jpg, IMG_20261201_093000.jpg). Errors before this
 * still name the file as the reporter knows it.
 */
export function plainName(file: CleanFile, n: number): CleanFile {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(file.name)?.[1]?.toLowerCase();
  return { ...file, name: `tep-${n}${ext ? `.${ext}` : ''}` };
}

/**
 * Checks one attachment by its content (never its name), within the size limit, and strips metadata.
 * Errors name the file, so the reporter knows which one to change.
 */
export async function cleanAttachment(
  name: string,
  content: Uint8Array,
  maxBytes: number,
  opts: CleanOptions = {},
): Promise<CleanFile> {
  const clean = safeName(name);
  if (content.length === 0) throw fieldError('files', 'field.file_empty', { name: clean });
  if (content.length > maxBytes)
    throw fieldError('files', 'field.file_too_large', { name: clean, max: Math.floor(maxBytes / 1048576) });
  const mime = await detectType(content, clean);
  if (!mime) throw fieldError('files', 'field.file_type', { name: clean });
  let cleaned: Awaited<ReturnType<typeof stripMetadata>>;
  try {
    cleaned = await stripMetadata(mime, content, opts);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof ExpansionLimit)
      throw fieldError('files', 'field.file_unpacked_too_large', { name: clean });
    // Owner-password encryption is common on official PDFs: printing to PDF makes a plain copy.
    if (e instanceof EncryptedPdf) throw fieldError('files', 'field.file_encrypted', { name: clean });
    throw fieldError('files', 'field.file_unreadable', { name: clean });
  }
  // Said before anything is stored: the reporter may send it without those parts, or convert it (print to
  // PDF, a photo of each page); if even leaving them out cannot be done with certainty, only the latter.
  if (cleaned.residue.length > 0)
    throw fieldError('files', opts.strip ? 'field.file_uncleanable_strip' : 'field.file_uncleanable', {
      name: clean,
    });
  const removed = cleaned.removed?.length ? { removed: cleaned.removed } : {};
  return { name: clean, mime, content: cleaned.content, ...removed };
}
