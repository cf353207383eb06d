import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin, type Rolldown } from 'vite';

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
 * index.html as the server sends a page it has drawn: the app's code is asked for only once the page is
 * painted (public/boot.js reads what to load from these meta tags), and Liêm's own few style rules are
 * written in, so the first paint waits for no script and no stylesheet.
 */
function drawnShell(template: string, outDir: string): string {
  const shell = template
    .replace(
      /<script type="module" crossorigin src="([^"]+)"><\/script>/,
      '<meta name="liem-app" content="$1"><script type="module" src="/app/boot.js"></script>',
    )
    .replaceAll(
      /<link rel="modulepreload" crossorigin href="([^"]+)">/g,
      '<meta name="liem-preload" content="$1">',
    )
    .replace(
      /<link rel="stylesheet" crossorigin href="\/app\/([^"]+)">/,
      (_tag, file: string) => `<style>${readFileSync(join(outDir, file), 'utf8')}</style>`,
    );
  if (!shell.includes('liem-app') || shell.includes('stylesheet') || !shell.includes('<div id="root"></div>'))
    throw new Error('index.html is not as drawnPages expects (an empty #root, one module script)');
  return shell;
}

/**
 * After the app's build, the server's: `src/web/draw.tsx` bundled for Node into dist/web-ssr (the server
 * draws staff pages with it, ADR 0045), and with it, now, the sign-in page in each language
 * (`sign-in.vi.html`, `sign-in.en.html`, sent for /app/sign-in) and the frame of every other drawn page
 * (`page.html`, filled in by the server).
 */
function drawnPages(): Plugin {
  let outDir = '';
  let base = '/';
  return {
    name: 'liem-drawn-pages',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      base = config.base;
    },
    generateBundle(_options, bundle) {
      this.emitFile({
        type: 'asset',
        fileName: 'page-scripts.json',
        source: JSON.stringify(pageScripts(bundle, base)),
      });
    },
    async closeBundle(error) {
      if (error) return;
      const ssrDir = resolve(outDir, '../web-ssr');
      await build({
        configFile: false,
        root: fileURLToPath(new URL('./src/web', import.meta.url)),
        logLevel: 'warn',
        plugins: [react(), namedPages()],
        // Bundled whole, as the browser's build is: the packages' ES modules, not their CommonJS builds.
        ssr: { noExternal: true },
        // Drawn as the browser's build draws, whatever the server's NODE_ENV: development builds of React
        // and antd name their style classes apart (css-dev-only-…), so the app took over a drawn page by
        // writing every style rule again and keeping the drawn page's.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        publicDir: false,
        build: { ssr: 'draw.tsx', outDir: ssrDir, emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
      });
      const { renderSignIn } = (await import(
        pathToFileURL(join(ssrDir, 'draw.js')).href
      )) as typeof import('./src/web/draw.tsx');
      const shell = drawnShell(readFileSync(join(outDir, 'index.html'), 'utf8'), outDir);
      writeFileSync(
        join(outDir, 'page.html'),
        shell
          .replace('</head>', '<!--liem:head--></head>')
          .replace('<div id="root"></div>', '<div id="root" data-drawn="page"><!--liem:root--></div>')
          .replace('</body>', '<!--liem:state--></body>'),
      );
      for (const lang of ['vi', 'en'] as const) {
        const { html, styles } = renderSignIn(lang);
        const page = shell
          .replace('<html lang="vi">', `<html lang="${lang}">`)
          .replace('</head>', () => `${styles}</head>`)
          .replace('<div id="root"></div>', () => `<div id="root" data-prerendered="sign-in">${html}</div>`);
        writeCompressed(join(outDir, `sign-in.${lang}.html`), page);
      }
    },
  };
}

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));

/**
 * Names each page loaded on demand by its file: `lazyPage(() => import('./X.tsx'))` becomes
 * `lazyPage(() => import('./X.tsx'), 'features/…/X.tsx')`, the same name in every build (the browser's,
 * the server's, the tests'). A drawn page says which files it was drawn with (`draw.tsx`), and the server
 * lists their code for boot.js to run before the app starts (`page-scripts.json`, below).
 */
export function namedPages(): Plugin {
  const call = /lazyPage\(\(\) => import\('([^']+)'\)/g;
  return {
    name: 'liem-named-pages',
    // On the source as written, before TypeScript is compiled away.
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(webRoot) || !code.includes('lazyPage(() =>')) return null;
      let out = '';
      let from = 0;
      for (const match of code.matchAll(call)) {
        const spec = match[1]!;
        const file = spec.startsWith('#web/') ? spec.slice(5) : relative(webRoot, resolve(dirname(id), spec));
        // The call's closing parenthesis: its argument may go on (`.then(…)`).
        let depth = 0;
        let end = match.index;
        for (; end < code.length; end++) {
          if (code[end] === '(') depth++;
          else if (code[end] === ')' && --depth === 0) break;
        }
        out += `${code.slice(from, end)}, ${JSON.stringify(file)}`;
        from = end;
      }
      return from === 0 ? null : { code: out + code.slice(from), map: null };
    },
  };
}

/**
 * For each page loaded on demand, the files of code it needs beyond what every page loads, each after
 * those it imports: a drawn page has boot.js run them one task each (a page's code run at once was a
 * task of 100 ms and more on a slow phone).
 */
function pageScripts(bundle: Rolldown.OutputBundle, base: string): Record<string, string[]> {
  const chunks = new Map(
    Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])),
  );
  const inOrder = (from: string, seen: Set<string>, out: string[]) => {
    if (seen.has(from)) return out;
    seen.add(from);
    for (const dep of chunks.get(from)?.imports ?? []) inOrder(dep, seen, out);
    out.push(from);
    return out;
  };
  const everyPage = new Set<string>();
  for (const c of chunks.values()) if (c.isEntry) inOrder(c.fileName, everyPage, []);
  const scripts: Record<string, string[]> = {};
  for (const c of chunks.values()) {
    if (!c.isDynamicEntry || !c.facadeModuleId?.startsWith(webRoot)) continue;
    scripts[relative(webRoot, c.facadeModuleId)] = inOrder(c.fileName, new Set(everyPage), []).map(
      (f) => `${base}${f}`,
    );
  }
  return scripts;
}

/** The staff app: built to dist/web and served by Fastify at /app/; `npm run dev` proxies /api to it. */
export default defineConfig({
  root: 'src/web',
  base: '/app/',
  plugins: [react(), namedPages(), precompress(), drawnPages()],
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
          // React's DOM renderer and the router apart from React: each file is run in a task of its own
          // (boot.js), and together they were one of ~100 ms on a slow phone.
          if (id.includes('node_modules/react-dom') || id.includes('node_modules/scheduler'))
            return 'react-dom';
          if (id.includes('node_modules/react-router')) return 'router';
          if (id.includes('node_modules/react')) return 'react';
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
