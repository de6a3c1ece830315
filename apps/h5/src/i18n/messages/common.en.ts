import type { commonZh } from './common.zh.ts';

export const commonEn: Readonly<Record<keyof typeof commonZh, string>> = {
  'common.cancel': 'Cancel',
  'common.confirm': 'OK',
  'common.retry': 'Retry',
  'common.loading': 'Loading…',
  'common.language': 'Language',
  'common.language.zh': '简体中文',
  'common.language.en': 'English',
  'common.networkFailed': 'No network connection; check it and try again',
};
