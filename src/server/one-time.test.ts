import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handOverPassword } from './one-time.ts';

describe('a one-time password handed to whoever started Liêm', () => {
  it('is printed on a terminal, and anywhere else only written to an owner-only file whose path is printed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liem-otp-'));
    try {
      const said: string[] = [];
      handOverPassword(dir, 'p.txt', 'Admin:', ['admin / S3cret-once'], (s) => said.push(s), true);
      expect(said.join('\n')).toContain('admin / S3cret-once');
      said.length = 0;
      // `liem create-admin` piped into a log (the review's F7): the password never reaches the output.
      handOverPassword(dir, 'p.txt', 'Admin:', ['admin / S3cret-once'], (s) => said.push(s), false);
      expect(said.join('\n')).not.toContain('S3cret-once');
      expect(said.join('\n')).toContain(join(dir, 'p.txt'));
      expect(readFileSync(join(dir, 'p.txt'), 'utf8')).toBe('admin / S3cret-once\n');
      expect(statSync(join(dir, 'p.txt')).mode & 0o777).toBe(0o600);
      // A file already there and readable by others is replaced, not reused (the re-test's L2).
      chmodSync(join(dir, 'p.txt'), 0o644);
      handOverPassword(dir, 'p.txt', 'Admin:', ['admin / Another-once'], () => {}, false);
      expect(statSync(join(dir, 'p.txt')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'p.txt'), 'utf8')).toBe('admin / Another-once\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
