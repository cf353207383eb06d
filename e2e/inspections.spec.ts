import { expect, type Page } from '@playwright/test';
import { checkPage, pickOption, signIn, test } from './helpers.ts';

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
  // An inspection added to the approved plan, with the reason for changing it (issue-19 review: adding
  // from a plan's page lost the plan's inspectorate).
  await page.getByRole('button', { name: 'Thêm cuộc thanh tra' }).click();
  const add = page.getByRole('dialog', { name: 'Thêm cuộc thanh tra' });
  await add.getByLabel('Nội dung thanh tra').fill('Thanh tra việc quản lý quỹ bảo trì đường bộ');
  await add
    .getByLabel('Hoặc đối tượng ngoài danh mục (doanh nghiệp, dự án)')
    .fill('Quỹ bảo trì đường bộ tỉnh');
  await add.getByLabel('Lý do điều chỉnh kế hoạch').fill('Theo chỉ đạo của Chủ tịch UBND tỉnh');
  await add.getByRole('button', { name: 'Lưu' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByText('Thanh tra việc quản lý quỹ bảo trì đường bộ').first()).toBeVisible();

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
  await unit.getByRole('menuitem', { name: 'Theo dõi kiến nghị' }).click();
  await unit.getByRole('cell', { name: /Ban hành lại quy chế chi tiêu nội bộ/ }).click();
  await unit.getByRole('button', { name: 'Cập nhật' }).click();
  const update = unit.getByRole('dialog');
  await update.getByLabel('Trạng thái').click();
  // A click that lands while the list is still opening can be lost (pickOption retries it).
  await pickOption(unit, 'Báo cáo đã xong');
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

test('the inspectorate records the police’s late answer to a referral, a payment the ledger adds up, and reads the year’s overview', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'chanhtt', false);
  // Home prompts for the referral nobody answered in time.
  await expect(page.getByText('Chờ cơ quan điều tra trả lời kiến nghị khởi tố').first()).toBeVisible();
  await page.getByRole('menuitem', { name: 'Vụ việc tham nhũng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vụ việc tham nhũng' })).toBeVisible();
  await checkPage(page, 'cases');
  await page.getByRole('cell', { name: /Cấp giấy phép xây dựng sai quy định/ }).click();
  await expect(page.getByText(/Quá hạn chưa trả lời/)).toBeVisible();
  await page.getByRole('button', { name: 'Ghi nhận' }).click();
  const answer = page.getByRole('dialog');
  await answer.getByLabel('Nội dung ghi nhận').click();
  await pickOption(page, 'Quyết định giải quyết');
  await answer.getByLabel('Ngày', { exact: true }).click();
  await answer.getByLabel('Ngày', { exact: true }).fill('20/11/2026');
  await answer.getByLabel('Ngày', { exact: true }).press('Enter');
  await answer.getByLabel('Quyết định', { exact: true }).click();
  await pickOption(page, 'Khởi tố vụ án');
  await answer.getByLabel('Số văn bản').fill('41/QĐ-CSĐT');
  await answer.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('#main').getByText('Khởi tố vụ án').first()).toBeVisible();
  await expect(page.getByText(/Quá hạn chưa trả lời/)).toBeHidden();
  await checkPage(page, 'case');

  // The conference money: more than is left is refused with what is left; the rest closes the item.
  await page.goto('/app/cases?source=inspection');
  await page.getByRole('cell', { name: /Chi sai định mức hội nghị/ }).click();
  await page.getByRole('button', { name: 'Ghi số đã thu' }).click();
  const pay = page.getByRole('dialog');
  await pay.getByLabel('Số tiền (đồng)').fill('1000000000');
  await pay.getByLabel('Ngày nộp').click();
  await pay.getByLabel('Ngày nộp').fill('25/11/2026');
  await pay.getByLabel('Ngày nộp').press('Enter');
  await pay.getByRole('button', { name: 'Lưu' }).click();
  await expect(pay.getByText('Vượt số quyết định thu hồi (còn phải thu 750.000.000 đồng).')).toBeVisible();
  await pay.getByLabel('Số tiền (đồng)').fill('750000000');
  await pay.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  const ledger = page.getByRole('table', { name: 'Thu hồi tiền, tài sản' });
  await expect(ledger.getByRole('cell', { name: /1\.200\.000\.000/ }).nth(2)).toBeVisible();
  await expect(ledger.getByRole('button', { name: 'Ghi số đã thu' })).toHaveCount(0);

  // The year at a glance: charts, and the figures behind them.
  await page.getByRole('menuitem', { name: 'Tổng hợp phát hiện, xử lý' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tổng hợp phát hiện, xử lý tham nhũng' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Vụ việc theo nguồn phát hiện' })).toBeVisible();
  await expect(page.locator('canvas').first()).toBeVisible();
  await checkPage(page, 'detection');
});

test('the inspectorate records a state audit’s recommendation to follow up, and a follow-up inspection lists what it re-checks', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'thanhtra', false);
  await page.goto('/app/recommendations?view=issued');
  await page.getByRole('button', { name: 'Ghi kiến nghị từ nguồn khác' }).click();
  const issue = page.getByRole('dialog');
  await expect(issue.getByLabel('Nguồn')).toBeVisible();
  // Required fields are refused before anything is sent.
  await issue.getByRole('button', { name: 'Lưu' }).click();
  await expect(issue.getByText('Trường này là bắt buộc.').first()).toBeVisible();
  await issue.getByRole('combobox', { name: 'Cơ quan theo dõi thực hiện' }).fill('thanh tra tinh');
  await pickOption(page, 'Thanh tra tỉnh');
  await issue.getByLabel('Văn bản (số, ngày, cơ quan ban hành)').fill('Báo cáo kiểm toán số 77/BC-KTNN');
  await issue.getByLabel('Ngày kiến nghị').click();
  await issue.getByLabel('Ngày kiến nghị').fill('20/11/2026');
  await issue.getByLabel('Ngày kiến nghị').press('Enter');
  await issue.getByLabel('Loại').click();
  await pickOption(page, 'Hoàn thiện cơ chế, chính sách');
  await issue.getByLabel('Hạn thực hiện').click();
  await issue.getByLabel('Hạn thực hiện').fill('31/03/2027');
  await issue.getByLabel('Hạn thực hiện').press('Enter');
  await issue.getByLabel('Nội dung kiến nghị').fill('Xây dựng quy trình kiểm soát chi thường xuyên.');
  await issue.getByRole('combobox', { name: 'Đơn vị trong hệ thống' }).fill('so tai chinh');
  await pickOption(page, 'Sở Tài chính');
  await issue.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  const row = page.getByRole('row', { name: /Xây dựng quy trình kiểm soát chi thường xuyên/ });
  await expect(row).toContainText('Kiểm toán nhà nước');
  await expect(row).toContainText('77/BC-KTNN');
  await checkPage(page, 'recommendations-issued');

  // Next year's follow-up of conclusion 120/KL-TTr lists that conclusion's recommendations.
  await page.goto('/app/inspections');
  await page.getByRole('cell', { name: /Thanh tra việc thực hiện kết luận thanh tra số 120/ }).click();
  await expect(page.getByText(/Theo dõi việc thực hiện kết luận: Thanh tra việc quản lý/)).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Kiến nghị của cuộc thanh tra trước cần kiểm tra lại' }),
  ).toContainText('Thu hồi 1,2 tỷ đồng');
  await checkPage(page, 'inspection-follow-up');
});

test('the head extends an inspection on site, the team hands in its draft, the conclusion names who is responsible, and a case opened from it carries the recovery', async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const date = async (scope: ReturnType<Page['getByRole']>, label: string, value: string) => {
    const input = scope.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };
  // The inspection on site at Sở Xây dựng (thanhtra leads its team; chanhtt is not on it).
  await signIn(page, 'chanhtt', false);
  await page.goto('/app/inspections');
  await page.getByRole('cell', { name: /Thanh tra trách nhiệm thực hiện pháp luật/ }).click();
  await page.getByRole('button', { name: 'Gia hạn thanh tra trực tiếp' }).click();
  const extend = page.getByRole('dialog', { name: 'Gia hạn thanh tra trực tiếp' });
  await extend.getByLabel('Số quyết định gia hạn').fill('170/QĐ-TTr');
  await date(extend, 'Ngày quyết định', '01/12/2026');
  await extend.getByLabel('Lý do gia hạn').fill('Nội dung phức tạp, cần xác minh thêm hồ sơ cấp phép.');
  await extend.getByRole('button', { name: 'Lưu' }).click();
  await expect(extend).toBeHidden();
  await expect(page.getByText(/170\/QĐ-TTr, 01\/12\/2026 — Nội dung phức tạp/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gia hạn thanh tra trực tiếp' })).toHaveCount(0);
  for (const [step, on] of [
    ['Nhận báo cáo kết quả thanh tra', '02/12/2026'],
    ['Giao dự thảo kết luận', '02/12/2026'],
  ] as const) {
    await page.getByRole('button', { name: 'Ghi nhận bước' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận bước' });
    await expect(dialog.getByText(step)).toBeVisible();
    await date(dialog, 'Ngày', on);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog).toBeHidden();
  }
  // The team lead hands the draft in; then the head, outside the team, issues the conclusion.
  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, 'thanhtra', false);
  await lead.goto(page.url());
  await lead.getByRole('button', { name: 'Ghi nhận bước' }).click();
  const handIn = lead.getByRole('dialog', { name: 'Ghi nhận bước' });
  await expect(handIn.getByText('Đoàn nộp dự thảo kết luận')).toBeVisible();
  await date(handIn, 'Ngày', '03/12/2026');
  await handIn.getByRole('button', { name: 'Lưu' }).click();
  await expect(handIn).toBeHidden();
  await expect(lead.getByRole('button', { name: 'Ban hành kết luận' })).toHaveCount(0);
  await lead.context().close();

  await page.reload();
  await page.getByRole('button', { name: 'Ban hành kết luận' }).click();
  const conclude = page.getByRole('dialog', { name: 'Ban hành kết luận' });
  await conclude.getByLabel('Số kết luận').fill('180/KL-TTr');
  await date(conclude, 'Ngày kết luận', '03/12/2026');
  await conclude
    .getByLabel('Nội dung kết luận')
    .fill('Cấp phép sai quy định; thu lệ phí vượt 300 triệu đồng.');
  await conclude.getByLabel('Số tiền sai phạm (đồng)').fill('300000000');
  await conclude.getByLabel('Số tiền kiến nghị thu hồi (đồng)').fill('200000000');
  await conclude.getByRole('button', { name: 'Thêm người' }).click();
  await conclude.getByLabel('Họ và tên').fill('Đinh Văn Phép');
  await conclude.getByLabel('Chức vụ').fill('Trưởng phòng Quản lý xây dựng');
  await conclude.getByLabel('Loại').click();
  await pickOption(page, 'Thu hồi tiền, tài sản');
  await date(conclude, 'Hạn thực hiện', '31/12/2026');
  await conclude.getByLabel('Số tiền (đồng)').fill('200000000');
  await conclude.getByLabel('Nội dung kiến nghị').fill('Thu hồi 200 triệu đồng lệ phí thu vượt.');
  await conclude.getByLabel('Hoặc cơ quan, tổ chức bên ngoài').fill('Công ty TNHH Xây dựng Bắc Hà');
  // A second one sends the matter to the investigators; the case's referral will start from it.
  await conclude.getByRole('button', { name: 'Thêm kiến nghị' }).click();
  const toInvestigators = conclude.locator('.ant-card').filter({ hasText: 'Kiến nghị 2' });
  await toInvestigators.getByLabel('Loại').click();
  await pickOption(page, 'Chuyển cơ quan điều tra');
  await date(toInvestigators, 'Hạn thực hiện', '31/12/2026');
  await toInvestigators.getByLabel('Nội dung kiến nghị').fill('Chuyển hồ sơ vụ việc sang cơ quan điều tra.');
  await toInvestigators
    .getByLabel('Hoặc cơ quan, tổ chức bên ngoài')
    .fill('Cơ quan CSĐT Công an tỉnh Sơn Hà');
  await toInvestigators.getByLabel('Liên hệ').fill('Phòng PC03, 0203 3812 345');
  await conclude.getByRole('button', { name: 'Lưu' }).click();
  await expect(conclude).toBeHidden();
  await expect(page.getByText('Kết luận 180/KL-TTr, 03/12/2026')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Đinh Văn Phép' })).toBeVisible();
  await checkPage(page, 'inspection-concluded');

  // A case from the conclusion starts with its facts and takes the recovery into its ledger, once.
  await page.getByRole('button', { name: 'Mở vụ việc từ kết luận' }).click();
  const open = page.getByRole('dialog', { name: 'Mở vụ việc' });
  await expect(open.getByLabel('Tên vụ việc')).toHaveValue(/Thanh tra trách nhiệm thực hiện pháp luật/);
  await expect(open.getByRole('checkbox', { name: /Thu hồi 200 triệu đồng/ })).toBeChecked();
  await open.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^VV-2026-\d{5}/ })).toBeVisible();
  await expect(page.getByText('Đinh Văn Phép')).toBeVisible();
  const ledger = page.getByRole('table', { name: 'Thu hồi tiền, tài sản' });
  await expect(ledger.getByText('theo kiến nghị của kết luận')).toBeVisible();
  await expect(ledger.getByRole('cell', { name: /200\.000\.000/ }).first()).toBeVisible();
  // The referral starts with the body and contact the conclusion named.
  await page.getByRole('button', { name: 'Chuyển cơ quan điều tra' }).click();
  const refer = page.getByRole('dialog', { name: 'Chuyển cơ quan điều tra' });
  await expect(refer.getByLabel('Tên cơ quan', { exact: true })).toHaveValue(
    'Cơ quan CSĐT Công an tỉnh Sơn Hà',
  );
  await expect(refer.getByLabel('Liên hệ (không có tài khoản Liêm)')).toHaveValue(
    'Phòng PC03, 0203 3812 345',
  );
});
