import { parentPort, workerData } from 'node:worker_threads';
import { type Layout, layoutDocx, layoutPdf } from './layout.ts';

/** One document rendered in its own thread (layout.ts `renderLayout`): its bytes, or why not. */
const { format, layout } = workerData as { format: 'docx' | 'pdf'; layout: Layout };
try {
  const bytes = format === 'pdf' ? await layoutPdf(layout) : await layoutDocx(layout);
  parentPort!.postMessage({ ok: new Uint8Array(bytes) });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message });
}
