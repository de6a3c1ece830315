import type { FormDefinition, FormField, FormValues } from './schema.ts';

/** A field error: a stable code for programs, a Chinese message for people. */
export interface FieldError {
  key: string;
  code: 'required' | 'type' | 'tooShort' | 'tooLong' | 'tooSmall' | 'tooLarge' | 'notInteger' | 'format' | 'option' | 'dateTooEarly' | 'dateTooLate';
  message: string;
}

export type ValidationResult =
  | { ok: true; values: FormValues }
  | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** The day of submission in Asia/Shanghai, 'YYYY-MM-DD'; passed in to keep this pure. */
  today: string;
}

// Mainland mobile numbers: 11 digits starting with 1[3-9].
const PHONE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks one present value; returns the normalised value or an error. */
function checkField(field: FormField, raw: unknown, options: ValidateOptions): { value: string | number } | { error: Omit<FieldError, 'key'> } {
  const label = field.label;
  if (field.type === 'number') {
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { error: { code: 'type', message: `${label}必须是数字` } };
    if (field.integer && !Number.isInteger(value)) return { error: { code: 'notInteger', message: `${label}必须是整数` } };
    if (field.min !== undefined && value < field.min) return { error: { code: 'tooSmall', message: `${label}不能小于 ${field.min}` } };
    if (field.max !== undefined && value > field.max) return { error: { code: 'tooLarge', message: `${label}不能大于 ${field.max}` } };
    return { value };
  }
  if (typeof raw !== 'string') return { error: { code: 'type', message: `${label}格式不正确` } };
  const text = raw.trim();
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const length = [...text].length;
      if (field.minLength !== undefined && length < field.minLength) return { error: { code: 'tooShort', message: `${label}至少 ${field.minLength} 个字` } };
      if (length > field.maxLength) return { error: { code: 'tooLong', message: `${label}不能超过 ${field.maxLength} 个字` } };
      return { value: text };
    }
    case 'date': {
      if (!isRealDate(text)) return { error: { code: 'format', message: `${label}不是有效日期` } };
      const min = field.min === 'today' ? options.today : field.min;
      const max = field.max === 'today' ? options.today : field.max;
      if (min !== undefined && text < min) return { error: { code: 'dateTooEarly', message: `${label}不能早于 ${min}` } };
      if (max !== undefined && text > max) return { error: { code: 'dateTooLate', message: `${label}不能晚于 ${max}` } };
      return { value: text };
    }
    case 'select':
    case 'radio':
      if (!field.options.some((option) => option.value === text)) return { error: { code: 'option', message: `请从选项中选择${label}` } };
      return { value: text };
    case 'phone':
      if (!PHONE.test(text)) return { error: { code: 'format', message: `${label}应为 11 位手机号` } };
      return { value: text };
    case 'email':
      if (!EMAIL.test(text) || text.length > 254) return { error: { code: 'format', message: `${label}不是有效的邮箱地址` } };
      return { value: text };
    case 'url':
      if (!isHttpUrl(text) || text.length > 500) return { error: { code: 'format', message: `${label}应为以 http:// 或 https:// 开头的网址` } };
      return { value: text };
  }
}

/**
 * Validates submitted values against a form definition. Used by the H5 before
 * sending and by the server before saving: the one validator of the hall.
 * Unknown keys are dropped; blank optional fields are left out.
 */
export function validateForm(form: FormDefinition, input: unknown, options: ValidateOptions): ValidationResult {
  const source = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const values: FormValues = {};
  const errors: FieldError[] = [];
  for (const field of form.fields) {
    const raw = source[field.key];
    if (isBlank(raw)) {
      if (field.required) {
        const verb = field.type === 'select' || field.type === 'radio' || field.type === 'date' ? '请选择' : '请填写';
        errors.push({ key: field.key, code: 'required', message: `${verb}${field.label}` });
      }
      continue;
    }
    const result = checkField(field, raw, options);
    if ('error' in result) errors.push({ key: field.key, ...result.error });
    else values[field.key] = result.value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

// Made once: building an Intl formatter costs far more than using one.
const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Asia/Shanghai as 'YYYY-MM-DD' (the hall's calendar). */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate.format(now);
}
