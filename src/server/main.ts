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
  if (firstAdmin) {
    process.stdout.write(
      `\nTài khoản quản trị đầu tiên / first administrator:\n  ${firstAdmin.username} / ${firstAdmin.password}\n  (mật khẩu dùng một lần, phải đổi khi đăng nhập / one-time password, change it at first sign-in)\n\n`,
    );
  }
});
