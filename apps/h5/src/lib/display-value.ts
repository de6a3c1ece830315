import type { FormField } from '@onehall/forms';

/** How a stored value reads: choices by their label, not their code; nothing as a dash. */
export function displayValue(field: FormField | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (field && (field.type === 'select' || field.type === 'radio')) {
    return field.options.find((option) => option.value === text)?.label ?? text;
  }
  return text;
}
