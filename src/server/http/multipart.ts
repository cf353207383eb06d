import type { FastifyRequest } from 'fastify';
import { AppError, fieldError } from '#shared/errors.ts';

export interface Upload {
  fields: Record<string, string>;
  file: { name: string; content: Buffer };
}

/**
 * Reads a multipart form with one file (text fields must come before it), streaming the file up to the
 * configured limit; over it the request fails with 413 and nothing is kept.
 */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('bad_request');
  const part = await req.file();
  if (!part) throw fieldError('file', 'field.required');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v && v.type === 'field' && typeof v.value === 'string') fields[name] = v.value;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  if (part.file.truncated) throw new AppError('payload_too_large');
  return { fields, file: { name: part.filename, content: Buffer.concat(chunks) } };
}
