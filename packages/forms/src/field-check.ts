import { daysInclusive, isRealDate } from './dates.ts';
import type { MessageId } from './messages.ts';
import { UUID } from './ids.ts';
import type { FileRef, FormField, TableRow } from './schema.ts';
import { checkSimple, refuse, resolveDateBound, type CheckContext, type CheckResult, type Problem } from './simple-check.ts';

/**
 * The checks of one present value of any field type but computed and
 * description (validate.ts computes the one and skips the other).
 */

type FieldOf<T extends FormField['type']> = Extract<FormField, { type: T }>;

// Input arrays longer than this are refused before looking inside: no field holds more.
const MAX_ITEMS = 1000;
const MB = 1024 * 1024;

/** Whether a value counts as not given: nothing, blank text, an empty list, a date range with neither end. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && 'start' in value && 'end' in value) return isBlank(value.start) && isBlank(value.end);
  return false;
}

function checkChoices(field: FieldOf<'multiSelect' | 'checkbox'>, raw: unknown): CheckResult {
  if (!Array.isArray(raw) || raw.length > MAX_ITEMS || !raw.every((item) => typeof item === 'string')) return refuse('type');
  const chosen = new Set(raw.map((item: string) => item.trim()));
  if ([...chosen].some((value) => !field.options.some((option) => option.value === value))) return refuse('option');
  // Stored in the order of the options, each once: the same choice is always the same value.
  const value = field.options.map((option) => option.value).filter((v) => chosen.has(v));
  if (field.minItems !== undefined && value.length < field.minItems) return refuse('tooFew.items', { limit: field.minItems });
  if (field.maxItems !== undefined && value.length > field.maxItems) return refuse('tooMany.items', { limit: field.maxItems });
  return { ok: true, value };
}

function checkIds(field: FieldOf<'person' | 'department'>, raw: unknown): CheckResult {
  const invalid: MessageId = field.type === 'person' ? 'format.person' : 'format.department';
  const isId = (item: unknown): item is string => typeof item === 'string' && UUID.test(item.trim());
  if (!field.multiple) return isId(raw) ? { ok: true, value: raw.trim().toLowerCase() } : refuse(invalid);
  if (!Array.isArray(raw) || raw.length > MAX_ITEMS) return refuse('type');
  if (!raw.every(isId)) return refuse(invalid);
  const value = [...new Set(raw.map((id: string) => id.trim().toLowerCase()))];
  if (value.length > field.maxItems) return refuse('tooMany.items', { limit: field.maxItems });
  return { ok: true, value };
}

function checkDateRange(field: FieldOf<'dateRange'>, raw: unknown, context: CheckContext): CheckResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('type');
  const { start, end } = raw as Record<string, unknown>;
  if (typeof start !== 'string' || typeof end !== 'string' || isBlank(start) || isBlank(end)) return refuse('format.dateRange');
  const [from, to] = [start.trim(), end.trim()];
  if (!isRealDate(from) || !isRealDate(to)) return refuse('format.date');
  if (to < from) return refuse('endBeforeStart');
  const min = resolveDateBound(field.min, context);
  const max = resolveDateBound(field.max, context);
  if (min !== undefined && from < min) return refuse('dateTooEarly', { limit: min });
  if (max !== undefined && to > max) return refuse('dateTooLate', { limit: max });
  // Days are the package's to count: a submitted `days` is ignored.
  const days = daysInclusive(from, to);
  if (field.maxDays !== undefined && days > field.maxDays) return refuse('tooManyDays', { limit: field.maxDays });
  return { ok: true, value: { start: from, end: to, days } };
}

/**
 * A file reference as issued by the staging area, reduced to its four
 * properties; null when malformed. The zod-free reading of `fileRefSchema`
 * (the H5 reads an upload's answer with it).
 */
export function readFileRef(raw: unknown): FileRef | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { id, name, size, type } = raw as Record<string, unknown>;
  if (typeof id !== 'string' || !UUID.test(id) || typeof name !== 'string' || name.trim() === '' || name.length > 255) return null;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || typeof type !== 'string' || type.length > 100) return null;
  return { id: id.toLowerCase(), name: name.trim(), size, type };
}

const extensionOf = (name: string) => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');
const SIGNATURE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'];

/** Size, extension and (for pictures) MIME type of one file. */
function fileProblem(file: FileRef, maxSizeMb: number, accept: readonly string[] | undefined, picture: boolean): Problem | null {
  if (file.size > maxSizeMb * MB) return { say: 'fileTooLarge', args: { name: file.name, limit: maxSizeMb } };
  if ((accept && !accept.includes(extensionOf(file.name))) || (picture && !file.type.startsWith('image/'))) {
    return { say: 'fileType', args: { name: file.name, accept: (accept ?? []).join('、') } };
  }
  return null;
}

function checkFiles(field: FieldOf<'attachment' | 'image'>, raw: unknown): CheckResult {
  if (!Array.isArray(raw)) return refuse('type');
  if (raw.length > field.maxFiles) return refuse('tooMany.files', { limit: field.maxFiles });
  const files: FileRef[] = [];
  for (const item of raw) {
    const file = readFileRef(item);
    if (!file) return refuse('format.file');
    if (!files.some((f) => f.id === file.id)) files.push(file);
  }
  if (field.minFiles !== undefined && files.length < field.minFiles) return refuse('tooFew.files', { limit: field.minFiles });
  const problems = files.map((file) => fileProblem(file, field.maxSizeMb, field.accept, field.type === 'image')).filter((p) => p !== null);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: files };
}

function checkSignature(field: FieldOf<'signature'>, raw: unknown): CheckResult {
  const file = readFileRef(raw);
  if (!file) return refuse('format.file');
  const problem = fileProblem(file, field.maxSizeMb, SIGNATURE_EXTENSIONS, true);
  return problem ? { ok: false, problems: [problem] } : { ok: true, value: file };
}

/**
 * The rows of a detail table. A row with every cell blank is dropped (the
 * phone shows an empty row to start with); the others are checked cell by
 * cell, and problems carry the row as submitted.
 */
function checkTable(field: FieldOf<'table'>, raw: unknown, context: CheckContext): CheckResult {
  if (!Array.isArray(raw) || raw.length > MAX_ITEMS) return refuse('type');
  const rows: TableRow[] = [];
  const problems: Problem[] = [];
  for (const [index, item] of raw.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return refuse('type');
    const cells = item as Record<string, unknown>;
    const cellOf = (key: string) => (Object.hasOwn(cells, key) ? cells[key] : undefined);
    if (field.columns.every((column) => isBlank(cellOf(column.key)) || cellOf(column.key) === false)) continue;
    const row: TableRow = {};
    for (const column of field.columns) {
      let cell = cellOf(column.key);
      if (column.type === 'switch' && isBlank(cell)) cell = false;
      if (isBlank(cell)) {
        if (column.required) problems.push({ say: requiredMessage(column.type), cell: { row: index, column } });
        continue;
      }
      const result = checkSimple(column, cell, context);
      if (!result.ok) problems.push(...result.problems.map((problem) => ({ ...problem, cell: { row: index, column } })));
      else if (column.type === 'switch' && column.required && result.value === false) problems.push({ say: 'required.confirm', cell: { row: index, column } });
      else row[column.key] = result.value;
    }
    rows.push(row);
  }
  if (rows.length > field.maxRows) return refuse('tooMany.rows', { limit: field.maxRows });
  if (rows.length > 0 && field.minRows !== undefined && rows.length < field.minRows) problems.unshift({ say: 'tooFew.rows', args: { limit: field.minRows } });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: rows };
}

/** The words asking for a missing value: 请选择 a choice, 请上传 a file, 请填写 the rest. */
export function requiredMessage(type: FormField['type']): MessageId {
  switch (type) {
    case 'select':
    case 'radio':
    case 'date':
    case 'time':
    case 'dateRange':
    case 'multiSelect':
    case 'checkbox':
    case 'person':
    case 'department':
      return 'required.choose';
    case 'attachment':
    case 'image':
      return 'required.upload';
    case 'signature':
      return 'required.sign';
    case 'switch':
      return 'required.confirm';
    case 'table':
      return 'required.add';
    default:
      return 'required.fill';
  }
}

/** Checks a present value of a field with a value of its own (not computed, not description). */
export function checkField(field: Exclude<FormField, { type: 'computed' | 'description' }>, raw: unknown, context: CheckContext): CheckResult {
  switch (field.type) {
    case 'multiSelect':
    case 'checkbox':
      return checkChoices(field, raw);
    case 'person':
    case 'department':
      return checkIds(field, raw);
    case 'dateRange':
      return checkDateRange(field, raw, context);
    case 'attachment':
    case 'image':
      return checkFiles(field, raw);
    case 'signature':
      return checkSignature(field, raw);
    case 'table':
      return checkTable(field, raw, context);
    default:
      return checkSimple(field, raw, context);
  }
}
