import { detectType, safeName } from '#server/modules/files/service.ts';
import { AppError, fieldError } from '#shared/errors.ts';
import { type Cleaned, EncryptedPdf, ExpansionLimit, type Residue } from './clean-pdf.ts';
import { stripIsolated } from './isolate.ts';

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

/**
 * A reporter's file under a plain name: the name they gave it can say who they are or when and with
 * which phone the picture was taken (CMND_Nguyen_Van_A.jpg, IMG_20261201_093000.jpg). Errors before this
 * still name the file as the reporter knows it.
 */
export function plainName<F extends { name: string }>(file: F, n: number): F {
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
  let cleaned: Cleaned;
  try {
    cleaned = await stripIsolated(mime, content, opts);
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
