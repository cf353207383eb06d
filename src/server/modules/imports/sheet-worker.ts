import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '#shared/errors.ts';
import { readSheetHere, readWorkbookHere } from './sheet.ts';

/** One uploaded spreadsheet read in its own thread (sheet.ts `readSheet`, `readWorkbook`). */
const { kind, content } = workerData as { kind: 'sheet' | 'workbook'; content: Uint8Array };
try {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const ok = kind === 'sheet' ? await readSheetHere(bytes) : await readWorkbookHere(bytes);
  parentPort!.postMessage({ ok });
} catch (e) {
  // A refusal goes back as the error it is (which row limit, which problem), anything else by message.
  if (e instanceof AppError) parentPort!.postMessage({ appError: { code: e.code, details: e.details } });
  else parentPort!.postMessage({ error: (e as Error).message });
}
