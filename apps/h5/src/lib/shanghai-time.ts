import { formatShanghaiClock, formatShanghaiDateTime } from '@onehall/contracts/plain';

/** '2024-03-09 14:05' in Asia/Shanghai. */
export const formatDateTime = (iso: string | null | undefined): string => formatShanghaiDateTime(iso);

/** '14:05' in Asia/Shanghai. */
export const formatClock = formatShanghaiClock;
