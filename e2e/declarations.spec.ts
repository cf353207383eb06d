import { expect, test } from '@playwright/test';
import { checkPage, signIn } from './helpers.ts';

test('a declarant declares 2026 pre-filled from 2025, adds a car, is asked to explain the increase and submits; the officer returns it, accepts it and hands it over; the control agency acknowledges it', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'kekhai', false);
  await page.goto('/app/declarations?tab=mine');
  await expect(page.getByText(/phải kê khai hằng năm năm 2026/)).toBeVisible();
  await page.getByRole('button', { name: 'Bắt đầu kê khai' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Hằng năm 2026/ })).toBeVisible();
  // Pre-filled from 2025: the house and the land are there.
  await expect(page.getByText('Số 11 đường Hòa Bình, phường Sơn Hà').first()).toBeVisible();
  await checkPage(page, 'declaration-form');
  // A new car of 1.2 billion: Part III asks for the origin of the increase (1 billion since 01/07/2026).
  const cars = page.locator('#group-registered_assets');
  await cars.getByRole('button', { name: 'Thêm tài sản' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tên tài sản').fill('Ô tô con');
  await dialog.getByLabel('Giá trị (đồng)').fill('1200000000');
  await dialog.getByRole('button', { name: /OK|Lưu/ }).click();
  await expect(page.getByText(/Còn 1 nội dung cần hoàn thiện/)).toBeVisible();
  await page.getByRole('button', { name: 'Nộp bản kê khai' }).click();
  await expect(page.getByText(/cần giải trình nguồn gốc/).first()).toBeVisible();
  await page
    .locator('#part-3')
    .getByLabel('Giải trình nguồn gốc')
    .first()
    .fill('Vay ngân hàng và tiền tiết kiệm của gia đình');
  await page.getByRole('button', { name: 'Nộp bản kê khai' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nộp bản kê khai' }).click();
  await expect(page.getByText('Đã nộp', { exact: true }).first()).toBeVisible();

  // The organising officer returns it for correction, then accepts it and hands it over.
  const officer = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signIn(officer, 'tochuc', false);
  await officer.goto('/app/declarations?tab=register&status=submitted');
  await officer.getByRole('link', { name: 'Bùi Thị Khai' }).click();
  await officer.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
  await officer.getByRole('dialog').getByLabel('Nội dung cần bổ sung, sửa đổi').fill('Ghi rõ biển số ô tô');
  await officer
    .getByRole('dialog')
    .getByRole('button', { name: /OK|Lưu/ })
    .click();
  await expect(officer.getByText('Trả lại để bổ sung', { exact: true }).first()).toBeVisible();

  await page.reload();
  await expect(page.getByText(/Ghi rõ biển số ô tô/)).toBeVisible();
  await page.getByRole('button', { name: 'Nộp bản kê khai' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nộp bản kê khai' }).click();
  await expect(page.getByText('Đã nộp', { exact: true }).first()).toBeVisible();

  await officer.reload();
  await officer.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(officer.getByText('Đã tiếp nhận', { exact: true }).first()).toBeVisible();
  await officer.goto('/app/declarations?tab=register&status=accepted');
  await officer
    .getByRole('row', { name: /Bùi Thị Khai/ })
    .getByRole('checkbox')
    .check();
  await officer.getByRole('button', { name: /Bàn giao cho cơ quan kiểm soát/ }).click();
  await expect(officer.getByText(/Đã bàn giao 1 bản kê khai/)).toBeVisible();
  await officer.goto('/app/declarations?tab=rounds');
  await expect(officer.getByText(/người phải kê khai, 2 đã nộp/)).toBeVisible();
  await checkPage(officer, 'declaration-roster');

  // The provincial inspectorate acknowledges the hand-over.
  const control = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signIn(control, 'kiemsoat', false);
  await control.goto('/app/declarations?tab=register&status=handed_over&year=2026');
  await control
    .getByRole('row', { name: /Bùi Thị Khai/ })
    .getByRole('checkbox')
    .check();
  await control.getByRole('button', { name: /Xác nhận đã nhận/ }).click();
  await expect(control.getByText(/Đã xác nhận nhận 1 bản kê khai/)).toBeVisible();
});
