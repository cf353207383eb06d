import { bootstrap } from './bootstrap.ts';
import { loadConfigOrExit } from './config.ts';
import { handOverPassword } from './one-time.ts';
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
  handOverPassword(
    config.dataDir,
    'first-admin-password.txt',
    '\nTài khoản quản trị đầu tiên / first administrator:',
    [login, note],
    (s) => process.stdout.write(`${s}\n`),
  );
});
