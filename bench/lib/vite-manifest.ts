/**
 * What a phone downloads for each page of the H5, read from Vite's build
 * manifest (`.vite/manifest.json`) and the router (apps/h5/src/app-routes.tsx).
 *
 * A page's first load is the entry chunk with everything it imports
 * statically (the manifest's `imports`, followed transitively). The router's
 * `lazy(() => import(…))` pages are dynamic imports: a route costs its page
 * chunk (and its layout's) with their static imports, less what the entry
 * already brought.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readLoaderTable } from '../../scripts/vite-route-preload.ts';

export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

export function readManifest(distDir: string): Manifest {
  const file = path.join(distDir, '.vite', 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the H5 with a manifest (vite build --manifest)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The key of the HTML entry (index.html). */
export function entryKey(manifest: Manifest): string {
  const keys = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (keys.length !== 1) throw new Error(`expected one entry in the Vite manifest, found ${keys.length}`);
  return keys[0]!;
}

/** The chunks loaded with these: the keys themselves and their static imports, transitively (never dynamic imports). */
export function staticClosure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...keys];
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the Vite manifest has no chunk ${key}`);
    seen.add(key);
    queue.push(...(chunk.imports ?? []));
  }
  return seen;
}

/** The JavaScript and CSS files of a set of chunks (each file once). */
export function filesOf(manifest: Manifest, keys: Iterable<string>): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
  }
  return { js: [...js], css: [...css] };
}

/**
 * The manifest key of a module the router imports lazily. A page imported
 * only dynamically is keyed by its source path; a module that is also
 * imported statically elsewhere (the main layout, which 收到的事项 imports)
 * becomes a shared chunk keyed `_<name>-<hash>.js`, found among the entry's
 * dynamic imports by its name.
 */
export function chunkOfModule(manifest: Manifest, sourcePath: string): string {
  if (manifest[sourcePath]) return sourcePath;
  const bySrc = Object.keys(manifest).find((key) => manifest[key]!.src === sourcePath);
  if (bySrc) return bySrc;
  const name = path.basename(sourcePath).replace(/\.[^.]+$/, '');
  const entry = manifest[entryKey(manifest)]!;
  const byName = (entry.dynamicImports ?? []).filter((key) => manifest[key]?.name === name);
  if (byName.length === 1) return byName[0]!;
  throw new Error(`no chunk of ${sourcePath} in the Vite manifest`);
}

export interface RouteChunks {
  /** The route as the router names it: its path, `/` for the index route, `*` for the catch-all. */
  route: string;
  /** The lazily imported components it renders, outermost first (layouts, then the page). */
  components: { name: string; source: string }[];
}

/** The tags of the router's JSX: `<Route …>`, `<Route … />` and `</Route>`, with braces inside attributes skipped. */
function routeTags(source: string): { kind: 'open' | 'self' | 'close'; attributes: string }[] {
  const tags: { kind: 'open' | 'self' | 'close'; attributes: string }[] = [];
  const pattern = /<\/?Route\b/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match[0].startsWith('</')) {
      tags.push({ kind: 'close', attributes: '' });
      continue;
    }
    let depth = 0;
    let at = pattern.lastIndex;
    for (; at < source.length; at++) {
      const ch = source[at];
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (ch === '>' && depth === 0) break;
    }
    const attributes = source.slice(pattern.lastIndex, at);
    tags.push({ kind: attributes.trimEnd().endsWith('/') ? 'self' : 'open', attributes });
    pattern.lastIndex = at + 1;
  }
  return tags;
}

/**
 * Every route of the router that renders a lazily imported page, with the
 * lazy layouts around it. Read from the source text: `const X = lazy(() =>
 * import('./…'))` and the nesting of `<Route>` elements.
 */
export function readRoutes(routerFile: string): RouteChunks[] {
  const source = fs.readFileSync(routerFile, 'utf8');
  const srcRoot = path.relative(path.dirname(path.dirname(routerFile)), path.dirname(routerFile)); // "src"
  const lazies = new Map<string, string>();
  for (const match of source.matchAll(/const\s+(\w+)\s*=\s*lazy\(\s*\(\)\s*=>\s*import\(\s*['"](.+?)['"]\s*\)\s*\)/g)) {
    lazies.set(match[1]!, path.posix.join(srcRoot, match[2]!));
  }
  // Pages whose loader is named in a table (`const load = { home: () => import('…') }`, then `lazy(load.home)`), for preloading.
  const loaders = readLoaderTable(source);
  for (const match of source.matchAll(/const\s+(\w+)\s*=\s*lazy\(\s*\w+\.(\w+)\s*\)/g)) {
    const file = loaders.get(match[2]!);
    if (!file) throw new Error(`h5-bundle: ${match[1]} = lazy(…${match[2]}): no loader named ${match[2]} in ${routerFile}`);
    lazies.set(match[1]!, path.posix.join(srcRoot, file));
  }
  const routes: RouteChunks[] = [];
  const stack: { path: string; layout: string | null }[] = [];
  for (const tag of routeTags(source)) {
    if (tag.kind === 'close') {
      stack.pop();
      continue;
    }
    const element = /element=\{\s*<(\w+)/.exec(tag.attributes)?.[1] ?? null;
    const own = /\bpath="([^"]*)"/.exec(tag.attributes)?.[1];
    const isIndex = /\bindex\b/.test(tag.attributes);
    const parentPath = [...stack].reverse().find((s) => s.path)?.path ?? '';
    const fullPath = own === undefined ? parentPath : own.startsWith('/') || own === '*' ? own : `${parentPath.replace(/\/$/, '')}/${own}`;
    if (tag.kind === 'open') {
      stack.push({ path: own === undefined ? '' : fullPath, layout: element && lazies.has(element) ? element : null });
      continue;
    }
    if (!element || !lazies.has(element)) continue;
    const layouts = stack.flatMap((s) => (s.layout ? [s.layout] : []));
    routes.push({
      route: isIndex ? parentPath || '/' : fullPath,
      components: [...layouts, element].map((name) => ({ name, source: lazies.get(name)! })),
    });
  }
  return routes;
}
