import { commonZh } from './messages/common.zh.ts';
import { componentsZh } from './messages/components.zh.ts';
import { pagesZh } from './messages/pages.zh.ts';
import { resubmitZh } from './messages/resubmit.zh.ts';

/**
 * The Chinese catalogue, the source of every key. Each area keeps its own
 * file under messages/ (pages, components…), merged here; English lives
 * beside each one in `*.en.ts`, typed against it.
 */
export const zhMessages = {
  ...commonZh,
  ...componentsZh,
  ...pagesZh,
  ...resubmitZh,
} as const;

export type MessageKey = keyof typeof zhMessages;
