import { UUID, type FileRef, type FormDefinition, type FormField, type FormValue, type TableColumn } from '@onehall/forms';

/**
 * A form's values while a person fills it in: what each control holds,
 * before `validateForm` normalises it. Numbers and amounts stay the text as
 * typed ("1,234.5"); a date range is its two ends (the package counts the
 * days); a detail table is its rows as typed. Everything else has its final
 * shape already: choices as option values, a switch as a boolean, people
 * and departments as ids, files as the references the server answered.
 */
export type DraftCell = string | boolean;
export type DraftRow = Record<string, DraftCell>;
export interface DraftRange {
  start: string;
  end: string;
}
export type DraftValue = string | boolean | string[] | DraftRange | FileRef | FileRef[] | DraftRow[];
export type DraftValues = Record<string, DraftValue>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isFileRef(value: unknown): value is FileRef {
  return isRecord(value) && typeof value.id === 'string' && UUID.test(value.id) && typeof value.name === 'string' && typeof value.size === 'number' && typeof value.type === 'string';
}

const cellText = (cell: unknown): DraftCell | undefined => (typeof cell === 'string' || typeof cell === 'boolean' ? cell : typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : undefined);

/** A stored or remembered value as the control of its field holds it; undefined when it has the wrong shape. */
export function toDraftValue(field: FormField | TableColumn, value: unknown): DraftValue | undefined {
  switch (field.type) {
    case 'switch':
      return typeof value === 'boolean' ? value : undefined;
    case 'multiSelect':
    case 'checkbox':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : undefined;
    case 'person':
    case 'department':
      if (field.multiple) return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : undefined;
      return typeof value === 'string' ? value : undefined;
    case 'dateRange':
      return isRecord(value) && typeof value.start === 'string' && typeof value.end === 'string' ? { start: value.start, end: value.end } : undefined;
    case 'attachment':
    case 'image':
      return Array.isArray(value) && value.every(isFileRef) ? value.map((file) => ({ id: file.id, name: file.name, size: file.size, type: file.type })) : undefined;
    case 'signature':
      return isFileRef(value) ? { id: value.id, name: value.name, size: value.size, type: value.type } : undefined;
    case 'table': {
      if (!Array.isArray(value) || !value.every(isRecord)) return undefined;
      return value.map((row) => {
        const cells: DraftRow = {};
        for (const column of field.columns) {
          const cell = cellText(Object.hasOwn(row, column.key) ? row[column.key] : undefined);
          if (cell !== undefined) cells[column.key] = cell;
        }
        return cells;
      });
    }
    case 'description':
    case 'computed':
      return undefined;
    default:
      return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  }
}

/**
 * Values (an application's data, a copy, a prefill, a draft read back from
 * the phone's storage) as the form's controls hold them. Keys the form does
 * not have, computed fields and values of the wrong shape are left out, so
 * nothing stored by an older page can break the form.
 */
export function toDraftValues(data: Readonly<Record<string, FormValue | unknown>>, form?: Pick<FormDefinition, 'fields'>): DraftValues {
  const values: DraftValues = {};
  if (!form) {
    // Without the form, only the shapes every control shares are converted (numbers become text).
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === 'number') values[key] = String(value);
      else if (isRecord(value) && 'days' in value && typeof value.start === 'string' && typeof value.end === 'string') values[key] = { start: value.start, end: value.end };
      else if (value !== undefined && value !== null) values[key] = value as DraftValue;
    }
    return values;
  }
  for (const field of form.fields) {
    if (!Object.hasOwn(data, field.key)) continue;
    const value = toDraftValue(field, data[field.key]);
    if (value !== undefined) values[field.key] = value;
  }
  return values;
}

/** Whether a control holds nothing yet (a prefill may fill it). */
export function isDraftBlank(value: DraftValue | undefined): boolean {
  if (value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value) && 'start' in value && 'end' in value) return value.start === '' && value.end === '';
  return false;
}
