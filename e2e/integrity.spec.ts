import { expect, type Page } from '@playwright/test';
import { checkPage, pickOption, signIn, test } from './helpers.ts';

/** A day in the past, as the date fields take it (dd/mm/yyyy, Vietnam's calendar day). */
function daysAgo(n: number) {
  const d = new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
async function fillDate(page: Page, label: string, value: string) {
  const field = page.getByRole('dialog').getByLabel(label);
  await field.click();
  await field.fill(value);
  await field.press('Enter');
}

test('an official reports a gift; the head records a colleague’s hand-over, pays it in and tells the giver’s body; the inspectorate reads the register', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  // The official: the report of Decree 59 Art. 26, then the hand-over — and nothing more.
  await signIn(page, 'kekhai', false);
  await page.getByRole('menuitem', { name: 'Quà tặng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sổ theo dõi quà tặng' })).toBeVisible();
  await page.getByRole('button', { name: 'Báo cáo quà tặng' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Trường này là bắt buộc.').first()).toBeVisible();
  await fillDate(page, 'Ngày nhận', daysAgo(1));
  await dialog.getByLabel('Mô tả quà tặng').fill('Hộp rượu vang kèm thiệp');
  await dialog.getByLabel('Địa điểm nhận').fill('Nhà riêng');
  await dialog.getByLabel('Hoàn cảnh nhận quà').fill('Gửi qua đường bưu điện, không rõ trước');
  await dialog.getByLabel('Họ tên người tặng').fill('Lê Văn Tặng');
  await dialog.getByLabel('Cơ quan, tổ chức, doanh nghiệp của người tặng').fill('Công ty CP Tư vấn Thử');
  await dialog.getByLabel('Mối quan hệ với người tặng').fill('Đơn vị tư vấn đang có hồ sơ thẩm định');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /QT-\d{4}-\d{5}/ })).toBeVisible();
  await expect(page.getByText('Đây là quà của bạn')).toBeVisible();
  // The unit records the receipt, never the official: no step is offered on one's own gift.
  await expect(page.getByRole('button', { name: 'Nộp lại quà' })).toHaveCount(0);
  await expect(page.locator('#main').getByText('Đã báo cáo').first()).toBeVisible();
  await checkPage(page, 'gift-official');

  // The head of Sở Tài chính handles the cash a colleague reported: hand-over, payment, notice.
  const head = await (await browser.newContext()).newPage();
  await signIn(head, 'thutruong', false);
  await expect(head.getByText(/QT-\d{4}-\d{5} · Phạm Thị Mối · Phong bì tiền mặt/)).toBeVisible();
  await head.getByRole('menuitem', { name: 'Quà tặng' }).click();
  await head.getByRole('cell', { name: /Phong bì tiền mặt/ }).click();
  await head.getByRole('button', { name: 'Nộp lại quà' }).click();
  await head.getByRole('dialog').getByLabel('Người, bộ phận tiếp nhận quà').fill('Kế toán Sở');
  await head.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(head.getByRole('dialog')).toBeHidden({ timeout: 15_000 });
  await head.getByRole('button', { name: 'Xử lý theo loại quà' }).click();
  await expect(head.getByText('Tiền, giấy tờ có giá: nộp vào ngân sách nhà nước.')).toBeVisible();
  await head.getByRole('dialog').getByLabel('Số tiền nộp ngân sách (đồng)').fill('2000000');
  await head.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(head.getByRole('dialog')).toBeHidden({ timeout: 15_000 });
  await head.getByRole('button', { name: 'Thông báo cơ quan người tặng' }).click();
  await head
    .getByRole('dialog')
    .getByLabel('Cơ quan quản lý người tặng quà (hoặc cấp trên của cơ quan tặng)')
    .fill('Hội đồng thành viên Công ty TNHH Thương mại Phát Đạt');
  await head.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(head.locator('#main').getByText('Hoàn tất').first()).toBeVisible();
  await checkPage(head, 'gift-handled');

  // A conflict of interest: the head decides a temporary transfer with its decision number.
  await head.getByRole('menuitem', { name: 'Xung đột lợi ích' }).click();
  await head.getByRole('button', { name: 'Báo cáo xung đột lợi ích' }).click();
  const c = head.getByRole('dialog');
  await c.getByLabel('Người báo cáo').click();
  await pickOption(head, 'Thủ trưởng phát hiện');
  await c.getByLabel('Người có xung đột lợi ích').click();
  await c.getByLabel('Người có xung đột lợi ích').fill('Mối');
  await pickOption(head, 'Phạm Thị Mối');
  await c.getByLabel('Trường hợp xung đột lợi ích').click();
  await pickOption(head, 'Góp vốn vào doanh nghiệp');
  await c.getByLabel('Nhiệm vụ, công việc liên quan').fill('Thẩm định phương án giá dịch vụ');
  await c.getByLabel('Nội dung xung đột lợi ích').fill('Có cổ phần tại doanh nghiệp đề nghị thẩm định giá');
  await fillDate(head, 'Thời điểm phát sinh, phát hiện', daysAgo(0));
  await c
    .getByLabel('Mức độ ảnh hưởng (có thể) đến việc thực hiện nhiệm vụ')
    .fill('Ảnh hưởng tính khách quan');
  await c.getByRole('button', { name: 'Lưu' }).click();
  await expect(head.getByRole('heading', { level: 1, name: /XDLI-\d{4}-\d{5}/ })).toBeVisible();
  await head.getByRole('button', { name: 'Quyết định biện pháp' }).click();
  await head.getByRole('dialog').getByLabel('Biện pháp').click();
  await pickOption(head, 'Tạm thời chuyển vị trí công tác');
  await head.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(head.getByRole('dialog').getByText('Trường này là bắt buộc.')).toBeVisible();
  await head.getByRole('dialog').getByLabel('Số quyết định').fill('91/QĐ-STC');
  await head.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(head.getByText('Đã quyết định, chờ thông báo')).toBeVisible();
  await expect(head.getByText('Biện pháp tạm thời hết hạn')).toBeVisible();
  await checkPage(head, 'conflict');

  // The inspectorate reads the province's registers, with the year's summary, and handles nothing.
  const insp = await (await browser.newContext()).newPage();
  await signIn(insp, 'chanhtt', false);
  await insp.getByRole('menuitem', { name: 'Quà tặng' }).click();
  await expect(insp.getByRole('cell', { name: /Hộp rượu vang/ })).toBeVisible();
  await expect(insp.getByText(/Tổng hợp năm \d{4}/)).toBeVisible();
  await checkPage(insp, 'gifts-inspectorate');
  await insp.getByRole('cell', { name: /Hộp rượu vang/ }).click();
  await expect(insp.getByRole('heading', { level: 1, name: /QT-/ })).toBeVisible();
  await expect(insp.getByRole('button', { name: 'Xử lý theo loại quà' })).toHaveCount(0);
});

test('the head issues the 2027 rotation plan of who is due, beside who is deferred and why; the inspectorate reads it', async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'thutruong', false);
  await page.getByRole('menuitem', { name: 'Chuyển đổi vị trí công tác' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chuyển đổi vị trí công tác' })).toBeVisible();
  const year = page.getByRole('tabpanel').getByLabel('Năm', { exact: true });
  await year.fill('2027');
  await year.press('Enter');
  const hoa = page.getByRole('row', { name: /Lê Thị Hoa/ });
  await expect(hoa.getByText('Tạm hoãn chuyển đổi')).toBeVisible();
  await expect(hoa.getByText('Đang mang thai hoặc nuôi con dưới 36 tháng tuổi')).toBeVisible();
  await expect(
    page.getByRole('row', { name: /Nguyễn Văn Thành/ }).getByText(/Dưới 18 tháng đến tuổi nghỉ hưu/),
  ).toBeVisible();
  await checkPage(page, 'rotation-due');
  await page.getByRole('tab', { name: 'Kế hoạch hằng năm' }).click();
  await page.getByRole('row', { name: /2027.*Sở Tài chính.*Dự thảo/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /năm 2027/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Trần Văn Bình/ })).toBeVisible();
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog').getByText('Trường này là bắt buộc.')).toBeVisible();
  await page.getByRole('dialog').getByLabel('Số quyết định').fill('140/QĐ-STC');
  await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toBeHidden({ timeout: 15_000 });
  await expect(page.locator('#main').getByText('Đã ban hành').first()).toBeVisible();
  await checkPage(page, 'rotation-plan');

  const insp = await (await browser.newContext()).newPage();
  await signIn(insp, 'chanhtt', false);
  await insp.getByRole('menuitem', { name: 'Chuyển đổi vị trí công tác' }).click();
  await insp.getByRole('tab', { name: 'Kế hoạch hằng năm' }).click();
  await expect(insp.getByRole('row', { name: /2027.*Sở Tài chính.*Đã ban hành/ })).toBeVisible();
  await expect(insp.getByRole('button', { name: 'Lập kế hoạch năm' })).toHaveCount(0);
});

test('a department records an official who left, refused field by field first; the inspectorate finds the one working for a known enterprise within the period', async ({
  browser,
  page,
}) => {
  await signIn(page, 'daumoi', false);
  await page.getByRole('menuitem', { name: 'Thôi chức vụ, nghỉ việc' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Người thôi giữ chức vụ/ })).toBeVisible();
  await page.getByRole('button', { name: 'Ghi nhận người thôi chức vụ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ghi nhận người thôi chức vụ' });
  await dialog.getByLabel('Họ và tên').fill('Hà Văn Thuế');
  await dialog.getByLabel('Chức vụ, vị trí đã giữ').fill('Phó Trưởng phòng Quản lý giá');
  await dialog.getByLabel('Lĩnh vực đã quản lý').fill('Quản lý giá');
  await dialog.getByRole('combobox', { name: 'Nhóm thời hạn' }).click();
  await pickOption(page, 'Nhóm 2 — giáo dục, khoa học, văn hóa, y tế… (6–12 tháng)');
  await expect(dialog.getByText('Từ 6 đến 12 tháng')).toBeVisible();
  await dialog.getByLabel('Nơi làm việc mới').fill('Công ty Thẩm định');
  await dialog.getByLabel('Mã số thuế').fill('12345');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText(/Mã số thuế gồm 10 chữ số/)).toBeVisible();
  await dialog.getByLabel('Mã số thuế').fill('0312345678');
  await checkPage(page, 'departure-form');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Hà Văn Thuế/ })).toContainText('còn trong thời hạn');
  await checkPage(page, 'departures');

  // The inspectorate reads every unit's, and the one whose new employer is an enterprise it knows.
  const insp = await (await browser.newContext()).newPage();
  await signIn(insp, 'chanhtt', false);
  await insp.getByRole('menuitem', { name: 'Thôi chức vụ, nghỉ việc' }).click();
  await expect(insp.getByText(/1 cần xem xét/)).toBeVisible();
  await insp.getByRole('combobox', { name: 'Tình trạng' }).click();
  await pickOption(insp, 'cần xem xét (làm cho doanh nghiệp đã biết)');
  const flagged = insp.getByRole('row', { name: /Trịnh Văn Khoản/ });
  await expect(flagged.getByText('doanh nghiệp có trong hệ thống')).toBeVisible();
  await expect(insp.getByRole('row', { name: /Hà Văn Thuế/ })).toHaveCount(0);
  await flagged.click();
  await expect(insp.getByRole('dialog').getByRole('alert')).toContainText(
    'một doanh nghiệp có trong hệ thống',
  );
  await expect(insp.getByRole('dialog').getByRole('button', { name: 'Sửa' })).toHaveCount(0);
  await checkPage(insp, 'departure-flagged');
});

test('the inspectorate opens one department’s risk heat map, the regulation reviews and outreach coverage; the province’s self-assessment takes suggestions from the registers', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'chanhtt', false);
  await page.goto('/app/risks');
  const unit = page.getByRole('combobox', { name: 'Lọc theo đơn vị (gõ tên hoặc mã)' });
  await unit.click();
  await unit.fill('so tai chinh');
  await pickOption(page, 'Sở Tài chính (SH.STC)');
  await expect(page).toHaveURL(/unitId=/);
  await expect(page.getByRole('cell', { name: /Thẩm định giá mua sắm tài sản công/ })).toBeVisible();
  await expect(page.getByText('Tổng 6 dòng')).toBeVisible();
  await checkPage(page, 'risks-one-department');

  // The province's regulation reviews, each read in its own dialog.
  await page.goto('/app/regulations');
  await page.getByRole('cell', { name: 'Quy chế chi tiêu nội bộ của Sở Tài chính' }).click();
  await expect(page.getByRole('dialog')).toContainText('Quy chế chi tiêu nội bộ của Sở Tài chính');
  // The inspectorate reads it; it does not correct it.
  await expect(page.getByRole('button', { name: 'Sửa kết quả rà soát' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The department corrects its own review: the dialog opens filled in, the change is kept (rev29).
  const head = await browser.newPage();
  await signIn(head, 'thutruong', false);
  await head.goto('/app/regulations');
  await head.getByRole('cell', { name: 'Quy chế chi tiêu nội bộ của Sở Tài chính' }).click();
  await head.getByRole('button', { name: 'Sửa kết quả rà soát' }).click();
  const correcting = head.getByRole('dialog', { name: 'Sửa kết quả rà soát' });
  await expect(correcting.getByLabel('Số, ký hiệu')).toHaveValue('12/QC-STC');
  await correcting.getByLabel('Cơ quan ban hành').fill('Giám đốc Sở Tài chính');
  await correcting.getByRole('button', { name: 'Lưu' }).click();
  await expect(correcting).toBeHidden();
  await head.getByRole('cell', { name: 'Quy chế chi tiêu nội bộ của Sở Tài chính' }).click();
  await expect(head.getByRole('dialog')).toContainText('Giám đốc Sở Tài chính');
  await head.close();

  // Outreach coverage: the share is the different people trained over the staff the department stated.
  await page.goto('/app/outreach');
  const coverage = page.getByRole('table', { name: 'Độ bao phủ năm 2026: tỷ lệ cán bộ được tập huấn' });
  await expect(coverage.getByRole('row', { name: /^Sở Tài chính 72 61 85%/ })).toBeVisible();
  await expect(coverage.getByRole('row', { name: /^Sở Xây dựng 85 40 47%/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Theo đối tượng năm 2026' })).toContainText(
    'Học sinh, sinh viên',
  );
  await checkPage(page, 'outreach-coverage');

  // The province's self-assessment: A.2.3 is suggested from the three departments' stated figures.
  const coordinator = await browser.newPage();
  await signIn(coordinator, 'dieuphoi', true);
  await coordinator.goto('/app/assessments');
  await coordinator.getByRole('cell', { name: 'Tự đánh giá Bộ chỉ số PCTNTC cấp tỉnh năm 2026' }).click();
  await coordinator.getByRole('link', { name: 'Tỉnh Sơn Hà' }).click();
  const outreach = coordinator.locator('[id="c-A.2.3"]');
  await expect(outreach).toContainText('Gợi ý từ dữ liệu');
  await expect(outreach).toContainText('131/187');
  await coordinator.close();
});
