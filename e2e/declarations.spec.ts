import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { verifyRecord } from '../src/server/modules/declarations/lottery.ts';
import { checkPage, pickOption, signIn, test } from './helpers.ts';

test('a declarant declares 2026 pre-filled from 2025, adds a car, is asked to explain the increase and submits; the officer returns it, accepts it and hands it over; the control agency acknowledges it', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'kekhai', false);
  await page.goto('/app/declarations?tab=mine');
  await expect(page.getByText(/danh sách kê khai hằng năm của năm 2026/)).toBeVisible();
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
  // The official form to print and sign on every page, then the signed copy scanned back.
  const [form] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Bản in để ký (Word)' }).click(),
  ]);
  expect(form.suggestedFilename()).toBe('ban-ke-khai.docx');
  await page.locator('input[type=file]').setInputFiles({
    name: 'ban-ke-khai-da-ky.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
  });
  await expect(page.getByText('Bản đã ký: ban-ke-khai-da-ky.pdf')).toBeVisible();

  await officer.reload();
  await officer.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(officer.getByText('Đã tiếp nhận', { exact: true }).first()).toBeVisible();
  await officer.goto('/app/declarations?tab=register&status=accepted');
  await officer
    .getByRole('row', { name: /Bùi Thị Khai/ })
    .getByRole('checkbox')
    .check();
  await officer.getByRole('button', { name: /Bàn giao cho cơ quan kiểm soát/ }).click();
  // Asked first: the hand-over cannot be undone and starts the publication clock.
  const confirm = officer.getByRole('dialog', { name: /Bàn giao 1 bản kê khai/ });
  await expect(confirm.getByText(/không trả lại để sửa được nữa/)).toBeVisible();
  await confirm.getByRole('button', { name: /Bàn giao cho cơ quan kiểm soát/ }).click();
  await expect(officer.getByText(/Đã bàn giao 1 bản kê khai/)).toBeVisible();
  await officer.goto('/app/declarations?tab=rounds');
  await expect(officer.getByText(/người phải kê khai, 2 đã nộp/)).toBeVisible();
  await checkPage(officer, 'declaration-roster');

  // A declaration given on paper is entered from the workbook: a wrong cell is named by sheet, row and
  // column and nothing is written; corrected, it is entered and marked as paper.
  await officer.goto('/app/declarations?tab=register');
  const template = await officer.request.get('/api/declarations/paper-template');
  expect(template.status()).toBe(200);
  const paper = async (houseKind: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template.body()) as never);
    const fill = (tab: string, row: Record<string, string | number>) => {
      const ws = wb.getWorksheet(tab)!;
      const headers = (ws.getRow(1).values as string[]).slice(1).map((h) => String(h).replace(/ \*$/, ''));
      if (tab === 'Bản kê khai') ws.spliceRows(2, 1);
      ws.addRow(headers.map((h) => row[h] ?? null));
    };
    fill('Bản kê khai', {
      'Số thứ tự bản kê khai': 1,
      'Tài khoản người kê khai': 'truongphong',
      'Loại kê khai': 'Phục vụ công tác cán bộ',
      Năm: 2026,
      'Ngày hoàn thành bản kê khai': '20/11/2026',
      'Họ và tên': 'Trịnh Văn Phòng',
      'Ngày sinh': '01/02/1975',
      'Chức vụ, chức danh': 'Trưởng phòng',
      'Cơ quan, đơn vị công tác': 'Sở Xây dựng',
      'Nơi thường trú': 'Số 3 Lê Lợi',
      'Số căn cước công dân': '001075000123',
    });
    fill('II.2.1 Nhà ở', {
      'Số thứ tự bản kê khai': 1,
      'Của ai': 'Người kê khai',
      'Địa chỉ': 'Số 3 Lê Lợi',
      'Loại nhà': houseKind,
      'Diện tích sử dụng (m²)': 120,
      'Giá trị (đồng)': '3.500.000.000',
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  await officer.getByRole('button', { name: 'Nhập bản kê khai giấy' }).click();
  const entry = officer.getByRole('dialog');
  const upload = (buffer: Buffer) =>
    entry.locator('input[type=file]').setInputFiles({
      name: 'ban-ke-khai-giay.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
  await upload(await paper('Biệt thự'));
  const problem = entry.getByRole('table', { name: 'Lỗi trong tệp' }).getByRole('row', { name: /Loại nhà/ });
  await expect(problem).toContainText('II.2.1 Nhà ở');
  await expect(problem).toContainText('Không thuộc các lựa chọn');
  await upload(await paper('Nhà ở riêng lẻ'));
  await expect(entry.getByText('Tệp hợp lệ: 1 bản kê khai sẵn sàng để ghi.')).toBeVisible();
  await entry.getByRole('button', { name: 'Ghi 1 bản kê khai' }).click();
  await expect(officer.getByText(/Đã ghi 1 bản kê khai giấy/)).toBeVisible();
  await expect(
    officer.getByRole('row', { name: /Trịnh Văn Phòng/ }).filter({ hasText: 'Bản giấy' }),
  ).toHaveCount(1);

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

test('the inspectorate reads the risk list and a person’s history, runs the 2027 lottery with two witnesses, re-checks the published record and decides the first verification', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'kiemsoat', false);
  await page.goto('/app/declarations?tab=risk&year=2026');
  // The top declaration names its reasons with the numbers behind them.
  const top = page.getByRole('row').nth(1);
  await expect(top).toContainText('Phan Văn Ngân');
  await expect(top).toContainText(/gấp \d+ lần thu nhập/);
  await checkPage(page, 'declaration-risk');
  await top.getByRole('link', { name: 'Phan Văn Ngân' }).click();
  await expect(page.getByRole('heading', { name: /Lịch sử kê khai — Phan Văn Ngân/ })).toBeVisible();
  await expect(page.locator('figure canvas')).toBeVisible();
  await checkPage(page, 'declarant-history');

  await page.goto('/app/declarations?tab=lottery');
  await page.getByRole('button', { name: 'Lập kế hoạch xác minh' }).click();
  const plan = page.getByRole('dialog');
  // The unit is the inspectorate's own scope, filled in.
  await expect(plan.getByText('Tỉnh Sơn Hà')).toBeVisible();
  await plan.getByLabel('Năm của kế hoạch').fill('2027');
  await plan.getByRole('button', { name: /OK|Lưu/ }).click();
  await expect(page.getByRole('heading', { name: /Kế hoạch xác minh năm 2027/ })).toBeVisible();
  // Someone abroad is left out with the reason, before the inputs are frozen.
  await page
    .getByRole('row', { name: /Hồ Thị Sách/ })
    .getByRole('button', { name: 'Loại khỏi danh sách' })
    .click();
  const ex = page.getByRole('dialog', { name: /Loại Hồ Thị Sách/ });
  await ex.getByLabel('Lý do').click();
  await pickOption(page, 'nước ngoài');
  await ex.getByRole('button', { name: /OK|Lưu/ }).click();
  await expect(page.getByRole('row', { name: /Hồ Thị Sách/ })).toContainText('nước ngoài');
  await page.getByRole('button', { name: 'Chốt dữ liệu bốc thăm' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Chốt dữ liệu bốc thăm' }).click();
  await expect(page.getByText('Mã cam kết (SHA-256)')).toBeVisible();
  await checkPage(page, 'verification-plan');

  await page.getByRole('button', { name: 'Bốc thăm' }).click();
  const draw = page.getByRole('dialog', { name: 'Bốc thăm' });
  const witnesses = draw.locator('fieldset');
  await witnesses.nth(0).getByLabel('Họ và tên').fill('Trần Văn Ủy');
  await witnesses.nth(0).getByLabel('Số đã đọc').fill('271');
  await witnesses.nth(1).getByLabel('Họ và tên').fill('Lê Thị Mặt');
  await witnesses.nth(1).getByLabel('Số đã đọc').fill('8');
  await draw.getByLabel('Số biên bản').fill('01/BB-TTr');
  await draw.getByRole('button', { name: 'Bốc thăm' }).click();
  await expect(page.getByText(/Đã chọn \d+ người/)).toBeVisible();

  // The published record recomputes to the same result, as anyone present could check it.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải biên bản bốc thăm (JSON)' }).click();
  const file = await (await download).path();
  const record = JSON.parse(readFileSync(file!, 'utf8'));
  expect(verifyRecord(record).ok).toBe(true);
  expect(record.witnessValues).toEqual(['271', '8']);

  await page.goto('/app/declarations?tab=verifications');
  const first = page.getByRole('row', { name: /Bốc thăm ngẫu nhiên/ }).first();
  await first.getByRole('button', { name: 'Quyết định xác minh' }).click();
  const decide = page.getByRole('dialog', { name: 'Quyết định xác minh' });
  await decide.getByLabel('Số quyết định').fill('12/QĐ-TTr');
  await decide.getByRole('combobox', { name: 'Tổ xác minh' }).fill('soat');
  await pickOption(page, 'Lưu Văn Soát');
  await decide.getByRole('combobox', { name: 'Tổ xác minh' }).fill('dinh');
  await pickOption(page, 'Hoàng Văn Định');
  await decide.getByRole('combobox', { name: 'Tổ trưởng' }).fill('soat');
  await pickOption(page, 'Lưu Văn Soát');
  await decide.getByRole('button', { name: /OK|Lưu/ }).click();
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
  await expect(page.getByText('Đang xác minh', { exact: true }).first()).toBeVisible();
  // The team asks a bank for the person's statements; the request is due in five working days.
  await page.getByRole('button', { name: 'Yêu cầu thông tin, giải trình' }).first().click();
  const ask = page.getByRole('dialog', { name: 'Yêu cầu thông tin, giải trình' });
  await ask.getByLabel('Gửi đến').fill('Ngân hàng TMCP Sơn Hà');
  await ask.getByLabel('Nội dung yêu cầu').fill('Sao kê tài khoản tiền gửi năm 2025–2026');
  await ask.getByRole('button', { name: /OK|Lưu/ }).click();
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
  await page
    .getByRole('row', { name: /Đang xác minh/ })
    .first()
    .locator('.ant-table-row-expand-icon')
    .click();
  await expect(page.getByText('Ngân hàng TMCP Sơn Hà')).toBeVisible();
  // The verification's record: its decision and team as decided.
  await expect(page.getByText(/12\/QĐ-TTr/)).toBeVisible();
  await expect(page.getByText(/Lưu Văn Soát \(Tổ trưởng\)/)).toBeVisible();
  await checkPage(page, 'verifications');
});
