import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap } from './bootstrap.ts';
import { loadConfigOrExit } from './config.ts';
import { openRuntime, serve } from './runtime.ts';

const config = loadConfigOrExit();
const rt = await openRuntime(config, { workers: config.jobs });
const firstAdmin = await bootstrap(rt.systemCtx);
await serve(rt, (url) => {
  process.stdout.write(
    `Liêm đang chạy tại / is running at ${url.replace('127.0.0.1', 'localhost')}/ (API: /api/docs)\n`,
  );
  if (!firstAdmin) return;
  const login = `${firstAdmin.username} / ${firstAdmin.password}`;
  const note =
    '(mật khẩu dùng một lần, phải đổi khi đăng nhập / one-time password, change it at first sign-in)';
  // A password on a terminal is read by the person who started Liêm; anywhere else (a service manager,
  // a container) standard output ends up in logs, so it goes to a file only its owner can read.
  if (process.stdout.isTTY) {
    process.stdout.write(`\nTài khoản quản trị đầu tiên / first administrator:\n  ${login}\n  ${note}\n\n`);
    return;
  }
  const file = join(config.dataDir, 'first-admin-password.txt');
  writeFileSync(file, `${login}\n${note}\n`, { mode: 0o600 });
  process.stdout.write(
    `Tài khoản quản trị đầu tiên: xem tệp / first administrator's one-time password is in: ${file} (xóa sau khi đăng nhập / delete it after signing in)\n`,
  );
});
