import { expect } from '@playwright/test';
import { checkPage, demoPassword, mailedLink, pickOption, signIn, test, totp } from './helpers.ts';

test('the citizen front page works without JavaScript and passes axe', async ({ browser, page }) => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const bare = await noJs.newPage();
  await bare.goto('/');
  await expect(bare.getByRole('heading', { level: 1 })).toContainText('tham nhũng');
  await bare.getByRole('link', { name: 'English' }).click();
  await expect(bare.getByRole('heading', { level: 1 })).toContainText('Report corruption');
  await noJs.close();
  // axe itself needs JavaScript, so it runs on the same page in a normal context.
  await page.goto('/');
  await checkPage(page, 'portal');
  // A missing script is a 404, not the app's page (which a browser would refuse, showing nothing).
  const missing = await page.request.get('/app/assets/khong-co.js');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['content-type']).not.toContain('text/html');
  // The staff app's scripts come compressed at build time, and hashed ones are kept for a year.
  // (Signed out, /app/ is the drawn sign-in page, which names the app's entry for boot.js to load.)
  const html = await (await page.request.get('/app/')).text();
  const script = /name="liem-app" content="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  for (const [accept, encoding] of [
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
  ] as const) {
    const res = await page.request.get(script, { headers: { 'accept-encoding': accept } });
    expect(res.headers()['content-encoding']).toBe(encoding);
    expect(res.headers()['cache-control']).toContain('immutable');
  }
});

test('an administrator signs in with TOTP, creates a unit, a user and a grant, finds them in the audit log, verifies the chain, switches language and signs out; the custodian activates the new intake officer', async ({
  page,
  browser,
}) => {
  // A TOTP code may have to wait up to 30 s for a step no earlier test used, and ten pages get axe
  // (~2.5 s each here): 60 s was too tight on a slow CI host (the user-menu click timed out at 60 s).
  // The custodian's sign-in may wait another 30 s for a fresh TOTP step.
  test.setTimeout(210_000);
  await page.goto('/app/');
  await expect(page.getByRole('heading', { name: 'Đăng nhập', level: 2 })).toBeVisible();
  await checkPage(page, 'sign-in');

  // A wrong password says so in Vietnamese and keeps the user name typed.
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('sai mật khẩu rồi');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('admin');

  await page.getByLabel('Mật khẩu').fill(demoPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: 'Xác thực hai lớp' })).toBeVisible();
  await checkPage(page, 'sign-in-totp');
  await page.getByLabel('Mã xác thực').fill(await totp());
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào, Nguyễn Văn Quản');
  await checkPage(page, 'home');

  // Organisation: create a unit under the province.
  await page.getByRole('menuitem', { name: 'Cơ cấu tổ chức' }).click();
  await expect(page.getByRole('heading', { name: 'Cơ cấu tổ chức', level: 1 })).toBeVisible();
  // A department below the root expands to show its own units (its child count was always 0).
  const inspectorate = page.locator('.ant-tree-treenode', { hasText: 'Thanh tra tỉnh (SH.TT)' });
  // The tree renders only what is in view: scroll it until the department is there.
  for (let i = 0; i < 30 && (await inspectorate.count()) === 0; i++)
    await page.locator('.ant-tree-list-holder').evaluate((el) => {
      el.scrollTop += 300;
    });
  // Centred first: clicking a row at the list's edge scrolls the virtual list, which re-renders the row.
  await inspectorate.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await inspectorate.locator('.ant-tree-switcher').click();
  await expect(page.locator('.ant-tree-treenode', { hasText: '(SH.TT.P1)' })).toBeVisible();
  await checkPage(page, 'units');
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Mã', { exact: true }).fill('SH.E2E');
  await dialog.getByLabel('Tên', { exact: true }).fill('Phòng Thử nghiệm Đầu cuối');
  await dialog.getByRole('combobox', { name: 'Đơn vị cấp trên' }).fill('Thanh tra tinh');
  await pickOption(page, 'Thanh tra tỉnh (SH.TT)');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Phòng Thử nghiệm Đầu cuối/ })).toBeVisible();
  await checkPage(page, 'unit-detail');

  // Users: create one in the new unit and grant a role.
  await page.getByRole('menuitem', { name: 'Người dùng' }).click();
  await expect(page.getByRole('heading', { name: 'Người dùng', level: 1 })).toBeVisible();
  await checkPage(page, 'users');
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  const userDialog = page.getByRole('dialog');
  await userDialog.getByLabel('Tên đăng nhập').fill('nguyen.thu');
  await userDialog.getByLabel('Họ và tên').fill('Nguyễn Thị Thử');
  await userDialog.getByLabel('Thư điện tử').fill('nguyen.thu@sonha.liem.invalid');
  await userDialog.getByRole('combobox', { name: 'Đơn vị' }).fill('thu nghiem dau cuoi');
  await pickOption(page, 'Phòng Thử nghiệm Đầu cuối');
  // Invited by default: the owner sets the first password through a link mailed to them.
  await expect(userDialog.getByRole('radio', { name: /Gửi liên kết tới e-mail/ })).toBeChecked();
  await userDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(
    page.getByText('Đã gửi liên kết đặt mật khẩu tới nguyen.thu@sonha.liem.invalid.'),
  ).toBeVisible();
  const drawer = page.getByRole('dialog', { name: 'Nguyễn Thị Thử' });
  await expect(drawer).toBeVisible();
  await drawer.getByRole('button', { name: 'Cấp vai trò' }).click();
  const grantDialog = page.getByRole('dialog', { name: 'Cấp vai trò' });
  await grantDialog.getByRole('combobox', { name: 'Vai trò' }).click();
  await pickOption(page, 'Cán bộ đầu mối');
  await grantDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(drawer.getByText('Cán bộ đầu mối')).toBeVisible();
  // A focal officer keeps the unit's gift and conflict registers: a second administrator approves it.
  await expect(drawer.getByText('chờ phê duyệt').first()).toBeVisible();
  // An intake role waits for a colleague who holds the unit's report keys to activate it (four eyes).
  await drawer.getByRole('button', { name: 'Cấp vai trò' }).click();
  await grantDialog.getByRole('combobox', { name: 'Vai trò' }).click();
  await pickOption(page, 'Cán bộ tiếp nhận, xử lý');
  await grantDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(drawer.getByText('Cán bộ tiếp nhận, xử lý')).toBeVisible();
  await expect(drawer.getByText('chờ kích hoạt khóa')).toBeVisible();
  await expect(drawer.getByText('chờ chủ tài khoản tự đặt mật khẩu')).toBeVisible();
  await checkPage(page, 'user-detail');
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // Audit: both creations are there, and the chain verifies.
  await page.getByRole('menuitem', { name: 'Nhật ký hệ thống' }).click();
  await expect(page.getByRole('heading', { name: 'Nhật ký hệ thống', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Cấp vai trò' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Tạo người dùng' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Tạo đơn vị' }).first()).toBeVisible();
  // An event's changes name their fields as people do, not by the code's keys (issue 17 §14).
  await page.getByRole('cell', { name: 'Tạo người dùng' }).first().click();
  const changes = page.getByRole('table', { name: 'Thay đổi' });
  await expect(changes.getByRole('cell', { name: 'Tên đăng nhập' })).toBeVisible();
  await expect(changes.getByRole('cell', { name: 'username', exact: true })).toHaveCount(0);
  await page.locator('.ant-drawer-close').click();
  await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
  await expect(page.getByRole('status')).toContainText('Chuỗi nhật ký toàn vẹn');
  await checkPage(page, 'audit');

  await page.getByRole('menuitem', { name: 'Lịch và thời hạn' }).click();
  await expect(page.getByRole('cell', { name: 'Thời hạn giải quyết tố cáo' })).toBeVisible();
  await checkPage(page, 'clocks');

  // Language: the whole shell switches and the choice is remembered.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Calendar and deadlines', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('menuitem', { name: 'Audit log' })).toBeVisible();
  await checkPage(page, 'clocks-en');

  await page.getByRole('button', { name: 'Nguyễn Văn Quản' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 2 })).toBeVisible();
  await page.goto('/app/users');
  await expect(page).toHaveURL(/\/app\/sign-in\?next=%2Fusers/);

  // The custodian, in a browser of their own, activates the new intake officer's keys.
  const custodianContext = await browser.newContext({
    baseURL: process.env.LIEM_E2E_URL,
    locale: 'vi-VN',
    viewport: { width: 1280, height: 800 },
  });
  const custodian = await custodianContext.newPage();
  await signIn(custodian, 'giukhoa', true);
  await custodian.getByRole('menuitem', { name: 'Phân quyền chờ duyệt' }).click();
  await expect(custodian.getByRole('heading', { name: 'Phân quyền chờ duyệt', level: 1 })).toBeVisible();
  const row = custodian.getByRole('row', { name: /Nguyễn Thị Thử/ });
  await expect(row).toContainText('Chờ kích hoạt khóa');
  await expect(row).toContainText('Nguyễn Văn Quản');
  // Not before the owner has set a password of their own through the link mailed to them.
  await expect(row).toContainText('chờ chủ tài khoản tự đặt mật khẩu');
  await expect(row.getByRole('button', { name: 'Kích hoạt khóa' })).toHaveCount(0);
  await checkPage(custodian, 'grants-awaiting');
  const ownerContext = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 } });
  const owner = await ownerContext.newPage();
  // The demo's public address may name another port than the one the journeys reach it on.
  const link = (await mailedLink('nguyen.thu@sonha.liem.invalid')).replace(
    /^https?:\/\/[^/]+/,
    process.env.LIEM_E2E_URL!,
  );
  await owner.goto(link);
  await expect(owner.getByRole('heading', { name: 'Đặt mật khẩu của bạn' })).toBeVisible();
  // The token leaves the address bar once read.
  expect(owner.url()).not.toContain('token=');
  await owner.getByLabel('Mật khẩu mới', { exact: true }).fill('mật khẩu của riêng Thử');
  await owner.getByLabel('Nhập lại mật khẩu mới').fill('mật khẩu của riêng Thử');
  await checkPage(owner, 'set-password');
  await owner.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await expect(owner.getByRole('status')).toContainText('Đã đặt mật khẩu');
  // The same link a second time opens nothing.
  const twice = await ownerContext.newPage();
  await twice.goto(link);
  await twice.getByLabel('Mật khẩu mới', { exact: true }).fill('một mật khẩu khác nữa');
  await twice.getByLabel('Nhập lại mật khẩu mới').fill('một mật khẩu khác nữa');
  await twice.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await expect(twice.getByRole('alert')).toContainText('hết hạn hoặc đã được dùng');
  // She signs in with her own password, enrols 2FA, and her Home shows the code to read out in person.
  await owner.goto(`${process.env.LIEM_E2E_URL}/app/sign-in`);
  await owner.getByLabel('Tên đăng nhập').fill('nguyen.thu');
  await owner.getByLabel('Mật khẩu', { exact: true }).fill('mật khẩu của riêng Thử');
  await owner.getByRole('button', { name: 'Đăng nhập' }).click();
  const secret = (await owner.getByTestId('totp-secret').textContent())!.trim();
  const OTPAuth = await import('otpauth');
  await owner
    .getByLabel('Mã xác thực')
    .fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate());
  await owner.getByRole('button', { name: 'Xác nhận' }).click();
  await owner.getByRole('button', { name: 'Tôi đã lưu các mã, tiếp tục' }).click();
  // One code for each grant waiting on someone who has met her: the intake desk's keys is the custodian's.
  await expect(owner.locator('.vouch-code')).toHaveCount(2);
  const code = (await owner
    .getByRole('listitem')
    .filter({ hasText: 'Cán bộ tiếp nhận, xử lý' })
    .locator('.vouch-code')
    .textContent())!.trim();
  expect(code).toMatch(/^\w{4}-\w{4}$/);
  await checkPage(owner, 'home-vouch-code');
  await ownerContext.close();
  await custodian.reload();
  await expect(row).not.toContainText('chờ chủ tài khoản tự đặt mật khẩu');
  await row.getByRole('button', { name: 'Kích hoạt khóa' }).click();
  // Giving someone the unit's reports is confirmed, naming who, what and where, with the code she read out.
  const confirm = custodian.getByRole('dialog', { name: 'Kích hoạt khóa' });
  await expect(confirm).toContainText('Nguyễn Thị Thử');
  await confirm.getByLabel(/Mã xác nhận/).fill('AAAA-AAAA');
  await confirm.getByRole('button', { name: 'Kích hoạt khóa' }).click();
  await expect(confirm.getByText('Mã xác nhận không đúng')).toBeVisible();
  await confirm.getByLabel(/Mã xác nhận/).fill(code);
  await checkPage(custodian, 'grants-vouch');
  await confirm.getByRole('button', { name: 'Kích hoạt khóa' }).click();
  await expect(custodian.getByRole('row', { name: /Nguyễn Thị Thử/ })).toHaveCount(0);
  await custodianContext.close();
});

test('a focal officer without 2FA sees only what their role allows, also on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'daumoi', false);
  await checkPage(page, 'home-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Danh mục chức năng' }).click();
  await expect(page.getByRole('menuitem', { name: 'Cơ cấu tổ chức' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Người dùng' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Nhật ký hệ thống' })).toHaveCount(0);
  await page.goto('/app/units');
  await expect(page.getByRole('button', { name: 'Thêm đơn vị' })).toHaveCount(0);
  // A list's filters fold behind one button, so its first rows are on screen.
  await page.goto('/app/plans');
  await expect(page.getByRole('combobox', { name: 'Trạng thái' })).toHaveCount(0);
  await expect(page.getByRole('row').nth(1)).toBeInViewport();
  await page.getByRole('button', { name: 'Bộ lọc' }).click();
  await expect(page.getByRole('combobox', { name: 'Trạng thái' })).toBeVisible();
  // A page outside the role, typed by hand, is the 404 page with a way home (not an empty frame).
  await page.goto('/app/audit');
  await expect(page.getByText('404', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Về trang Việc cần làm' })).toBeVisible();
});

test('a lost session goes to sign-in and comes back to the same page', async ({ page, context }) => {
  await signIn(page, 'daumoi', false);
  await page.goto('/app/clocks?tab=holidays&year=2026');
  await expect(page.getByRole('cell', { name: 'Tết Nguyên đán Bính Ngọ' }).first()).toBeVisible();
  await context.clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/app\/sign-in\?next=%2Fclocks/);
  await page.getByLabel('Tên đăng nhập').fill('daumoi');
  await page.getByLabel('Mật khẩu').fill(demoPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/app\/clocks\?tab=holidays&year=2026$/);
  await expect(page.getByRole('cell', { name: 'Tết Nguyên đán Bính Ngọ' }).first()).toBeVisible();
});

test('the sign-in page is on screen before the app’s code arrives; what is typed and sent meanwhile signs in', async ({
  browser,
}) => {
  // Without JavaScript: the form the server drew, in Vietnamese, and in English for whoever chose it.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const drawn = await noScript.newPage();
  await drawn.goto('/app/plans');
  await expect(drawn).toHaveURL(/\/app\/sign-in\?next=%2Fplans$/);
  await expect(drawn.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(drawn.getByLabel('Tên đăng nhập')).toBeVisible();
  await noScript.addCookies([{ name: 'liem_lang', value: 'en', url: process.env.LIEM_E2E_URL! }]);
  await drawn.reload();
  await expect(drawn.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await noScript.close();

  // A slow network: the official types and presses Enter before any of the app has arrived.
  const slow = await browser.newContext();
  const page = await slow.newPage();
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  await page.route('**/app/assets/*.js', async (route) => {
    await arrived;
    await route.continue();
  });
  await page.goto('/app/plans', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Tên đăng nhập').fill('daumoi');
  await page.getByLabel('Mật khẩu').fill(demoPassword);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(page).toHaveURL(/\/app\/sign-in/);
  arrive();
  await expect(page).toHaveURL(/\/app\/plans$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await slow.close();

  // The language switch pressed before the app arrived is not lost: the app starts in English.
  const slower = await browser.newContext();
  const again = await slower.newPage();
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await again.route('**/app/assets/*.js', async (route) => {
    await released;
    await route.continue();
  });
  await again.goto('/app/sign-in', { waitUntil: 'domcontentloaded' });
  await again.getByRole('button', { name: 'English' }).click();
  release();
  await expect(again.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Tiếng Việt' })).toBeVisible();
  await slower.close();
});

test('importing units shows each bad row, writes nothing, then imports the corrected file', async ({
  page,
}) => {
  await signIn(page, 'admin', true);
  await page.goto('/app/units');
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
  const bad =
    'Mã đơn vị;Tên đơn vị;Loại đơn vị;Mã đơn vị cấp trên\nSH.NK1;Tổ Nhập Một;sub_unit;SH.TT\nSH.NK2;Tổ Nhập Hai;sub_unit;KHONG.CO\n';
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.getByRole('table', { name: 'Ghép cột' })).toBeVisible();
  await checkPage(page, 'import-mapping');
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  await expect(page.getByRole('alert')).toContainText('Có 1 lỗi');
  await expect(page.getByRole('cell', { name: 'Mã đơn vị cấp trên' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  await checkPage(page, 'import-errors');
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await page.getByRole('button', { name: 'Quay lại' }).click();
  const good = bad.replace('KHONG.CO', 'SH.NK1');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(page.getByText('Đã dùng lại cách ghép cột')).toHaveCount(0);
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  await expect(page.getByText('Sẽ thêm 2, cập nhật 0, giữ nguyên 0 dòng.')).toBeVisible();
  await page.getByRole('button', { name: 'Ghi dữ liệu' }).click();
  await expect(page.getByText('Đã nhập xong: thêm 2, cập nhật 0.')).toBeVisible();
  await page.getByRole('button', { name: 'Đóng' }).last().click();
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('to nhap hai');
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).press('Enter');
  await expect(page.getByText('Tổ Nhập Hai')).toBeVisible();
});

test('a new coordinator changes the one-time password, enrols 2FA with the QR code and keeps recovery codes; tables export to Excel', async ({
  page,
  browser,
}) => {
  // The administrator's TOTP code may wait up to 30 s for a fresh step; the journey itself took 54 s in CI.
  test.setTimeout(150_000);
  await signIn(page, 'admin', true);
  await page.goto('/app/users');
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tên đăng nhập').fill('dieu.phoi.moi');
  await dialog.getByLabel('Họ và tên').fill('Lý Thị Điều Phối');
  await dialog.getByRole('combobox', { name: 'Đơn vị' }).fill('thanh tra tinh');
  await pickOption(page, 'Thanh tra tỉnh (SH.TT)');
  await dialog.getByRole('radio', { name: /mật khẩu dùng một lần/ }).check();
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  const notice = page.getByText(/Mật khẩu dùng một lần \(chỉ hiển thị lần này\): \S+/);
  await expect(notice).toBeVisible();
  const oneTime = (await notice.textContent())!.split(': ').pop()!.trim();
  const drawer = page.getByRole('dialog', { name: 'Lý Thị Điều Phối' });
  await drawer.getByRole('button', { name: 'Cấp vai trò' }).click();
  const grantDialog = page.getByRole('dialog', { name: 'Cấp vai trò' });
  await grantDialog.getByRole('combobox', { name: 'Vai trò' }).click();
  await pickOption(page, 'Cán bộ điều phối');
  await grantDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(drawer.getByText('Cán bộ điều phối (Thanh tra tỉnh)')).toBeVisible();
  await drawer.locator('.ant-drawer-close').click();

  // Export: the download is a real workbook with the table's rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('nguoi-dung.xlsx');
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const names = wb.worksheets[0]!.getColumn(1).values.slice(2).map(String);
  expect(names).toContain('Lý Thị Điều Phối');

  // Back and forward move through the list's URL state.
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('dieu phoi');
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).press('Enter');
  await expect(page).toHaveURL(/q=dieu\+phoi|q=dieu%20phoi/);
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await page.goForward();
  await expect(page.getByRole('cell', { name: 'Lý Thị Điều Phối' })).toBeVisible();

  // The new coordinator in a separate browser.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/app/');
  await other.getByLabel('Tên đăng nhập').fill('dieu.phoi.moi');
  await other.getByLabel('Mật khẩu').fill(oneTime);
  await other.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(other.getByRole('heading', { name: 'Đổi mật khẩu' })).toBeVisible();
  await other.getByLabel('Mật khẩu hiện tại').fill(oneTime);
  await other.getByLabel('Mật khẩu mới', { exact: true }).fill('ngắn');
  await other.getByRole('button', { name: 'Lưu' }).click();
  await expect(other.getByText('Mật khẩu cần ít nhất 12 ký tự.')).toBeVisible();
  await other.getByLabel('Mật khẩu mới', { exact: true }).fill('một mật khẩu mới đủ dài');
  await other.getByLabel('Nhập lại mật khẩu mới').fill('một mật khẩu mới đủ dài');
  await other.getByRole('button', { name: 'Lưu' }).click();
  await expect(other.getByRole('heading', { name: 'Bật xác thực hai lớp' })).toBeVisible();
  await expect(other.locator('canvas')).toBeVisible();
  await checkPage(other, 'enrol-totp');
  const secret = (await other.getByTestId('totp-secret').textContent())!.trim();
  const OTPAuth = await import('otpauth');
  const code = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).generate();
  await other.getByLabel('Mã xác thực').fill(code);
  await other.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(other.getByRole('heading', { name: 'Mã khôi phục' })).toBeVisible();
  await expect(other.getByRole('listitem')).toHaveCount(10);
  await checkPage(other, 'recovery-codes');
  await other.getByRole('button', { name: 'Tôi đã lưu các mã, tiếp tục' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toContainText('Xin chào, Lý Thị Điều Phối');
  await context.close();
});

test('plans: a focal officer issues the late unit plan and reports progress; the coordinator sees the heat map and accepts the report', async ({
  page,
  browser,
}) => {
  await signIn(page, 'daumoi', false);
  await page.getByRole('menuitem', { name: 'Kế hoạch PCTNTC' }).click();
  await expect(
    page.getByRole('heading', { name: 'Kế hoạch phòng, chống tham nhũng, tiêu cực', level: 1 }),
  ).toBeVisible();
  await checkPage(page, 'plans');
  await page.getByRole('cell', { name: 'Sở Tài chính' }).first().click();
  await expect(page.getByText('Chậm')).toBeVisible();
  await checkPage(page, 'plan-unit-draft');
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByText('Đã ban hành').first()).toBeVisible();
  await page.getByRole('button', { name: 'Báo cáo tiến độ' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tiến độ (%)').fill('60');
  await dialog.getByLabel('Kết quả thực hiện').fill('Đã ban hành quy chế và tổ chức 2 hội nghị');
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'bien-ban.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  await expect(dialog.getByText('bien-ban.pdf')).toBeVisible();
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('progressbar', { name: /Tiến độ 60%/ }).first()).toBeVisible();

  const context = await browser.newContext();
  const coordinator = await context.newPage();
  await signIn(coordinator, 'dieuphoi', true);
  await coordinator.goto('/app/plans?year=2026&tab=deadlines&state=overdue');
  await expect(coordinator.getByRole('cell', { name: 'Quá hạn' }).first()).toBeVisible();
  await expect(coordinator.locator('figcaption', { hasText: 'Dòng thời gian các thời hạn' })).toBeVisible();
  await checkPage(coordinator, 'plan-deadlines');
  await coordinator.goto('/app/plans?year=2026');
  await coordinator.getByRole('cell', { name: 'Tỉnh Sơn Hà' }).first().click();
  await coordinator.getByRole('tab', { name: 'Các đơn vị' }).click();
  await expect(
    coordinator.locator('figcaption', { hasText: 'Mức hoàn thành theo đơn vị và nhóm nhiệm vụ' }),
  ).toBeVisible();
  await expect(coordinator.locator('canvas').first()).toBeVisible();
  await checkPage(coordinator, 'plan-heatmap');
  // The Word export of the province plan downloads as a real document.
  const [doc] = await Promise.all([
    coordinator.waitForEvent('download'),
    coordinator.getByRole('link', { name: 'Xuất kế hoạch (Word)' }).click(),
  ]);
  expect(doc.suggestedFilename()).toBe('ke-hoach.docx');
  await doc.saveAs('artifacts/e2e/ke-hoach.docx');
  await coordinator.getByRole('link', { name: 'Sở Tài chính' }).click();
  await coordinator.getByRole('button', { name: 'Các báo cáo' }).first().click();
  await expect(coordinator.getByRole('link', { name: 'Tệp 1' })).toBeVisible();
  // The open drawer is in the address: a reload shows it again, Back closes it.
  await expect(coordinator).toHaveURL(/dialog=reports&item=/);
  await coordinator.reload();
  await expect(coordinator.getByRole('link', { name: 'Tệp 1' })).toBeVisible();
  await coordinator.goBack();
  await expect(coordinator.getByRole('link', { name: 'Tệp 1' })).toBeHidden();
  await coordinator.goForward();
  await coordinator.getByRole('button', { name: 'Chấp nhận' }).click();
  await expect(coordinator.getByText('Đã chấp nhận')).toBeVisible();
  await coordinator
    .getByRole('textbox', { name: 'Trao đổi' })
    .fill('Cảm ơn, đề nghị tiếp tục cập nhật quý sau');
  await coordinator.getByRole('button', { name: 'Gửi' }).click();
  await expect(coordinator.getByText('Cảm ơn, đề nghị tiếp tục cập nhật quý sau')).toBeVisible();
  await checkPage(coordinator, 'plan-reports');
  await context.close();
});

test('plans: a coordinator writes next year’s plan, assigns a task to a department and issues it; the department receives a draft plan', async ({
  page,
}) => {
  await signIn(page, 'dieuphoi', true);
  await page.goto('/app/plans?year=2027');
  await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
  const dialog = page.getByRole('dialog');
  // The unit chosen by default shows its name and code, never its id.
  await expect(dialog.getByText('Tỉnh Sơn Hà (SH)')).toBeVisible();
  await expect(dialog).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await dialog.getByLabel('Tên').fill('Kế hoạch công tác phòng, chống tham nhũng, tiêu cực năm 2027');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /năm 2027/ })).toBeVisible();
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  const item = page.getByRole('dialog', { name: 'Thêm nhiệm vụ' });
  await item.getByRole('combobox', { name: 'Nhóm nhiệm vụ' }).click();
  await pickOption(page, 'Phát hiện, xử lý tham nhũng, tiêu cực');
  await item.getByLabel('Nội dung').fill('Thanh tra chuyên đề việc quản lý đất đai');
  await item.getByRole('combobox', { name: 'Đơn vị chủ trì' }).fill('so tai chinh');
  await pickOption(page, 'Sở Tài chính (SH.STC)');
  await item.getByLabel('Thời hạn').fill('30/09/2027');
  await item.getByLabel('Thời hạn').press('Enter');
  await item.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: 'Thanh tra chuyên đề việc quản lý đất đai' })).toBeVisible();
  await checkPage(page, 'plan-draft');
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByText('Phiên bản 1')).toBeVisible();
  await page.getByRole('tab', { name: 'Các đơn vị' }).click();
  await expect(page.getByRole('link', { name: 'Sở Tài chính' })).toBeVisible();
  await expect(page.getByText('Dự thảo')).toBeVisible();
});
