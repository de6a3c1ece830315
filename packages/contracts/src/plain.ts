/**
 * `@onehall/contracts/plain`: the contracts without zod — error codes and
 * their messages, limits, enums and their text tables, the kinds of file,
 * masking, the Shanghai clock, the catalog search and the `next` check.
 *
 * The H5 imports its run-time values from here, never from the package's
 * root: a phone that shows a list or a form needs none of the request and
 * response schemas, and zod alone is about 30 kB gzipped on every page that
 * touched the root (a module that builds zod schemas when it loads is kept
 * whole by the bundler, whatever `sideEffects` says). Types may still come
 * from the root (`import type`), which costs nothing at run time.
 *
 * Only modules that import no zod (and nothing that does) belong here;
 * contracts.test.ts checks it.
 */
export * from './errors.ts';
export * from './limits.ts';
export * from './enums.ts';
export * from './file-types.ts';
export * from './catalog-search.ts';
export { mask } from './mask.ts';
export { safeNextPath } from './safe-next.ts';
export { formatShanghaiClock, formatShanghaiDateTime } from './shanghai-time.ts';
