import { describe, expect, it } from 'vitest';
import { networkOf } from '#server/http/plugin.ts';
import { MAX_WAITING_ANONYMOUS, turn } from './threads.ts';

describe('worker thread slots', () => {
  it('queue uploads and documents apart; anonymous requests are answered "busy" past their cap, never others; a client that leaves leaves the queue', async () => {
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
    // The portal's citizens share one turn: so many may wait, the next is told to retry…
    for (let i = 0; i < MAX_WAITING_ANONYMOUS; i++) waiting.push(turn('sheets', 'anonymous'));
    await expect(turn('sheets', 'anonymous')).rejects.toMatchObject({
      code: 'unavailable',
      details: { retryAfterSeconds: 30 },
    });
    // …but a flood of anonymous forms never takes the places of signed-in people (the re-test's H1).
    waiting.push(turn('sheets', 'someone signed in'));
    // A document (a PDF to print) does not wait behind the uploads.
    const doc = await turn('documents');
    doc();
    // A request whose client went away leaves the queue: its place is free again.
    const gone = new AbortController();
    const left = turn('sheets', 'someone who leaves', gone.signal);
    gone.abort();
    await expect(left).rejects.toMatchObject({ code: 'unavailable' });
    // Everyone waiting gets their turn as slots free (each job ends as soon as it starts).
    const served = Promise.all(waiting.map((p) => p.then((done) => done())));
    for (const done of held) done();
    await served;
  });

  it("takes turns between people: one person's burst waits behind their own jobs, not in front of everyone", async () => {
    // Take every slot; the first grab that has to wait stays queued too.
    const held: Array<() => void> = [];
    let queued: Promise<() => void>;
    for (;;) {
      let granted = false;
      const p = turn('documents', 'filler').then((done) => {
        granted = true;
        return done;
      });
      await new Promise((r) => setImmediate(r));
      if (!granted) {
        queued = p;
        break;
      }
      held.push(await p);
    }
    // One person asks for four documents, then another for one; each job ends as soon as it starts.
    const order: string[] = [];
    const ask = (owner: string, tag: string) =>
      turn('documents', owner).then((done) => {
        order.push(tag);
        done();
      });
    const asked = ['a1', 'a2', 'a3', 'a4'].map((t) => ask('a', t));
    await expect(turn('documents', 'a')).rejects.toMatchObject({
      code: 'unavailable',
      details: { retryAfterSeconds: 30 },
    });
    asked.push(ask('b', 'b1'));
    // The portal's citizens are many people in one turn: not capped as one person.
    asked.push(...['c1', 'c2', 'c3', 'c4', 'c5'].map((t) => ask('anonymous', t)));
    for (const done of held) done();
    (await queued!)();
    await Promise.all(asked);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3', 'c3', 'a4', 'c4', 'c5']);
  });

  it('within the portal’s turn, addresses take turns and one address may have two jobs waiting', async () => {
    const held: Array<() => void> = [];
    let queued: Promise<() => void>;
    for (;;) {
      let granted = false;
      const p = turn('documents', 'filler').then((done) => {
        granted = true;
        return done;
      });
      await new Promise((r) => setImmediate(r));
      if (!granted) {
        queued = p;
        break;
      }
      held.push(await p);
    }
    const order: string[] = [];
    const ask = (address: string, tag: string) =>
      turn('documents', 'anonymous', undefined, address).then((done) => {
        order.push(tag);
        done();
      });
    const asked = [ask('X', 'x1'), ask('X', 'x2')];
    // A third form from the same address is told to retry; another address still gets a place.
    await expect(turn('documents', 'anonymous', undefined, 'X')).rejects.toMatchObject({
      code: 'unavailable',
    });
    asked.push(ask('Y', 'y1'));
    for (const done of held) done();
    (await queued!)();
    await Promise.all(asked);
    expect(order).toEqual(['x1', 'y1', 'x2']);
  });

  it('an IPv6 host takes turns as its /64: its endless addresses are one network (issue-15 re-test, M3)', () => {
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe(networkOf('2001:db8:1:2:ffff:1:2:3'));
    expect(networkOf('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0db8:0001:0002:0:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:3::1')).not.toBe(networkOf('2001:db8:1:2::1'));
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(networkOf('203.0.113.9')).not.toBe(networkOf('203.0.113.10'));
  });
});
