import type { FormField, TableColumn } from './schema.ts';

/**
 * The messages of the validator, in Chinese (the hall's language) and
 * English. A message id is '<code>' or '<code>.<variant>': the code is what
 * programs switch on, the variant only picks the words ("请选择" for a
 * select, "请上传" for a file).
 */
export type Locale = 'zh-CN' | 'en';

export type ErrorCode =
  | 'required'
  | 'type'
  | 'tooShort'
  | 'tooLong'
  | 'tooSmall'
  | 'tooLarge'
  | 'notInteger'
  | 'tooPrecise'
  | 'format'
  | 'pattern'
  | 'option'
  | 'dateTooEarly'
  | 'dateTooLate'
  | 'timeTooEarly'
  | 'timeTooLate'
  | 'endBeforeStart'
  | 'tooManyDays'
  | 'tooFew'
  | 'tooMany'
  | 'fileTooLarge'
  | 'fileType'
  | 'divisionByZero'
  | 'rule';

export interface MessageArgs {
  limit?: string | number;
  /** A file's name. */
  name?: string;
  /** Accepted extensions, listed. */
  accept?: string;
}

type Say = (label: string, args: MessageArgs) => string;

const table = {
  'required.fill': [(l) => `请填写${l}`, (l) => `Please fill in ${l}`],
  'required.choose': [(l) => `请选择${l}`, (l) => `Please choose ${l}`],
  'required.upload': [(l) => `请上传${l}`, (l) => `Please upload ${l}`],
  'required.sign': [(l) => `请完成${l}`, (l) => `Please sign ${l}`],
  'required.confirm': [(l) => `请确认${l}`, (l) => `Please confirm ${l}`],
  'required.add': [(l) => `请添加${l}`, (l) => `Please add ${l}`],
  type: [(l) => `${l}格式不正确`, (l) => `${l} is not valid`],
  'type.number': [(l) => `${l}必须是数字`, (l) => `${l} must be a number`],
  tooShort: [(l, a) => `${l}至少 ${a.limit} 个字`, (l, a) => `${l} must have at least ${a.limit} characters`],
  tooLong: [(l, a) => `${l}不能超过 ${a.limit} 个字`, (l, a) => `${l} must have at most ${a.limit} characters`],
  tooSmall: [(l, a) => `${l}不能小于 ${a.limit}`, (l, a) => `${l} must be at least ${a.limit}`],
  tooLarge: [(l, a) => `${l}不能大于 ${a.limit}`, (l, a) => `${l} must be at most ${a.limit}`],
  notInteger: [(l) => `${l}必须是整数`, (l) => `${l} must be a whole number`],
  tooPrecise: [(l) => `${l}最多保留两位小数`, (l) => `${l} can have at most 2 decimal places`],
  'format.date': [(l) => `${l}不是有效日期`, (l) => `${l} is not a valid date`],
  'format.dateRange': [(l) => `${l}须有开始日期和结束日期`, (l) => `${l} needs a start and an end date`],
  'format.time': [(l) => `${l}应为“时:分”，如 09:30`, (l) => `${l} must be a time such as 09:30`],
  'format.phone': [(l) => `${l}应为 11 位手机号`, (l) => `${l} must be an 11-digit mobile number`],
  'format.email': [(l) => `${l}不是有效的邮箱地址`, (l) => `${l} is not a valid email address`],
  'format.url': [(l) => `${l}应为以 http:// 或 https:// 开头的网址`, (l) => `${l} must be a web address starting with http:// or https://`],
  'format.idNumber': [(l) => `${l}不是有效的身份证号`, (l) => `${l} is not a valid ID number`],
  'format.money': [(l) => `${l}应为金额，如 1234.50`, (l) => `${l} must be an amount such as 1234.50`],
  'format.person': [(l) => `${l}中有无效的人员`, (l) => `${l} names a person that is not valid`],
  'format.department': [(l) => `${l}中有无效的部门`, (l) => `${l} names a department that is not valid`],
  'format.file': [(l) => `${l}中有无效的文件`, (l) => `${l} holds a file that is not valid`],
  'pattern.default': [(l) => `${l}格式不正确`, (l) => `${l} is not in the required format`],
  option: [(l) => `请从选项中选择${l}`, (l) => `Please choose ${l} from the options`],
  dateTooEarly: [(l, a) => `${l}不能早于 ${a.limit}`, (l, a) => `${l} cannot be before ${a.limit}`],
  dateTooLate: [(l, a) => `${l}不能晚于 ${a.limit}`, (l, a) => `${l} cannot be after ${a.limit}`],
  timeTooEarly: [(l, a) => `${l}不能早于 ${a.limit}`, (l, a) => `${l} cannot be before ${a.limit}`],
  timeTooLate: [(l, a) => `${l}不能晚于 ${a.limit}`, (l, a) => `${l} cannot be after ${a.limit}`],
  endBeforeStart: [(l) => `${l}的结束日期不能早于开始日期`, (l) => `The end of ${l} cannot be before its start`],
  tooManyDays: [(l, a) => `${l}不能超过 ${a.limit} 天`, (l, a) => `${l} cannot be longer than ${a.limit} days`],
  'tooFew.items': [(l, a) => `${l}至少选择 ${a.limit} 项`, (l, a) => `Choose at least ${a.limit} for ${l}`],
  'tooMany.items': [(l, a) => `${l}最多选择 ${a.limit} 项`, (l, a) => `Choose at most ${a.limit} for ${l}`],
  'tooFew.files': [(l, a) => `${l}至少上传 ${a.limit} 个文件`, (l, a) => `Upload at least ${a.limit} files for ${l}`],
  'tooMany.files': [(l, a) => `${l}最多上传 ${a.limit} 个文件`, (l, a) => `Upload at most ${a.limit} files for ${l}`],
  'tooFew.rows': [(l, a) => `${l}至少填写 ${a.limit} 行`, (l, a) => `${l} needs at least ${a.limit} rows`],
  'tooMany.rows': [(l, a) => `${l}最多 ${a.limit} 行`, (l, a) => `${l} can have at most ${a.limit} rows`],
  fileTooLarge: [(l, a) => `${l}中的“${a.name}”超过 ${a.limit} MB`, (l, a) => `"${a.name}" in ${l} is larger than ${a.limit} MB`],
  fileType: [(l, a) => `${l}不接受“${a.name}”，请上传 ${a.accept} 文件`, (l, a) => `${l} does not accept "${a.name}"; upload ${a.accept} files`],
  divisionByZero: [(l) => `${l}无法计算：除数为零`, (l) => `${l} cannot be computed: division by zero`],
} satisfies Record<string, [Say, Say]>;

export type MessageId = keyof typeof table;

/** The error code a message id stands for. */
export function codeOf(id: MessageId): ErrorCode {
  return id.split('.')[0] as ErrorCode;
}

/** A field's label in the locale (labelEn, when given, in English). */
export function labelOf(field: FormField | TableColumn, locale: Locale): string {
  return locale === 'en' ? (field.labelEn ?? field.label) : field.label;
}

/** The message for an id, built from the label. */
export function say(id: MessageId, label: string, locale: Locale, args: MessageArgs = {}): string {
  const [zh, en] = table[id];
  return (locale === 'en' ? en : zh)(label, args);
}

/** A message about a cell of a detail table, prefixed with the table and row (1-based). */
export function sayInRow(tableLabel: string, row: number, message: string, locale: Locale): string {
  return locale === 'en' ? `${tableLabel}, row ${row + 1}: ${message}` : `${tableLabel}第 ${row + 1} 行：${message}`;
}

/** The English words of a cross-field comparison, for a rule that has no English message of its own. */
export function sayComparison(left: string, op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', right: string, temporal: boolean): string {
  const words = temporal
    ? { eq: 'the same as', ne: 'different from', gt: 'after', gte: 'on or after', lt: 'before', lte: 'on or before' }
    : { eq: 'equal to', ne: 'different from', gt: 'greater than', gte: 'at least', lt: 'less than', lte: 'at most' };
  return `${left} must be ${words[op]} ${right}`;
}
