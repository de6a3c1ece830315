import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from '../../scripts/vite-precompress.ts';
import { routePreload } from '../../scripts/vite-route-preload.ts';

/**
 * Rewrites `import { Button, TextArea } from 'antd-mobile'` (and the same
 * from 'antd-mobile-icons') into one import per module, as the library's
 * own index re-exports them (`antd-mobile/es/components/button`…; for
 * antd-mobile after its global styles, which its index loads first).
 * Through an index every component is statically imported by whoever
 * imports the index, so the bundler refuses to split one off
 * (INEFFECTIVE_DYNAMIC_IMPORT): the overlays components/overlays.tsx fetches
 * on first opening (@react-spring, the date wheels, dayjs) and the service
 * icons would all land in the first load. The build only: in development
 * the index is pre-bundled and nothing is split anyway.
 */
function importByModule(packages: { name: string; before?: string }[]): Plugin {
  const require = createRequire(import.meta.url);
  const sources = new Map<string, Map<string, { from: string; name: string }>>();
  for (const { name: pkg } of packages) {
    const exports = new Map<string, { from: string; name: string }>();
    const index = fs.readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'es/index.js'), 'utf8');
    for (const match of index.matchAll(/^export \{ (.+) \} from '\.\/(.+)';$/gm)) {
      for (const part of match[1]!.split(',')) {
        const [name, as] = part.trim().split(/\s+as\s+/) as [string, string?];
        exports.set(as ?? name, { from: `${pkg}/es/${match[2]}`, name });
      }
    }
    sources.set(pkg, exports);
  }
  const names = packages.map((p) => p.name.replace(/[-/]/g, '\\$&')).join('|');
  const importStatement = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["'](${names})["'];?`, 'g');
  return {
    name: 'onehall:import-by-module',
    apply: 'build',
    transform(code, id) {
      if (id.includes('/node_modules/') || !packages.some((p) => code.includes(p.name))) return null;
      let changed = false;
      const result = code.replace(importStatement, (_statement, list: string, pkg: string) => {
        const specifiers = list.split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type '));
        const imports = specifiers.map((specifier) => {
          const [imported, local = imported] = specifier.split(/\s+as\s+/) as [string, string?];
          const source = sources.get(pkg)!.get(imported);
          if (!source) this.error(`${pkg} has no export ${imported} in its index (imported by ${id})`);
          return source.name === 'default' ? `import ${local} from '${source.from}';` : `import { ${source.name} as ${local} } from '${source.from}';`;
        });
        const before = packages.find((p) => p.name === pkg)?.before;
        changed = true;
        return [...(before ? [`import '${before}';`] : []), ...imports].join(' ');
      });
      return changed ? { code: result, map: null } : null;
    },
  };
}

const sep = String.raw`[\\/]`;
const anyOf = (names: string[]) => `(${names.join('|')})`;

/**
 * antd-mobile and the libraries under it, but for what the overlays and the
 * rare controls bring (@react-spring, @use-gesture, dayjs: the sheets,
 * pickers, Swiper…) and the components only forms and details use (Steps,
 * Selector, TextArea, ProgressBar, NoticeBar), which keep their own chunks.
 */
const uiKit = new RegExp(`${sep}node_modules${sep}${anyOf(['antd-mobile', 'ahooks', 'classnames', 'rc-field-form', 'runes2', 'use-sync-external-store', 'lodash', 'tslib', '@babel'])}${sep}`);
const deferredUi = new RegExp(
  [
    `${sep}node_modules${sep}${anyOf(['@react-spring', '@use-gesture', 'dayjs'])}${sep}`,
    `${sep}antd-mobile${sep}es${sep}components${sep}${anyOf(['action-sheet', 'capsule-tabs', 'cascade-picker', 'center-popup', 'collapse', 'date-picker', 'dialog', 'dropdown', 'floating-bubble', 'floating-panel', 'image-viewer', 'jumbo-tabs', 'mask', 'modal', 'picker', 'picker-view', 'popup', 'pull-to-refresh', 'rate', 'scroll-mask', 'slider', 'spin-loading', 'swipe-action', 'swiper', 'tabs', 'toast', 'steps', 'selector', 'text-area', 'progress-bar', 'notice-bar'])}${sep}`,
    `${sep}antd-mobile${sep}es${sep}utils${sep}${anyOf(['use-drag-and-pinch', 'reduce-and-restore-motion', 'use-tab-list-scroll'])}`,
    `${sep}antd-mobile${sep}es${sep}locales${sep}en-US`,
  ].join('|'),
);

/** The hall's own shared code: components, hooks, helpers, the contracts and forms packages, icons. */
const appKit = new RegExp(`${sep}(apps${sep}h5${sep}src${sep}${anyOf(['components', 'hooks', 'lib', 'api', 'session', 'i18n'])}|packages${sep}${anyOf(['contracts', 'forms'])}${sep}src|node_modules${sep}antd-mobile-icons)${sep}`);

/** The modules the H5 imports with import('./…'): each is its own chunk, which no group may take. */
function lazyImportTargets(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) lazyImportTargets(file, found);
    else if (/\.tsx?$/.test(entry.name)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) found.add(path.resolve(path.dirname(file), match[1]!));
    }
  }
  return found;
}
const lazyTargets = lazyImportTargets(path.join(import.meta.dirname, 'src'));
const isLazyTarget = (id: string) => lazyTargets.has(id.split('?')[0]!);

/**
 * The mobile hall, served by the server at `/`. In development `vite` serves
 * it on :5173 and passes `/api` to the server on :3000.
 */
export default defineConfig({
  plugins: [react(), importByModule([{ name: 'antd-mobile', before: 'antd-mobile/es/global' }, { name: 'antd-mobile-icons' }]), routePreload(path.join(import.meta.dirname, 'src/app-routes.tsx')), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The hall runs inside WeCom's and WeChat's built-in browsers, whose
    // engines lag behind the stores' browsers; aim a little lower than Vite's
    // default "baseline widely available".
    target: ['es2020', 'chrome87', 'safari14', 'firefox78', 'edge88'],
    rolldownOptions: {
      output: {
        // A `shared` chunk is named after every page that uses it: keep the file name short.
        chunkFileNames: (chunk) => (chunk.name.startsWith('shared~') ? 'assets/shared-[hash].js' : 'assets/[name]-[hash].js'),
        assetFileNames: (asset) => (asset.names.some((name) => name.startsWith('shared~')) ? 'assets/shared-[hash][extname]' : 'assets/[name]-[hash][extname]'),
        codeSplitting: {
          // Fewer, larger chunks for the first page: before these groups a phone's first visit to 首页
          // waited for some forty files of 0.5–3 kB, each a request of its own over HTTP/1.1's six
          // connections (Lighthouse 94/95 with them, against 87/80). `ui` (antd-mobile with React DOM)
          // is loaded by the entry, `boot` is the rest of what the entry loads, and `shared` is the
          // hall's code used by two pages or more, in chunks by which pages use it, small ones merged.
          groups: [
            { name: 'ui', test: (id) => uiKit.test(id) && !deferredUi.test(id), priority: 3 },
            { name: 'boot', tags: ['$initial'], priority: 2 },
            { name: 'shared', test: (id) => appKit.test(id) && !isLazyTarget(id), minShareCount: 2, entriesAware: true, entriesAwareMergeThreshold: 6_000, priority: 1 },
          ],
        },
      },
    },
  },
});
