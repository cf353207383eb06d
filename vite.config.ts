import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Every text file of the build written beside itself as .br and .gz, once, at build time: Fastify
 * serves them to browsers that accept them (`preCompressed`), so no request pays for compressing.
 */
function precompress(): Plugin {
  return {
    name: 'liem-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file.fileName)) continue;
        const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        if (content.length < 1024) continue;
        const path = join(options.dir!, file.fileName);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/** The staff app: built to dist/web and served by Fastify at /app/; `npm run dev` proxies /api to it. */
export default defineConfig({
  root: 'src/web',
  base: '/app/',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/exceljs')) return 'exceljs';
          // echarts and zrender only: `includes('echarts')` also took echarts-for-react, whose React helpers
          // every page imports, so the 600 KB chart library was preloaded on every page, sign-in included.
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'charts';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
