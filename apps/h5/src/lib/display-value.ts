import type { FormRefsDto } from '@onehall/contracts';
import type { FormField, TableColumn } from '@onehall/forms';
import { t } from '../i18n/translate.ts';
import { joinList, labelOf as labelInLanguage } from './form-text.ts';

/**
 * How a stored value reads, as one line of text: choices by their labels,
 * money with ¥ and two decimals, a date range with its days, a switch as
 * 是/否, people and departments by name (from the detail's `refs`), files by
 * name, nothing as a dash. The detail page draws tables, pictures and
 * signatures itself (field-value.tsx); this is also the timeline's text.
 */

/** "1234.5" → "¥1,234.50"; what is not an amount is shown as it is. */
export function formatAmount(value: string | number): string {
  const text = String(value).trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const grouped = match[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (match[3] ?? '').padEnd(2, '0');
  return `${match[1]}¥${grouped}.${cents}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const labelOf = (options: { value: string; label: string; labelEn?: string | undefined }[], value: unknown) => {
  const option = options.find((candidate) => candidate.value === value);
  return option ? labelInLanguage(option) : String(value);
};

export function displayValue(field: FormField | TableColumn | undefined, value: unknown, refs?: FormRefsDto): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  switch (field?.type) {
    case 'select':
    case 'radio':
      return labelOf(field.options, value);
    case 'multiSelect':
    case 'checkbox':
      return Array.isArray(value) ? joinList(value.map((item) => labelOf(field.options, item))) : String(value);
    case 'switch':
      return value === true || value === 'true' ? t('components.yes') : t('components.no');
    case 'money':
      return typeof value === 'string' || typeof value === 'number' ? formatAmount(value) : '—';
    case 'computed':
      return field.resultType === 'money' ? formatAmount(String(value)) : String(value);
    case 'dateRange':
      if (!isRecord(value)) return String(value);
      return `${t('components.value.range', { start: String(value.start), end: String(value.end) })}${typeof value.days === 'number' ? t('components.value.rangeDays', { days: value.days }) : ''}`;
    case 'person':
      return joinList((Array.isArray(value) ? value : [value]).map((id) => refs?.people[String(id)]?.name ?? t('components.value.unknownPerson')));
    case 'department':
      return joinList((Array.isArray(value) ? value : [value]).map((id) => refs?.departments[String(id)]?.name ?? t('components.value.unknownDepartment')));
    case 'attachment':
    case 'image':
      return Array.isArray(value) ? joinList(value.map((file) => (isRecord(file) ? String(file.name) : ''))) : '—';
    case 'signature':
      return t('components.value.signed');
    case 'table':
      return Array.isArray(value) ? t('components.value.rows', { count: value.length }) : '—';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
