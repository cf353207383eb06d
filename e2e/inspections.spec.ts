import { expect, test } from '@playwright/test';
import { checkPage, signIn } from './helpers.ts';

test('the inspectorate approves next year’s plan (not its author), the department reports a recommendation done and the inspectorate closes it', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  // The author of the 2027 plan sees it waiting for approval; a second inspector approves it.
  await signIn(page, 'chanhtt', false);
  await page.getByRole('menuitem', { name: 'Thanh tra', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thanh tra', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Thanh tra đột xuất việc giao đất/ })).toBeVisible();
  await checkPage(page, 'inspections');
  await page.getByRole('tab', { name: 'Kế hoạch năm' }).click();
  await page.getByRole('row', { name: /2027/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kế hoạch thanh tra năm 2027' })).toBeVisible();
  await page.getByRole('button', { name: 'Phê duyệt kế hoạch' }).click();
  const approve = page.getByRole('dialog');
  await approve.getByLabel('Số quyết định').fill('230/QĐ-TTr');
  await approve.getByLabel('Ngày quyết định').click();
  await approve.getByLabel('Ngày quyết định').fill('01/12/2026');
  await approve.getByLabel('Ngày quyết định').press('Enter');
  await approve.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('#main').getByText('Đã phê duyệt').first()).toBeVisible();
  await checkPage(page, 'inspection-plan');

  // The concluded inspection: its timeline and the unconfirmed on-site period say what they are.
  await page.goto('/app/inspections');
  await page.getByRole('cell', { name: /quản lý, sử dụng ngân sách/ }).click();
  await expect(page.getByText('Kết luận 120/KL-TTr, 30/07/2026')).toBeVisible();
  await expect(page.getByText('Chưa xác nhận')).toBeVisible();
  await checkPage(page, 'inspection');

  // Sở Tài chính reports what it owes as done.
  const unit = await (await browser.newContext()).newPage();
  await signIn(unit, 'thutruong', false);
  await expect(unit.getByText('Thực hiện kiến nghị thanh tra').first()).toBeVisible();
  await unit.getByRole('menuitem', { name: 'Kiến nghị sau thanh tra' }).click();
  await unit.getByRole('cell', { name: /Ban hành lại quy chế chi tiêu nội bộ/ }).click();
  await unit.getByRole('button', { name: 'Cập nhật' }).click();
  const update = unit.getByRole('dialog');
  await update.getByLabel('Trạng thái').click();
  await unit
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Báo cáo đã xong' })
    .click();
  await update
    .getByLabel('Nội dung cập nhật')
    .fill('Đã ban hành Quy chế chi tiêu nội bộ số 15/QĐ-STC ngày 25/11/2026.');
  await update.getByRole('button', { name: 'Lưu' }).click();
  await expect(unit.getByRole('dialog')).toBeHidden();
  await expect(
    unit.locator('#main').getByText('Đã ban hành Quy chế chi tiêu nội bộ số 15/QĐ-STC'),
  ).toBeVisible();
  await expect(unit.locator('#main').getByText('Báo cáo đã xong').first()).toBeVisible();
  await checkPage(unit, 'recommendation');
  await unit.context().close();

  // The inspectorate confirms it.
  await page.goto('/app/recommendations?view=issued&status=open');
  await page.getByRole('cell', { name: /Ban hành lại quy chế chi tiêu nội bộ/ }).click();
  await page.getByRole('button', { name: 'Cập nhật' }).click();
  const close = page.getByRole('dialog');
  await close.getByLabel('Nội dung cập nhật').fill('Đã kiểm tra quy chế: hoàn thành.');
  await close.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('#main').getByText('Hoàn thành').first()).toBeVisible();
  await expect(page.locator('#main').getByText('Đã kiểm tra quy chế: hoàn thành.')).toBeVisible();
});
