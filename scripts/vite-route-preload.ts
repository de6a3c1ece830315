import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** A page the router preloads at start: its address pattern and the source files of its lazy chunks. */
export interface PreloadedPage {
  pattern: string;
  modules: string[];
}

/**
 * The router's table of page loaders, `name: () => import('./…')`: each
 * name with the module it imports, as written (relative to the router).
 */
export function readLoaderTable(source: string): Map<string, string> {
  const loaders = new Map<string, string>();
  for (const match of source.matchAll(/(\w+)\s*:\s*\(\)\s*=>\s*import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) loaders.set(match[1]!, match[2]!);
  return loaders;
}

/**
 * Reads the H5 router's preload table (app-routes.tsx): the `load` table of
 * `name: () => import('./…')` and the `{ pattern: '…', chunks: [load.a, load.b] }`
 * entries. Throws when it finds neither, so that a reshaped router fails the
 * build instead of silently losing its preloads.
 */
export function readPreloadedPages(routerFile: string): PreloadedPage[] {
  const source = fs.readFileSync(routerFile, 'utf8');
  const loaders = new Map([...readLoaderTable(source)].map(([name, specifier]) => [name, path.resolve(path.dirname(routerFile), specifier)]));
  const pages: PreloadedPage[] = [];
  for (const match of source.matchAll(/pattern:\s*'([^']+)',\s*chunks:\s*\[([^\]]*)\]/g)) {
    const modules = [...match[2]!.matchAll(/load\.(\w+)/g)].map(([, name]) => {
      const file = loaders.get(name!);
      if (!file) throw new Error(`route preload: ${routerFile}: no loader named ${name}`);
      return file;
    });
    pages.push({ pattern: match[1]!, modules });
  }
  if (pages.length === 0) throw new Error(`route preload: no { pattern, chunks } preloads found in ${routerFile}`);
  return pages;
}

/** '/received/:box' as a regular expression's source for location.pathname. */
export function patternSource(pattern: string): string {
  const parts = pattern
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return `^/${parts.join('/')}${parts.length > 0 ? '/?' : ''}$`;
}

/** The files a chunk loads before it runs: itself and its static imports, with their style sheets. */
function closure(bundle: OutputBundle, fileName: string, files: Set<string>, styles: Set<string>): void {
  if (files.has(fileName)) return;
  const chunk = bundle[fileName];
  if (!chunk || chunk.type !== 'chunk') return;
  files.add(fileName);
  const css = (chunk as OutputChunk & { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss;
  for (const sheet of css ?? []) styles.add(sheet);
  for (const imported of chunk.imports) closure(bundle, imported, files, styles);
}

/**
 * Puts into index.html a small script that, before the entry script has even
 * arrived, asks for the chunks (and style sheets) of the page being opened,
 * for the pages the router preloads (app-routes.tsx's table). Without it a
 * phone fetches the entry, runs it, and only then asks for the page's chunks:
 * one more round trip and the entry's start-up time before the first page
 * can be drawn. The lists are made from this build's bundle, so the hashed
 * names are the real ones; files the entry loads anyway are left out. The
 * links are CORS-mode (crossorigin), as module scripts are and as Vite's own
 * style sheet links are: a preload in another mode would not be used.
 */
export function routePreload(routerFile: string): Plugin {
  let base = '/';
  return {
    name: 'onehall:route-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const byModule = new Map<string, string>();
        const initial = new Set<string>();
        const initialStyles = new Set<string>();
        for (const output of Object.values(bundle)) {
          if (output.type !== 'chunk') continue;
          if (output.facadeModuleId) byModule.set(output.facadeModuleId, output.fileName);
          if (output.isEntry) closure(bundle, output.fileName, initial, initialStyles);
        }
        const table = readPreloadedPages(routerFile).map(({ pattern, modules }) => {
          const files = new Set<string>();
          const styles = new Set<string>();
          for (const module of modules) {
            const fileName = byModule.get(module);
            if (!fileName) throw new Error(`route preload: ${pattern}: no chunk for ${module}`);
            closure(bundle, fileName, files, styles);
          }
          const scripts = [...files].filter((file) => !initial.has(file)).map((file) => base + file);
          const sheets = [...styles].filter((file) => !initialStyles.has(file)).map((file) => base + file);
          return [patternSource(pattern), scripts, sheets];
        });
        const code = `(function(){var t=${JSON.stringify(table)},p=location.pathname,h=document.head;function l(r,u,a){var e=document.createElement('link');e.rel=r;e.href=u;if(a)e.as=a;e.crossOrigin='';h.appendChild(e)}for(var i=0;i<t.length;i++){if(!new RegExp(t[i][0]).test(p))continue;t[i][1].forEach(function(u){l('modulepreload',u)});t[i][2].forEach(function(u){l('preload',u,'style')});break}})()`;
        return [{ tag: 'script', children: code, injectTo: 'head-prepend' }];
      },
    },
  };
}
