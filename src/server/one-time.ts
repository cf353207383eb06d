import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hands a one-time password to whoever started Liêm. On a terminal it is printed for them; anywhere else
 * (a service manager, a container, a script piping the CLI) standard output ends up in logs, so it goes to
 * a file only its owner can read, and only the file's path is printed.
 */
export function handOverPassword(
  dataDir: string,
  file: string,
  title: string,
  lines: string[],
  write: (s: string) => void,
  tty = process.stdout.isTTY === true,
): void {
  if (tty) {
    write(`${title}\n  ${lines.join('\n  ')}`);
    return;
  }
  const path = join(dataDir, file);
  // A new file, owner-only: one left from before (perhaps readable by others, or a link elsewhere) is
  // removed first, and 'wx' refuses to follow or reuse whatever appears in its place.
  rmSync(path, { force: true });
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
  write(
    `Mật khẩu dùng một lần: xem tệp / the one-time password is in: ${path} (xóa sau khi đăng nhập / delete it after signing in)`,
  );
}
