import { describe, expect, it } from 'vitest';
import { turn } from './threads.ts';

describe('worker thread slots', () => {
  it('queue uploads and documents apart, and answer "busy" past sixteen waiting rather than queueing without end', async () => {
    // Take every sheets slot, then fill its queue.
    const held: Array<() => void> = [];
    const waiting: Array<Promise<() => void>> = [];
    for (;;) {
      let granted = false;
      const p = turn('sheets').then((done) => {
        granted = true;
        return done;
      });
      await new Promise((r) => setImmediate(r));
      if (!granted) {
        waiting.push(p);
        break;
      }
      held.push(await p);
    }
    for (let i = 1; i < 16; i++) waiting.push(turn('sheets'));
    await expect(turn('sheets')).rejects.toMatchObject({
      code: 'unavailable',
      details: { retryAfterSeconds: 30 },
    });
    // A document (a PDF to print) does not wait behind the uploads.
    const doc = await turn('documents');
    doc();
    // Everyone waiting gets their turn as slots free.
    for (const done of held) done();
    for (const p of waiting) (await p)();
  });
});
