import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from '#server/modules/plans/plan.ts';
import { createWorld, type World } from '#test/world.ts';
import { drawPage } from '#web/draw.tsx';

// The frame vite.config.ts writes (`drawnPages`), reduced to what the server fills in.
const frame =
  '<!doctype html><html lang="vi"><head><!--liem:head--></head><body>' +
  '<div id="root" data-drawn="page"><!--liem:root--></div><!--liem:state--></body></html>';

let w: World;
let failing = false;
// A drawer that takes longer than the server waits, and what became of its read made afterwards.
let slow: Promise<string> | null = null;
let planA: string;
let planB: string;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'liem-drawn-'));
  writeFileSync(join(dist, 'index.html'), 'the app');
  writeFileSync(join(dist, 'page.html'), frame);
  // What the build lists for each page's code (vite.config.ts `pageScripts`): the shell's and the plan
  // page's share a file.
  writeFileSync(
    join(dist, 'page-scripts.json'),
    JSON.stringify({
      'app/Shell.tsx': ['/app/assets/dropdown.js', '/app/assets/Shell.js'],
      'features/plans/PlanDetailPage.tsx': [
        '/app/assets/dropdown.js',
        '/app/assets/table.js',
        '/app/assets/PlanDetailPage.js',
      ],
      'features/plans/PlansPage.tsx': ['/app/assets/PlansPage.js'],
    }),
  );
  w = await createWorld(
    {},
    {
      staffApp: {
        dist,
        drawer: (request) => {
          if (failing) return Promise.reject(new TypeError('broken'));
          if (slow) {
            slow = new Promise((r) => setTimeout(r, 3_500)).then(() =>
              request.read('/api/session').then(
                (res) => `read ${res.status}`,
                (err: Error) => err.name,
              ),
            );
            return slow.then(() => null);
          }
          return drawPage(request);
        },
      },
    },
  );
  planA = (
    await createPlan(w.ctx, {
      unitId: w.units.A,
      year: 2026,
      title: 'Kế hoạch của Thanh tra </script><script>alert(1)</script>',
    })
  ).id;
  planB = (
    await createPlan(w.ctx, { unitId: w.units.B, year: 2026, title: 'Kế hoạch riêng của Sở Xây dựng' })
  ).id;
}, 120_000);
afterAll(() => w.close());

const page = (url: string, cookie: string, headers: Record<string, string> = {}) =>
  w.app.inject({ url, headers: { cookie, ...headers } });

/** The answers a drawn page came with, as the app reads them. */
function stateOf(html: string): { queries: Array<{ queryKey: unknown[]; state: { data: unknown } }> } {
  const m = /<script type="application\/json" id="liem-drawn"[^>]*>(.*?)<\/script>/s.exec(html);
  expect(m, 'the page carries its answers').not.toBeNull();
  return JSON.parse(m![1]!);
}

describe('staff pages drawn on the server (ADR 0045)', () => {
  it('draws a page with the reader’s data, in their language, and never lets it be kept', async () => {
    const res = await page(`/app/plans/${planA}`, w.users.coordinator.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="vi">');
    // The plan's own page, drawn: its title is in the markup, and the answers the app starts from.
    expect(res.body).toContain('Kế hoạch của Thanh tra');
    const keys = stateOf(res.body).queries.map((q) => JSON.stringify(q.queryKey));
    expect(keys).toContain('["session"]');
    expect(keys.some((k) => k.includes(planA))).toBe(true);
    // It says how many parts it was drawn in: the app's once it has taken them all over.
    expect(res.body).toMatch(/id="liem-drawn"[^>]* data-parts="[1-9]\d*"/);
    // antd's style rules for what was drawn come with it.
    expect(res.body).toMatch(/<style[^>]*data-css-hash/);
    // And the code it was drawn with, for boot.js to run one file at a time: the shell's and the plan
    // page's, each file once, after the files it imports; not another page's.
    expect([...res.body.matchAll(/<meta name="liem-preload" content="([^"]+)">/g)].map((m) => m[1])).toEqual([
      '/app/assets/dropdown.js',
      '/app/assets/Shell.js',
      '/app/assets/table.js',
      '/app/assets/PlanDetailPage.js',
    ]);

    const en = await page(`/app/plans/${planA}`, `${w.users.coordinator.cookie}; liem_lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).not.toContain('<html lang="vi">');
  }, 60_000);

  it('never lets a reader’s text out of its place: no script of theirs in the markup or the answers', async () => {
    const res = await page(`/app/plans/${planA}`, w.users.coordinator.cookie);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
    // In the answers every "<" is escaped, so the JSON cannot close its script element.
    const json = /id="liem-drawn"[^>]*>(.*?)<\/script>/s.exec(res.body)![1]!;
    expect(json).not.toContain('<');
    expect(json).toContain('\\u003c/script>');
  }, 60_000);

  it('reads as the reader: a plan out of their scope is not in the page', async () => {
    const res = await page(`/app/plans/${planB}`, w.users.coordinator.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Kế hoạch riêng của Sở Xây dựng');
    const plan = stateOf(res.body).queries.find((q) => JSON.stringify(q.queryKey).includes(planB));
    expect(plan, 'a refused read is not handed over').toBeUndefined();
  }, 60_000);

  it('draws by the reader’s choices as their browser keeps them: a column they hid is not drawn', async () => {
    // The app starts from the same cookie, so the page it takes over is the page it would draw.
    const header = /<th[^>]*>(?:(?!<\/th>).)*Thư điện tử/s;
    expect((await page('/app/users', w.users.root_admin.cookie)).body).toMatch(header);
    const hidden = encodeURIComponent(JSON.stringify({ 'nguoi-dung': { email: false } }));
    const res = await page('/app/users', `${w.users.root_admin.cookie}; liem_columns=${hidden}`);
    expect(res.body).toContain('liem-drawn');
    expect(res.body).not.toMatch(header);
    // A cookie that is not what the app writes: drawn as for a first visit, never an error.
    const odd = await page('/app/users', `${w.users.root_admin.cookie}; liem_columns=%7Bnot-json`);
    expect(odd.body).toMatch(header);
  }, 60_000);

  it('draws a list for a phone as cards: each value names its column, the filters folded', async () => {
    // Without a script the phone reads the same cards, so the labels and the fold come from the server.
    const phone = await page('/app/users', `${w.users.root_admin.cookie}; liem_screen=xs`);
    expect(phone.body).toContain('liem-drawn');
    expect(phone.body).toMatch(/<td[^>]*data-label="Thư điện tử"/);
    expect(phone.body).toContain('cards-on-phone');
    expect(phone.body).not.toMatch(/aria-label="Vai trò"/);
    expect(phone.body).toMatch(/aria-expanded="false"[^>]*>(?:(?!<\/button>).)*Bộ lọc/s);
    // A wide screen has the filters in sight and no fold.
    const wide = await page('/app/users', `${w.users.root_admin.cookie}; liem_screen=xl`);
    expect(wide.body).toMatch(/aria-label="Vai trò"/);
    expect(wide.body).not.toContain('Bộ lọc');
  }, 60_000);

  it('compresses the page as the browser accepts', async () => {
    const res = await page('/app/plans', w.users.coordinator.cookie, { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toContain('accept-encoding');
  }, 60_000);

  it('leaves the page to the app where it cannot draw it, saying so in the log without the reader’s data', async () => {
    // No session at all: to sign-in, as before.
    expect((await page('/app/plans', '')).statusCode).toBe(302);
    // A cookie with no session behind it: the app decides (it sends the reader to sign-in).
    expect((await page('/app/plans', 'liem_session=nothing')).body).toBe('the app');
    failing = true;
    try {
      const res = await page(`/app/plans/${planA}`, w.users.coordinator.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('the app');
    } finally {
      failing = false;
    }
    const logged = w.logs.filter((l) => l.includes('page_not_drawn'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('TypeError');
    expect(logged[0]).not.toContain('broken');
    expect(logged[0]).not.toContain(planA);
  }, 60_000);

  it('sends a page it could not draw in time undrawn, and reads nothing more for it', async () => {
    slow = Promise.resolve('');
    try {
      const res = await page(`/app/plans/${planA}`, w.users.coordinator.cookie);
      expect(res.body).toBe('the app');
      // The drawing, still going after the page was sent, is refused its reads.
      expect(await slow).toBe('AbortError');
    } finally {
      slow = null;
    }
  }, 60_000);
});
