import { expect, type Page } from '@playwright/test';
import { checkPage, pickOption, signIn, test } from './helpers.ts';

const TITLE = 'Cán bộ địa chính đòi tiền khi đo đạc đất';

/** A 1×1 PNG, as a phone photo would be attached. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function openReport(page: Page) {
  await page.goto('/app/reports');
  await page.getByRole('searchbox', { name: 'Tìm trong nội dung đã giải mã' }).fill('dia chinh doi tien');
  await page.getByRole('searchbox', { name: 'Tìm trong nội dung đã giải mã' }).press('Enter');
  await page.getByRole('cell', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 3, name: TITLE })).toBeVisible();
}

test('a citizen without JavaScript reports with a file and follows up; the intake desk triages, asks, gets identity approved, forwards; the competent unit closes; the citizen reads the outcome', async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const citizen = await noJs.newPage();

  // 1. The report, with no JavaScript at all.
  await citizen.goto('/report');
  await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(citizen.getByText('Hãy chọn cơ quan nhận phản ánh, tố cáo.')).toBeVisible();
  await citizen.getByLabel('Cơ quan nhận phản ánh, tố cáo').selectOption({ label: 'Thanh tra tỉnh' });
  await citizen.getByLabel('Cơ quan, đơn vị có cán bộ bị phản ánh (nếu biết)').fill('xay dung');
  await citizen.getByRole('button', { name: 'Tìm' }).click();
  await citizen.getByLabel('Sở Xây dựng').check();
  await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText('Bước 2/2');
  // A first attempt with a missing field keeps what was typed.
  await citizen.getByLabel('Tóm tắt (một câu)').fill(TITLE);
  await citizen
    .getByLabel('Sự việc xảy ra như thế nào?')
    .fill('Ông Trần Văn Đo yêu cầu 2 triệu đồng để đo đạc đúng hẹn.');
  await citizen.getByRole('button', { name: 'Gửi phản ánh, tố cáo' }).click();
  await expect(citizen.getByRole('alert')).toContainText('Chưa gửi được');
  await expect(citizen.getByLabel('Tóm tắt (một câu)')).toHaveValue(TITLE);
  await citizen.getByLabel('Loại hành vi').selectOption('harassment');
  await citizen.getByLabel('Số tiền liên quan (đồng, nếu có)').fill('2.000.000');
  await citizen
    .getByLabel('Tài liệu, hình ảnh kèm theo')
    .setInputFiles({ name: 'anh-tin-nhan.png', mimeType: 'image/png', buffer: png });
  await citizen.getByLabel('Họ và tên').fill('Phan Thị Công Dân');
  await citizen.getByLabel('Điện thoại').fill('0901234567');
  await citizen.getByLabel(/Tôi đồng ý/).check();
  await citizen.getByRole('button', { name: 'Gửi phản ánh, tố cáo' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText('Đã nhận');
  const receipt = (await citizen.locator('[data-receipt]').getAttribute('data-receipt'))!;
  expect(receipt).toMatch(/^\d{16}$/);
  expect(await noJs.cookies()).toEqual([]);
  await citizen.screenshot({ path: 'artifacts/e2e/screenshots/portal-receipt.png', fullPage: true });
  // axe needs JavaScript, so the same pages are checked in a normal context.
  for (const [url, name] of [
    ['/report', 'portal-report-step1'],
    ['/follow-up', 'portal-follow-up'],
    ['/statistics', 'portal-statistics'],
    ['/enterprise/register?lang=en', 'portal-enterprise-register-en'],
    ['/enterprises', 'portal-enterprises'],
  ] as const) {
    await page.goto(url);
    await checkPage(page, name);
  }

  // 2. The intake officer reads, classifies and asks a question.
  await signIn(page, 'tiepnhan', true);
  await openReport(page);
  await expect(page.getByText('Ông Trần Văn Đo yêu cầu 2 triệu đồng')).toBeVisible();
  await checkPage(page, 'report-detail');
  await page.getByRole('button', { name: 'Phân loại' }).click();
  const triage = page.getByRole('dialog');
  await triage.getByRole('combobox').first().click();
  await pickOption(page, 'Tố cáo');
  await triage.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Giải quyết tố cáo')).toBeHidden(); // clocks are on their own tab
  // What an officer writes is an internal note unless they choose to write to the reporter.
  await expect(page.getByRole('radio', { name: 'Ghi chú nội bộ' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Lưu ghi chú nội bộ' })).toBeVisible();
  await page.getByLabel('Câu hỏi cho người báo tin').check();
  await page.getByLabel('Nội dung').fill('Bà còn giữ tin nhắn đòi tiền không? Xin gửi ảnh chụp.');
  await page.getByRole('button', { name: 'Gửi cho người báo tin' }).click();
  await expect(page.getByText('chưa trả lời')).toBeVisible();

  // 3. The citizen comes back with the receipt and answers.
  await citizen.goto('/follow-up');
  await citizen.getByLabel('Mã tra cứu').fill(receipt.replace(/(\d{4})(?=\d)/g, '$1 '));
  await citizen.getByRole('button', { name: 'Xem tin báo' }).click();
  await expect(citizen.getByText('Bà còn giữ tin nhắn đòi tiền không?')).toBeVisible();
  await citizen.getByLabel('Nội dung').fill('Có, tôi gửi kèm ảnh chụp màn hình.');
  await citizen.getByRole('button', { name: 'Gửi' }).click();
  await expect(citizen.getByRole('status')).toContainText('Đã gửi');

  // 4. Identity: requested with a reason, approved by the custodian, then shown.
  await page.reload();
  await expect(page.getByText('Có, tôi gửi kèm ảnh chụp màn hình.')).toBeVisible();
  await page.getByRole('tab', { name: 'Danh tính' }).click();
  await page.getByRole('button', { name: 'Yêu cầu xem danh tính' }).click();
  await page
    .getByRole('dialog')
    .getByLabel('Lý do')
    .fill('Cần làm việc trực tiếp với người tố cáo để xác minh tin nhắn.');
  await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Chờ quyết định')).toBeVisible();

  // The custodian decides on a phone: each request is a card with its decision in sight, not a table
  // scrolled sideways with approve and refuse off-screen.
  const custodianCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const custodian = await custodianCtx.newPage();
  await signIn(custodian, 'giukhoa', true);
  await custodian.goto('/app/identity-requests');
  await expect(
    custodian.getByRole('heading', { level: 1, name: 'Yêu cầu xem danh tính người tố cáo' }),
  ).toBeVisible();
  await checkPage(custodian, 'identity-requests-phone');
  expect(await custodian.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  const request = custodian.getByRole('row', {
    name: /Cần làm việc trực tiếp với người tố cáo để xác minh tin nhắn/,
  });
  await expect(request.getByRole('cell', { name: /^Lý do/ })).toBeVisible();
  await request.scrollIntoViewIfNeeded();
  await expect(request.getByRole('button', { name: 'Chấp thuận' })).toBeInViewport({ ratio: 1 });
  await request.getByRole('button', { name: 'Chấp thuận' }).click();
  await custodian.getByRole('dialog').getByRole('button', { name: 'Chấp thuận' }).click();
  await expect(custodian.getByRole('dialog')).toBeHidden();
  await custodianCtx.close();

  // The tab is in the address: the reload comes back to it.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Danh tính' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Xem danh tính' }).click();
  await expect(page.getByRole('dialog')).toContainText('Phan Thị Công Dân');
  await expect(page.getByRole('dialog')).toContainText('0901234567');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // 5. Forwarded to the competent department, which classifies and closes it.
  await page.getByRole('button', { name: 'Chuyển cơ quan có thẩm quyền' }).click();
  const fwd = page.getByRole('dialog');
  await fwd.getByRole('combobox').first().click();
  await pickOption(page, 'Sở Xây dựng');
  await fwd.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Theo dõi (đã chuyển đi)').first()).toBeVisible();

  const deptCtx = await browser.newContext();
  const dept = await deptCtx.newPage();
  await signIn(dept, 'tiepnhanxd', true);
  await openReport(dept);
  await dept.getByRole('button', { name: 'Phân loại' }).click();
  await dept.getByRole('dialog').getByRole('combobox').first().click();
  await pickOption(dept, 'Tố cáo');
  await dept.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await dept.getByRole('button', { name: 'Kết thúc xử lý' }).click();
  const close = dept.getByRole('dialog');
  await close.getByRole('combobox').first().click();
  await pickOption(dept, 'Đúng một phần');
  await close.getByLabel('Biện pháp đã xử lý (nội bộ)').fill('Kiểm điểm cán bộ, trả lại tiền cho người dân.');
  await close.getByLabel('Tóm tắt kết quả công khai').fill('Tố cáo đúng một phần; cán bộ đã bị kiểm điểm.');
  await close.getByRole('button', { name: 'Lưu' }).click();
  await expect(dept.getByText('Đã kết thúc').first()).toBeVisible();
  await deptCtx.close();

  // 6. The citizen reads the outcome on the receipt page.
  await citizen.goto('/follow-up/report');
  await expect(citizen.getByText('Tố cáo đúng một phần; cán bộ đã bị kiểm điểm.')).toBeVisible();
  await expect(citizen.getByText('Đã kết thúc', { exact: true })).toBeVisible();
  await citizen.screenshot({ path: 'artifacts/e2e/screenshots/portal-outcome.png', fullPage: true });
  await noJs.close();

  await page.goto('/app/reports');
  await checkPage(page, 'reports-inbox');
});
