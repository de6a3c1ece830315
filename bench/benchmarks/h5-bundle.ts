/**
 * h5-bundle: what a phone downloads for the H5, from the built files.
 *
 * - The home route's initial JavaScript: the entry chunk and its static
 *   imports (what index.html loads before React renders anything), gzipped
 *   at level 9 as a server would send it; brotli (quality 11) for information.
 * - Its CSS: the stylesheets of those chunks.
 * - Every other route's lazily loaded chunks: the router's `lazy(() =>
 *   import())` page with its lazy layout and their static imports, less what
 *   the entry already loaded (what a first visit straight to that route adds,
 *   e.g. from a WeCom message link). The home route's own lazy chunks are
 *   shown, with the whole first visit to `/`, for information.
 *
 * A size, not a time: no database, no server and no baseline. Sizes are the
 * same on every machine, so a miss fails the run (exit code 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { h5Root, type H5Build } from '../lib/h5-build.ts';
import { entryKey, filesOf, readManifest, readRoutes, staticClosure, chunkOfModule, type Manifest } from '../lib/vite-manifest.ts';
import type { Row, Section } from '../lib/report.ts';

/** Targets of the issue, in kB of 1,000 bytes (as Vite prints them), gzipped. */
export const bundleTargets = { initialJs: 170_000, initialCss: 20_000, routeJs: 50_000 };

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function measureFiles(dir: string, files: readonly string[], cache: Map<string, Size>): Size {
  const total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    let size = cache.get(file);
    if (!size) {
      const bytes = fs.readFileSync(path.join(dir, file));
      size = {
        raw: bytes.length,
        gzip: zlib.gzipSync(bytes, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
      };
      cache.set(file, size);
    }
    total.raw += size.raw;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
  }
  return total;
}

const describeSize = (size: Size) => `${kB(size.gzip)} gzip`;
const detail = (size: Size) => `br ${kB(size.brotli)}, raw ${kB(size.raw)}`;

/** The largest files of a set, by gzipped size: what to look at when a figure is over. */
function largest(dir: string, files: readonly string[], cache: Map<string, Size>, count = 4): string {
  return files
    .map((file) => ({ file, size: measureFiles(dir, [file], cache) }))
    .sort((a, b) => b.size.gzip - a.size.gzip)
    .slice(0, count)
    .map(({ file, size }) => `${path.basename(file)} ${kB(size.gzip)}`)
    .join(', ');
}

export function measureBundle(build: H5Build): Section {
  const manifest: Manifest = readManifest(build.dir);
  const cache = new Map<string, Size>();
  const entry = entryKey(manifest);
  const initial = staticClosure(manifest, [entry]);
  const initialFiles = filesOf(manifest, initial);
  const initialJs = measureFiles(build.dir, initialFiles.js, cache);
  const initialCss = measureFiles(build.dir, initialFiles.css, cache);
  const rows: Row[] = [];
  const notes: string[] = [
    'a size, not a time: no database, no server and no baseline; gzip level 9 (node:zlib) as a server would send the files, brotli quality 11 for information; kB = 1,000 bytes',
    `built ${build.buildSeconds === null ? `earlier (${build.dir})` : `from the working tree in ${build.buildSeconds.toFixed(1)} s`}; ${Object.keys(manifest).length} chunks in the manifest`,
  ];
  const row = (figure: string, size: Size, limit: number | null): Row => ({
    benchmark: 'h5-bundle',
    figure,
    value: describeSize(size),
    baseline: '— (a size)',
    ratio: limit === null ? '' : `${Math.round((size.gzip / limit) * 100)} % of target`,
    target: limit === null ? '' : `≤ ${kB(limit)}`,
    pass: limit === null ? null : size.gzip <= limit,
  });
  rows.push(row(`/ initial JS: entry + static imports (${initialFiles.js.length} files)`, initialJs, bundleTargets.initialJs));
  rows.push(row(`/ initial CSS (${initialFiles.css.length} files)`, initialCss, bundleTargets.initialCss));
  notes.push(`/ initial JS ${detail(initialJs)}; largest: ${largest(build.dir, initialFiles.js, cache)}`);
  notes.push(`/ initial CSS ${detail(initialCss)}: ${initialFiles.css.map((f) => path.basename(f)).join(', ')}`);

  const routes = readRoutes(path.join(h5Root, 'src/app-routes.tsx'));
  if (routes.length === 0) throw new Error('h5-bundle: no lazy routes found in apps/h5/src/app-routes.tsx');
  for (const route of routes) {
    const keys = route.components.map((component) => chunkOfModule(manifest, component.source));
    const loaded = [...staticClosure(manifest, keys)].filter((key) => !initial.has(key));
    const files = filesOf(manifest, loaded);
    const js = measureFiles(build.dir, files.js, cache);
    const css = measureFiles(build.dir, files.css, cache);
    const names = route.components.map((c) => c.name).join(' + ');
    const shared = files.js.length - route.components.length;
    const isHome = route.route === '/';
    // The home route's own chunks have no budget of their own: its budget is the initial load above (entry + static imports).
    rows.push(row(`route ${route.route}: ${names}${shared > 0 ? ` + ${shared} shared` : ''}`, js, isHome ? null : bundleTargets.routeJs));
    notes.push(`route ${route.route}: JS ${detail(js)}, CSS ${kB(css.gzip)} gzip; largest: ${largest(build.dir, files.js, cache)}`);
    if (isHome) {
      const all = filesOf(manifest, new Set([...initial, ...loaded]));
      rows.push(row('/ first visit in all (initial + its route chunks)', measureFiles(build.dir, all.js, cache), null));
      rows.push(row('/ first visit in all, CSS', measureFiles(build.dir, all.css, cache), null));
    }
  }
  return { benchmark: 'h5-bundle', rows, notes };
}
