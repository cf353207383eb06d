import { defineConfig } from 'vitest/config';
import { namedPages } from './vite.config.ts';

// One server key for the whole run: the template database is chained in the main process and every test
// file's copy of it is verified in a worker (forks inherit this environment).
process.env.LIEM_SERVER_KEY ??= Buffer.alloc(32, 7).toString('base64');

export default defineConfig({
  // Pages named by their files as in the build: the tests draw pages from source (drawn-pages.test.ts).
  plugins: [namedPages()],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
