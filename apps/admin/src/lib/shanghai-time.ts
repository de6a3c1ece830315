import { formatShanghaiClock, formatShanghaiDateTime } from '@onehall/contracts';

/** '2024-03-09 14:05:07' in Asia/Shanghai (tables of entries show the seconds). */
export const formatDateTime = (iso: string | null | undefined): string => formatShanghaiDateTime(iso, { seconds: true });

/** '14:05' in Asia/Shanghai. */
export const formatClock = formatShanghaiClock;
