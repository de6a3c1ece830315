/** Words used all over the hall. */
export const commonZh = {
  'common.cancel': '取消',
  'common.confirm': '确定',
  'common.retry': '重试',
  'common.loading': '加载中…',
  'common.language': '语言',
  'common.language.zh': '简体中文',
  'common.language.en': 'English',
  'common.networkFailed': '网络连接失败，请检查网络后重试',
} as const;
