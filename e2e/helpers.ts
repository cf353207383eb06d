import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/server/demo/seed.ts';

export const demoPassword = DEMO_PASSWORD;
let lastStep = -1;
/** A code from a 30-second step not used yet in this run: the server accepts each code once. */
export async function totp(): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  if (step <= lastStep) {
    await new Promise((r) => setTimeout(r, (lastStep + 1) * 30_000 - Date.now() + 200));
    step = Math.floor(Date.now() / 30_000);
  }
  lastStep = step;
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
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}
