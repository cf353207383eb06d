import { expect } from '@playwright/test';
import { checkPage, pickOption, signIn, test } from './helpers.ts';

const TITLE = 'Đánh giá thử nghiệm PCTNTC Sở Tài chính';
const pdf = { name: 'kiem-chung.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };

test('a unit-index campaign end to end: the coordinator opens it, the department self-assesses with evidence, a reviewer adjusts and finalises, the result is published on the portal', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // 1. The coordinator creates and opens the campaign.
  await signIn(page, 'dieuphoi', true);
  await page.getByRole('menuitem', { name: 'Bộ tiêu chí đánh giá' }).click();
  await expect(page.getByRole('cell', { name: 'Kiểm soát nội bộ và kiểm toán' })).toBeVisible();
  await checkPage(page, 'frameworks');
  await page.getByRole('menuitem', { name: 'Đánh giá, chấm điểm PCTN' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Đánh giá, chấm điểm công tác PCTNTC' }),
  ).toBeVisible();
  await checkPage(page, 'assessments');
  await page.getByRole('button', { name: 'Tạo đợt đánh giá' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('Bộ tiêu chí').click();
  await pickOption(page, 'sở, ban, ngành và UBND cấp xã');
  await create.getByLabel('Tên').fill(TITLE);
  await create.getByRole('combobox', { name: 'Đánh giá các đơn vị thuộc' }).click();
  await create.getByRole('combobox', { name: 'Đánh giá các đơn vị thuộc' }).fill('so tai chinh');
  await pickOption(page, 'Sở Tài chính (SH.STC)');
  await create.getByRole('combobox', { name: 'Người thẩm định' }).fill('dinh');
  await pickOption(page, 'Hoàng Văn Định');
  await create.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await page.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
  await expect(page.getByText('Đang đánh giá').first()).toBeVisible();

  // 2. The department's focal officer answers every criterion, with evidence where asked.
  const deptCtx = await browser.newContext();
  const dept = await deptCtx.newPage();
  await signIn(dept, 'daumoi', false);
  await dept.goto('/app/assessments?tab=mine');
  await dept.getByRole('link', { name: TITLE }).click();
  await expect(dept.getByRole('heading', { level: 1 })).toContainText('Sở Tài chính');
  await dept.getByRole('button', { name: 'Nộp bản tự đánh giá' }).click();
  await expect(dept.getByRole('alert').first()).toContainText('A.1');
  const scores: Record<string, number> = {
    'A.1': 8,
    'A.2': 15,
    'B.1': 9,
    'B.2.1': 3,
    'B.2.2': 3,
    'B.2.3': 2,
    'B.3': 10,
    'C.1': 7,
    'C.2': 16,
    'D.1': 6,
    'E.1': 0,
  };
  for (const [code, score] of Object.entries(scores)) {
    const row = dept.locator(`[id="c-${code}"]`);
    await row.getByLabel(`Điểm tự chấm ${code}`).fill(String(score));
    await row.getByLabel(`Giải trình ${code}`).fill(`Kết quả thực hiện tiêu chí ${code}`);
    if (await row.getByText('Cần tài liệu kiểm chứng').isVisible()) {
      await row.locator('input[type=file]').setInputFiles(pdf);
      await expect(row.getByText('Tệp kiểm chứng: 1')).toBeVisible();
    }
    await row.getByRole('button', { name: 'Lưu' }).click();
    await expect(dept.getByText('Đã lưu').first()).toBeVisible();
  }
  await checkPage(dept, 'self-assessment');
  await dept.getByRole('button', { name: 'Nộp bản tự đánh giá' }).click();
  await expect(dept.getByText('Đã nộp').first()).toBeVisible();
  await deptCtx.close();

  // 3. The reviewer lowers one criterion with a reason and finalises.
  const revCtx = await browser.newContext();
  const rev = await revCtx.newPage();
  await signIn(rev, 'thamdinh', false);
  await rev.goto('/app/assessments');
  await rev.getByRole('cell', { name: TITLE }).click();
  await rev.getByRole('link', { name: 'Sở Tài chính' }).click();
  // Every criterion starts from the unit's own score; one save sends them all, and finishing waits for it.
  const finish = rev.getByRole('button', { name: 'Hoàn tất thẩm định' });
  const saveAll = rev.getByRole('button', { name: 'Lưu điểm thẩm định' }).last();
  await expect(finish).toBeDisabled();
  const c2 = rev.locator('[id="c-C.2"]');
  await c2.getByLabel('Điểm thẩm định C.2').fill('12');
  await expect(rev.getByText('1 thay đổi chưa lưu').first()).toBeVisible();
  await saveAll.click();
  await expect(c2.getByRole('alert')).toBeVisible(); // a changed score needs a reason
  await expect(finish).toBeDisabled();
  await c2.getByLabel('Lý do điều chỉnh C.2').fill('Số liệu tin báo chưa khớp với báo cáo');
  await saveAll.click();
  await expect(rev.getByRole('cell', { name: '-4' })).toHaveCount(2); // part C and the total: reviewed − self
  await expect(rev.getByText(/Đã thẩm định (\d+)\/\1 tiêu chí/).first()).toBeVisible();
  await finish.click();
  await expect(rev.getByText('Đã hoàn tất').first()).toBeVisible();
  await revCtx.close();

  // 4. The coordinator sees the ranking, finalises and publishes; the portal shows it.
  await page.reload();
  await expect(page.getByRole('cell', { name: '75', exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Kết thúc đợt đánh giá' }).click();
  await page.getByRole('button', { name: 'Công bố kết quả' }).click();
  await expect(page.getByText('Đã công bố').first()).toBeVisible();
  await checkPage(page, 'campaign');
  await page.goto('/results');
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('rowheader', { name: 'Sở Tài chính' })).toBeVisible();
  await checkPage(page, 'portal-results');
});
