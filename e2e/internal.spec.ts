import { expect } from '@playwright/test';
import { checkPage, pickOption, signIn, test } from './helpers.ts';

const TITLE = 'Chia nhỏ gói thầu sửa chữa kho lưu trữ';

test("an official reports corruption in their own unit, sealed; the unit's desk reads it without knowing who sent it; the head records a self-inspection", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  // The official (Sở Xây dựng): the form says where it goes, refuses what is missing, gives a receipt once.
  await signIn(page, 'kekhai', false);
  await page.getByRole('menuitem', { name: 'Báo cáo tham nhũng nội bộ' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Báo cáo hành vi tham nhũng trong cơ quan, đơn vị' }),
  ).toBeVisible();
  await expect(page.getByText('Thủ trưởng Sở Xây dựng (bộ phận tiếp nhận: Sở Xây dựng)')).toBeVisible();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByText('Trường này là bắt buộc.').first()).toBeVisible();
  await page.getByLabel('Loại hành vi').click();
  await pickOption(page, 'Sai phạm trong đấu thầu, mua sắm công');
  await page.getByLabel('Nội dung tóm tắt').fill(TITLE);
  await page
    .getByLabel('Mô tả hành vi (ai, làm gì, khi nào, ở đâu, bằng chứng)')
    .fill('Gói 1,2 tỷ chia làm 3 gói dưới hạn mức.');
  await page.getByText('Tôi đồng ý để cơ quan có thẩm quyền sử dụng danh tính').click();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByText(/Đã gửi báo cáo số \d{4}-\d+ đến Sở Xây dựng/)).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText(/^\d{4} \d{4} \d{4} \d{4}$/)).toBeVisible();
  await checkPage(page, 'internal-report-sent');

  // The department's desk reads it; the channel says an official sent it, the name stays sealed.
  const deskCtx = await browser.newContext();
  const desk = await deskCtx.newPage();
  await signIn(desk, 'tiepnhanxd', true);
  await desk.goto('/app/reports');
  await desk.getByRole('cell', { name: TITLE }).click();
  await expect(desk.getByRole('heading', { level: 3, name: TITLE })).toBeVisible();
  await expect(desk.getByText('Cán bộ trong cơ quan báo cáo').first()).toBeVisible();
  await expect(desk.getByText('Bùi Thị Khai')).toHaveCount(0);
  await deskCtx.close();

  // The head of Sở Tài chính records the result of a self-inspection due this week.
  const headCtx = await browser.newContext();
  const head = await headCtx.newPage();
  await signIn(head, 'thutruong', false);
  await head.getByRole('menuitem', { name: 'Tự kiểm tra nội bộ' }).click();
  await head.getByRole('cell', { name: /cấp phép, xác nhận hồ sơ/ }).click();
  const dialog = head.getByRole('dialog');
  await dialog.getByLabel('Số vi phạm phát hiện').fill('1');
  await dialog.getByRole('button', { name: 'Ghi kết quả' }).click();
  // Violations found are said.
  await expect(dialog.getByText('Trường này là bắt buộc.')).toBeVisible({ timeout: 15_000 });
  await dialog.getByLabel('Nội dung vi phạm phát hiện').fill('Một hồ sơ xác nhận chậm không có lý do.');
  await dialog.getByLabel('Đã xử lý').fill('1');
  await dialog.getByRole('button', { name: 'Ghi kết quả' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(head.getByRole('cell', { name: 'Đã thực hiện' })).toHaveCount(3);
  await checkPage(head, 'self-inspections');
  await headCtx.close();
});
