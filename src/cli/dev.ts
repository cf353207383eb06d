import { spawn } from 'node:child_process';

/**
 * `npm run dev`: the API server restarting on change (port 3000) and Vite serving the staff app with
 * hot reload on port 5173, proxying /api to the server. Open http://localhost:5173/app/.
 */
const children = [
  spawn(
    process.execPath,
    ['--import', 'tsx', '--watch-path=src/server', '--watch-path=src/shared', 'src/server/main.ts'],
    {
      stdio: 'inherit',
      env: { ...process.env, PORT: process.env.PORT ?? '3000', WEB_BUILD: 'false' },
    },
  ),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const c of children) c.on('exit', stop);
