export * from './errors.ts';
export * from './limits.ts';
export * from './enums.ts';
export * from './api.ts';
export * from './people.ts';
export { mask } from './mask.ts';
export { safeNextPath } from './safe-next.ts';
export { formatShanghaiClock, formatShanghaiDateTime } from './shanghai-time.ts';
