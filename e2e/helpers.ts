import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/server/demo/seed.ts';

export const demoPassword = DEMO_PASSWORD;
// The last step used is kept in a file as well: after a failed test Playwright starts a new worker, whose
// memory is empty, and the server refuses a step it has already accepted for the same user.
const stepFile = join(tmpdir(), `liem-e2e-totp-${(process.env.LIEM_E2E_URL ?? '').replace(/\W/g, '')}`);
let lastStep = existsSync(stepFile) ? Number(readFileSync(stepFile, 'utf8')) || -1 : -1;
/** A code from a 30-second step not used yet in this run: the server accepts each code once. */
export async function totp(): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  if (step <= lastStep) {
    await new Promise((r) => setTimeout(r, (lastStep + 1) * 30_000 - Date.now() + 200));
    step = Math.floor(Date.now() / 30_000);
  }
  lastStep = step;
  writeFileSync(stepFile, String(step));
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET),
    digits: 6,
    period: 30,
  }).generate({
    timestamp: step * 30_000 + 1000,
  });
}

const shots = 'artifacts/e2e/screenshots';
mkdirSync(shots, { recursive: true });

/** WCAG 2.1 AA by axe on the page as it is now, and a screenshot for people to look at. */
export async function checkPage(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  // A loading spinner still on screen is not the page people read (and axe flags its aria attributes).
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(summary, `axe on ${name}`).toEqual([]);
}

/** Waits until the app has taken over a page the server drew (ADR 0045); at once for any other page. */
export async function settled(page: Page) {
  await page
    .waitForFunction(() => !document.getElementById('root')?.dataset.drawn, null, { timeout: 20_000 })
    .catch(() => undefined);
}

type Navigate = (this: Page, ...args: unknown[]) => Promise<unknown>;

/**
 * Playwright's test, in which every page's goto and reload wait for the app to take a drawn page over: a
 * staff page arrives drawn by the server, and a click before the app's code has run does nothing (as for
 * a person on a slow phone, who waits for the page to answer). Patched once per worker on the pages'
 * class, so pages of contexts a journey opens itself wait too.
 */
export const test = base.extend<object, { drawnPagesSettle: undefined }>({
  drawnPagesSettle: [
    async ({ browser }, use) => {
      const context = await browser.newContext();
      const proto = Object.getPrototypeOf(await context.newPage()) as Record<string, Navigate>;
      await context.close();
      for (const name of ['goto', 'reload'] as const) {
        const original = proto[name]!;
        if ((original as { settles?: boolean }).settles) continue;
        proto[name] = Object.assign(
          async function (this: Page, ...args: unknown[]) {
            const response = await original.apply(this, args);
            await settled(this);
            return response;
          },
          { settles: true },
        );
      }
      await use(undefined);
    },
    { scope: 'worker', auto: true },
  ],
});

export async function signIn(page: Page, username: string, withTotp: boolean) {
  await page.goto('/app/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(demoPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (withTotp) {
    await page.getByLabel('Mã xác thực').fill(await totp());
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
}

/** antd draws its own option list (the role=option nodes are for screen readers only): click the visible one. */
export async function pickOption(page: Page, text: string) {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first();
  await option.click();
  // A click that lands while the list is still opening can be lost: the list then stays open.
  await page.waitForTimeout(300);
  const selected = (await option.getAttribute('class').catch(() => null))?.includes(
    'ant-select-item-option-selected',
  );
  if ((await option.isVisible()) && !selected) await option.click();
}

/**
 * The set-password link last mailed to `to`, read from the files the demo writes its mail to (it has no
 * SMTP server); waits for the mail worker. Bodies are quoted-printable: soft breaks and escapes undone.
 */
export async function mailedLink(to: string): Promise<string> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = join(process.env.LIEM_E2E_DATA!, 'mail');
  for (let i = 0; i < 60; i++) {
    const files = (() => {
      try {
        return readdirSync(dir).sort().reverse();
      } catch {
        return [];
      }
    })();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'latin1')
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
      const link = /https?:\/\/\S+\/app\/reset-password#token=[\w-]+/.exec(text);
      if (link && new RegExp(`^To: .*${to.replace(/[.]/g, '\\.')}`, 'mi').test(text)) return link[0];
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no set-password link was mailed to ${to}`);
}
