import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { createServer, defineConfig, type Plugin } from 'vite';

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
        compressBeside(join(options.dir!, file.fileName), content);
      }
    },
  };
}

/** A file's .br and .gz beside it, as Fastify serves them (`preCompressed`). */
function compressBeside(path: string, content: Buffer) {
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
}

/** Writes a file and its compressed copies (the drawn pages are written after the bundle). */
function writeCompressed(path: string, content: string) {
  writeFileSync(path, content);
  compressBeside(path, Buffer.from(content));
}

/**
 * After the build, the sign-in page drawn in each language (`src/web/prerender.tsx`) into a copy of
 * index.html: `sign-in.vi.html`, `sign-in.en.html`, which the server sends for /app/sign-in.
 */
function prerenderSignIn(): Plugin {
  let outDir = '';
  return {
    name: 'liem-prerender-sign-in',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle(error) {
      if (error) return;
      const server = await createServer({
        configFile: false,
        root: fileURLToPath(new URL('./src/web', import.meta.url)),
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
        plugins: [react()],
      });
      try {
        const { renderSignIn } = await server.ssrLoadModule('/prerender.tsx');
        const template = readFileSync(join(outDir, 'index.html'), 'utf8');
        for (const lang of ['vi', 'en']) {
          const { html, styles } = await renderSignIn(lang);
          // The form is on screen without the app's code, so that code is asked for only once the page is
          // painted (public/boot.js reads what to load from these meta tags).
          const page = template
            .replace(
              /<script type="module" crossorigin src="([^"]+)"><\/script>/,
              '<meta name="liem-app" content="$1"><script type="module" src="/app/boot.js"></script>',
            )
            .replaceAll(
              /<link rel="modulepreload" crossorigin href="([^"]+)">/g,
              '<meta name="liem-preload" content="$1">',
            )
            // Liêm's own few rules are written in, so the first paint waits for no stylesheet either.
            .replace(
              /<link rel="stylesheet" crossorigin href="\/app\/([^"]+)">/,
              (_tag, file: string) => `<style>${readFileSync(join(outDir, file), 'utf8')}</style>`,
            )
            .replace('<html lang="vi">', `<html lang="${lang}">`)
            .replace('</head>', `${styles}</head>`)
            .replace('<div id="root"></div>', `<div id="root" data-prerendered="sign-in">${html}</div>`);
          if (!page.includes('data-prerendered') || !page.includes('liem-app') || page.includes('stylesheet'))
            throw new Error(
              'index.html is not as prerenderSignIn expects (an empty #root, one module script)',
            );
          writeCompressed(join(outDir, `sign-in.${lang}.html`), page);
        }
      } finally {
        await server.close();
      }
    },
  };
}

/** The staff app: built to dist/web and served by Fastify at /app/; `npm run dev` proxies /api to it. */
export default defineConfig({
  root: 'src/web',
  base: '/app/',
  plugins: [react(), precompress(), prerenderSignIn()],
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
