import { detectType, safeName } from '#server/modules/files/service.ts';
import { AppError, fieldError } from '#shared/errors.ts';

export interface CleanFile {
  name: string;
  mime: string;
  content: Uint8Array;
}

const images = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const ooxml = (mime: string) => mime.startsWith('application/vnd.openxmlformats-officedocument.');
const odf = (mime: string) => mime.startsWith('application/vnd.oasis.opendocument.');

const emptyCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`;
const emptyApp = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"></Properties>`;
const emptyOdfMeta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>`;

/** EXIF, XMP, ICC comments, document authors and the like are removed before anything is encrypted. */
async function stripMetadata(mime: string, content: Uint8Array): Promise<Uint8Array> {
  // The libraries load on first use: a server that never receives a file never holds them (ADR 0013).
  if (images.has(mime)) {
    const { default: sharp } = await import('sharp');
    // Re-encoding drops every metadata block; rotate() first applies the EXIF orientation it drops.
    const img = sharp(content, { animated: mime === 'image/gif' || mime === 'image/webp' }).rotate();
    return new Uint8Array(await img.toBuffer());
  }
  if (mime === 'application/pdf') {
    const { PDFDict, PDFDocument, PDFName, PDFRef } = await import('pdf-lib');
    const doc = await PDFDocument.load(content, { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info);
    if (info instanceof PDFDict) doc.context.delete(doc.context.trailerInfo.Info as import('pdf-lib').PDFRef);
    doc.context.trailerInfo.Info = undefined;
    const xmp = doc.catalog.get(PDFName.of('Metadata'));
    doc.catalog.delete(PDFName.of('Metadata'));
    if (xmp instanceof PDFRef) doc.context.delete(xmp);
    // A full rewrite: earlier incremental revisions (with their metadata) are not carried over.
    return doc.save({ updateFieldAppearances: false });
  }
  if (ooxml(mime) || odf(mime)) {
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(content);
    if (ooxml(mime)) {
      if (zip.file('docProps/core.xml')) zip.file('docProps/core.xml', emptyCore);
      if (zip.file('docProps/app.xml')) zip.file('docProps/app.xml', emptyApp);
      if (zip.file('docProps/custom.xml'))
        zip.file('docProps/custom.xml', emptyApp.replace('extended-properties', 'custom-properties'));
    } else if (zip.file('meta.xml')) {
      zip.file('meta.xml', emptyOdfMeta);
    }
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }
  return content;
}

/**
 * Checks one attachment by its content (never its name), within the size limit, and strips metadata.
 * Errors name the file, so the reporter knows which one to change.
 */
export async function cleanAttachment(
  name: string,
  content: Uint8Array,
  maxBytes: number,
): Promise<CleanFile> {
  const clean = safeName(name);
  if (content.length === 0) throw fieldError('files', 'field.file_empty', { name: clean });
  if (content.length > maxBytes)
    throw fieldError('files', 'field.file_too_large', { name: clean, max: Math.floor(maxBytes / 1048576) });
  const mime = await detectType(content, clean);
  if (!mime) throw fieldError('files', 'field.file_type', { name: clean });
  try {
    return { name: clean, mime, content: await stripMetadata(mime, content) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fieldError('files', 'field.file_unreadable', { name: clean });
  }
}
