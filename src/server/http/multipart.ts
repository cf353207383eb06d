import type { FastifyRequest } from 'fastify';
import { AppError, fieldError } from '#shared/errors.ts';
import { cleanText } from '#shared/text.ts';

export interface Upload {
  fields: Record<string, string>;
  file: { name: string; content: Buffer };
}

/**
 * Reads a multipart form with one file (text fields must come before it), streaming the file up to the
 * configured limit; over it the request fails with 413 and nothing is kept.
 */
export function readUpload(req: FastifyRequest): Promise<Upload> {
  return parsing(async () => {
    if (!req.isMultipart()) throw new AppError('bad_request');
    const part = await req.file();
    if (!part) throw fieldError('file', 'field.required');
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(part.fields)) {
      const v = Array.isArray(value) ? value[0] : value;
      if (v && v.type === 'field' && typeof v.value === 'string') fields[name] = cleanText(v.value);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    if (part.file.truncated) throw new AppError('payload_too_large');
    return { fields, file: { name: cleanText(part.filename), content: Buffer.concat(chunks) } };
  });
}

export interface FormData {
  fields: Record<string, string>;
  files: Array<{ name: string; content: Buffer; truncated: boolean; strip: boolean }>;
}

/**
 * Reads a whole multipart form with any number of files, in memory up to the configured limits. A file
 * over the size limit is kept as `truncated` so the caller can name it in a field error instead of
 * failing the whole request; file inputs left empty by a browser are skipped. A `strip` field ("yes")
 * asks for every file to be sent without the parts that cannot be cleaned rather than refused.
 */
export function readForm(req: FastifyRequest, maxFiles: number): Promise<FormData> {
  return parsing(async () => {
    if (!req.isMultipart()) throw new AppError('bad_request');
    const out: FormData = { fields: {}, files: [] };
    for await (const part of req.parts({ limits: { files: maxFiles + 1 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in out.fields))
          out.fields[part.fieldname] = cleanText(part.value);
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (!part.filename && chunks.length === 0) continue;
      out.files.push({
        name: cleanText(part.filename),
        content: Buffer.concat(chunks),
        truncated: part.file.truncated,
        strip: false,
      });
    }
    if (out.files.length > maxFiles) throw fieldError('files', 'field.too_many_files', { max: maxFiles });
    // Files may come before the field in the body: applied once everything is read.
    const strip = out.fields.strip === 'yes';
    for (const f of out.files) f.strip = strip;
    return out;
  });
}

/**
 * A body that is not the multipart form it claims to be (cut short, no boundary, broken headers) is the
 * sender's error: 400, never a server error. Size limits keep their own answer.
 */
async function parsing<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AppError) throw e;
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 413) throw new AppError('payload_too_large');
    throw new AppError('bad_request');
  }
}
