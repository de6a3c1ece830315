import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { patternSource, readPreloadedPages } from './vite-route-preload.ts';

const h5 = path.resolve(import.meta.dirname, '../apps/h5/src');

describe('the route preload of index.html', () => {
  it("reads the H5 router's preload table: each pattern with the source files of its chunks", () => {
    const pages = readPreloadedPages(path.join(h5, 'app-routes.tsx'));
    const byPattern = new Map(pages.map((page) => [page.pattern, page.modules]));
    expect(byPattern.get('/')).toEqual([path.join(h5, 'components/main-layout.tsx'), path.join(h5, 'pages/home-page.tsx')]);
    expect(byPattern.get('/received/:box')).toEqual([path.join(h5, 'pages/task-list-page.tsx')]);
    expect(byPattern.has('/applications/:id')).toBe(true);
  });

  it('matches an address the way the router does: parameters are one segment, a trailing slash is allowed', () => {
    const matches = (pattern: string, pathname: string) => new RegExp(patternSource(pattern)).test(pathname);
    expect(matches('/', '/')).toBe(true);
    expect(matches('/', '/hall')).toBe(false);
    expect(matches('/received/:box', '/received/todo')).toBe(true);
    expect(matches('/received/:box', '/received/todo/')).toBe(true);
    expect(matches('/received/:box', '/received')).toBe(false);
    expect(matches('/received/:box', '/received/todo/x')).toBe(false);
    expect(matches('/hall', '/hall/')).toBe(true);
    expect(matches('/hall', '/hallway')).toBe(false);
  });
});
