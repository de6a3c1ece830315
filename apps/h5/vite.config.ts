import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from '../../scripts/vite-precompress.ts';

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

/**
 * The mobile hall, served by the server at `/`. In development `vite` serves
 * it on :5173 and passes `/api` to the server on :3000.
 */
export default defineConfig({
  plugins: [react(), importByModule([{ name: 'antd-mobile', before: 'antd-mobile/es/global' }, { name: 'antd-mobile-icons' }]), precompress()],
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
  },
});
