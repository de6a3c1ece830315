import { useEffect, useState, type ReactNode } from 'react';
import type { FormRefsDto } from '@onehall/contracts';
import { isSameValue, type FileRef, type FormDefinition, type FormField, type TableColumn, type TableRow } from '@onehall/forms';
import { hallApi } from '../api/hall-api.ts';
import { t } from '../i18n/translate.ts';
import { displayValue } from '../lib/display-value.ts';
import { joinList, labelOf } from '../lib/form-text.ts';
import '../styles/resubmit.css';

/**
 * What a resubmission changed, field by field: "标题：旧 → 新". Used twice:
 * on 重新提交, before the person confirms (changes worked out on the phone
 * with the same comparison the server records), and in the approval record
 * for each resubmission (changes as the server recorded them). Values read
 * as on the detail page; a detail table by the rows that changed, files by
 * those added and removed, a signature as signed again.
 */

/** One changed field; `label` is the server's (Chinese) one, used when the form no longer has the field. */
export interface ValueChange {
  key: string;
  label?: string;
  from: unknown;
  to: unknown;
}

type TableField = Extract<FormField, { type: 'table' }>;

/** A row of a detail table that changed, was added or was removed (numbered from 1: the new number, or the old one for a removed row). */
interface RowChange {
  kind: 'changed' | 'added' | 'removed';
  row: number;
  cells: { column: TableColumn; from: unknown; to: unknown }[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
// Stored rows are the validator's (cells of simple values): read as such, like the detail page does.
const rowsOf = (value: unknown): TableRow[] => (Array.isArray(value) ? (value.filter(isRecord) as TableRow[]) : []);
const isFileRef = (value: unknown): value is FileRef => isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string';
const filesOf = (value: unknown): FileRef[] => (Array.isArray(value) ? value.filter(isFileRef) : isFileRef(value) ? [value] : []);
const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The rows of a table that differ: rows kept unchanged are matched first
 * (longest common subsequence, so deleting the first row does not make
 * every later row read as changed), then the rows between two kept ones are
 * paired as changed, and what is left over was added or removed.
 */
function tableRowChanges(field: TableField, from: unknown, to: unknown): RowChange[] {
  const before = rowsOf(from);
  const after = rowsOf(to);
  const [n, m] = [before.length, after.length];
  // common[i][j]: how many rows before[i..] and after[j..] have in common, in order.
  const common = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) common[i]![j] = isSameValue(before[i], after[j]) ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  }
  const changes: RowChange[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const [oldRow, newRow] = [before[removed[k]!]!, after[added[k]!]!];
      const cells = field.columns.filter((column) => !isSameValue(oldRow[column.key], newRow[column.key])).map((column) => ({ column, from: oldRow[column.key], to: newRow[column.key] }));
      changes.push({ kind: 'changed', row: added[k]! + 1, cells });
    }
    for (const index of removed.slice(paired)) changes.push({ kind: 'removed', row: index + 1, cells: filledCells(field, before[index]!) });
    for (const index of added.slice(paired)) changes.push({ kind: 'added', row: index + 1, cells: filledCells(field, after[index]!) });
    [removed, added] = [[], []];
  };
  let [i, j] = [0, 0];
  while (i < n && j < m) {
    if (isSameValue(before[i], after[j])) {
      flush();
      i++;
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) removed.push(i++);
    else added.push(j++);
  }
  while (i < n) removed.push(i++);
  while (j < m) added.push(j++);
  flush();
  return changes;
}

/** The cells of a whole row added or removed: those with a value. */
function filledCells(field: TableField, row: TableRow): RowChange['cells'] {
  return field.columns.filter((column) => !isBlank(row[column.key])).map((column) => ({ column, from: row[column.key], to: row[column.key] }));
}

/** "旧 → 新", the old value struck through. */
function FromTo({ from, to }: { from: string; to: string }) {
  return (
    <>
      <del>{from}</del> → <ins>{to}</ins>
    </>
  );
}

/** Items with the page's separator between them ("；" / "; "). */
function separated(items: ReactNode[]): ReactNode[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [t('resubmit.separator'), item]));
}

function TableChange({ field, from, to }: { field: TableField; from: unknown; to: unknown }) {
  const rows = tableRowChanges(field, from, to);
  const prefix = { changed: 'resubmit.row.changed', added: 'resubmit.row.added', removed: 'resubmit.row.removed' } as const;
  return (
    <ul className="resubmit-change__rows">
      {rows.map((row) => (
        <li key={`${row.kind}-${row.row}`} data-kind={row.kind}>
          {t(prefix[row.kind], { row: row.row })}
          {separated(
            row.cells.map((cell) =>
              row.kind === 'changed' ? (
                <span key={cell.column.key}>
                  {labelOf(cell.column)} <FromTo from={displayValue(cell.column, cell.from)} to={displayValue(cell.column, cell.to)} />
                </span>
              ) : (
                <span key={cell.column.key}>{t('resubmit.cell', { column: labelOf(cell.column), value: displayValue(cell.column, cell.to) })}</span>
              ),
            ),
          )}
        </li>
      ))}
    </ul>
  );
}

function FilesChange({ field, from, to }: { field: FormField; from: unknown; to: unknown }) {
  const [before, after] = [filesOf(from), filesOf(to)];
  const added = after.filter((file) => !before.some((old) => old.id === file.id));
  const removed = before.filter((file) => !after.some((now) => now.id === file.id));
  // The same files in another order: shown as the two lists.
  if (added.length === 0 && removed.length === 0) return <FromTo from={displayValue(field, from)} to={displayValue(field, to)} />;
  const names = (files: FileRef[]) => joinList(files.map((file) => file.name));
  return (
    <>
      {separated([
        ...(added.length > 0 ? [<ins key="added">{t('resubmit.files.added', { names: names(added) })}</ins>] : []),
        ...(removed.length > 0 ? [<del key="removed">{t('resubmit.files.removed', { names: names(removed) })}</del>] : []),
      ])}
    </>
  );
}

/** One field's change, readable by its type. */
function ChangeValue({ field, change, refs }: { field: FormField | undefined; change: ValueChange; refs: FormRefsDto | undefined }) {
  switch (field?.type) {
    case 'table':
      return <TableChange field={field} from={change.from} to={change.to} />;
    case 'attachment':
    case 'image':
      return <FilesChange field={field} from={change.from} to={change.to} />;
    case 'signature':
      return <ins>{isBlank(change.to) ? '—' : t('resubmit.signature')}</ins>;
    default:
      return <FromTo from={displayValue(field, change.from, refs)} to={displayValue(field, change.to, refs)} />;
  }
}

/** The ids of person and department fields' values a change names, that `refs` has no name for. */
function unknownIds(changes: readonly ValueChange[], form: Pick<FormDefinition, 'fields'>, refs: FormRefsDto | undefined) {
  const people = new Set<string>();
  const departments = new Set<string>();
  for (const change of changes) {
    const type = form.fields.find((field) => field.key === change.key)?.type;
    if (type !== 'person' && type !== 'department') continue;
    for (const value of [change.from, change.to]) {
      for (const id of Array.isArray(value) ? value : [value]) {
        if (typeof id !== 'string' || !id) continue;
        if (type === 'person' && !refs?.people[id]) people.add(id);
        if (type === 'department' && !refs?.departments[id]) departments.add(id);
      }
    }
  }
  return { people: [...people].sort(), departments: [...departments].sort() };
}

/**
 * The names behind the people and departments a change names. The detail's
 * `refs` has those of the application as sent back (and, in the approval
 * record, of every change); people and departments chosen on this page
 * are looked up. Until they are known (or if the look-up fails) they read
 * as an unknown person, as on the detail page.
 */
function useNames(changes: readonly ValueChange[], form: Pick<FormDefinition, 'fields'>, refs: FormRefsDto | undefined): FormRefsDto | undefined {
  const [learned, setLearned] = useState<FormRefsDto>({ people: {}, departments: {} });
  const missing = unknownIds(changes, form, refs);
  const missingPeople = missing.people.filter((id) => !learned.people[id]).join(',');
  const missingDepartments = missing.departments.filter((id) => !learned.departments[id]).join(',');
  useEffect(() => {
    if (!missingPeople && !missingDepartments) return;
    let live = true;
    const people = missingPeople ? hallApi.findPeople(missingPeople.split(',')).then((answer) => answer.items) : Promise.resolve([]);
    const departments = missingDepartments ? hallApi.getDepartments().then((answer) => answer.items.filter((item) => missingDepartments.split(',').includes(item.id))) : Promise.resolve([]);
    Promise.all([people, departments]).then(
      ([foundPeople, foundDepartments]) => {
        if (!live) return;
        setLearned((known) => ({
          people: { ...known.people, ...Object.fromEntries(foundPeople.map((person) => [person.personId, { name: person.name, departmentName: person.departmentName }])) },
          departments: { ...known.departments, ...Object.fromEntries(foundDepartments.map((department) => [department.id, { name: department.name }])) },
        }));
      },
      () => undefined, // Names only: the change still reads, with 未知人员.
    );
    return () => {
      live = false;
    };
  }, [missingPeople, missingDepartments]);
  if (missing.people.length === 0 && missing.departments.length === 0) return refs;
  return { people: { ...learned.people, ...refs?.people }, departments: { ...learned.departments, ...refs?.departments } };
}

interface ResubmitChangesProps {
  changes: readonly ValueChange[];
  form: Pick<FormDefinition, 'fields'>;
  refs?: FormRefsDto | undefined;
  /** The server says nothing changed (a resubmit seen by someone who sees every field): say so rather than nothing. */
  unchanged?: boolean | undefined;
}

/** The list of changed fields (修改内容); nothing, or 未修改内容 when `unchanged`, without changes. */
export function ResubmitChanges({ changes, form, refs, unchanged }: ResubmitChangesProps) {
  const names = useNames(changes, form, refs);
  if (changes.length === 0) return unchanged ? <span className="resubmit-changes__none">{t('resubmit.unchanged')}</span> : null;
  return (
    <ul className="resubmit-changes" aria-label={t('resubmit.changes')}>
      {changes.map((change) => {
        const field = form.fields.find((candidate) => candidate.key === change.key);
        return (
          <li key={change.key} className="resubmit-change" data-change={change.key}>
            <span className="resubmit-change__label">{t('resubmit.labelled', { label: field ? labelOf(field) : (change.label ?? change.key) })}</span>
            <ChangeValue field={field} change={change} refs={names} />
          </li>
        );
      })}
    </ul>
  );
}
