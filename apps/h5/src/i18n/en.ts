import type { MessageKey } from './zh.ts';
import { commonEn } from './messages/common.en.ts';
import { componentsEn } from './messages/components.en.ts';
import { pagesEn } from './messages/pages.en.ts';
import { resubmitEn } from './messages/resubmit.en.ts';

/** The English catalogue: every key of the Chinese one (the type says so). */
export const enMessages: Readonly<Record<MessageKey, string>> = {
  ...commonEn,
  ...componentsEn,
  ...pagesEn,
  ...resubmitEn,
};
