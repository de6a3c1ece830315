import type { FormRefsDto } from '@onehall/contracts';
import type { FormField, TableColumn } from '@onehall/forms';

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
const labelOf = (options: { value: string; label: string }[], value: unknown) => options.find((option) => option.value === value)?.label ?? String(value);

export function displayValue(field: FormField | TableColumn | undefined, value: unknown, refs?: FormRefsDto): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  switch (field?.type) {
    case 'select':
    case 'radio':
      return labelOf(field.options, value);
    case 'multiSelect':
    case 'checkbox':
      return Array.isArray(value) ? value.map((item) => labelOf(field.options, item)).join('、') : String(value);
    case 'switch':
      return value === true || value === 'true' ? '是' : '否';
    case 'money':
      return typeof value === 'string' || typeof value === 'number' ? formatAmount(value) : '—';
    case 'computed':
      return field.resultType === 'money' ? formatAmount(String(value)) : String(value);
    case 'dateRange':
      if (!isRecord(value)) return String(value);
      return `${String(value.start)} 至 ${String(value.end)}${typeof value.days === 'number' ? `（共 ${value.days} 天）` : ''}`;
    case 'person':
      return (Array.isArray(value) ? value : [value]).map((id) => refs?.people[String(id)]?.name ?? '未知人员').join('、');
    case 'department':
      return (Array.isArray(value) ? value : [value]).map((id) => refs?.departments[String(id)]?.name ?? '未知部门').join('、');
    case 'attachment':
    case 'image':
      return Array.isArray(value) ? value.map((file) => (isRecord(file) ? String(file.name) : '')).join('、') : '—';
    case 'signature':
      return '已签名';
    case 'table':
      return Array.isArray(value) ? `${value.length} 行` : '—';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
