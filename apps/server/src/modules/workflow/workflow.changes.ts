import type { FieldChangeDto, TimelineEntryDto } from '@onehall/contracts';
import { isSameValue, type FormDefinition } from '@onehall/forms';
import type { TimelineRow } from './workflow.table.ts';

/**
 * What a resubmission changed, from its timeline entry to the detail's
 * timeline. The engine compares the data sent with the data stored when the
 * application was sent back (`changedFields` of @onehall/forms) and keeps
 * the differences in the entry's detail (`{ changes: [{ key, from, to }] }`),
 * written with the resubmit itself: the write happens only if the
 * application is still the version read, so the comparison is with exactly
 * the data it replaces.
 */

interface StoredChange {
  key: string;
  from: unknown;
  to: unknown;
}

const isStoredChange = (value: unknown): value is StoredChange =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';

/**
 * A resubmit's changes with the fields' labels, in the form's order, and
 * whether it changed nothing (other entries: no changes, nothing said).
 * Entries recorded before the engine compared values as values may list a
 * field whose value only came back from jsonb with its keys reordered: those
 * are left out here, so old timelines read right too.
 */
export function recordedChanges(row: Pick<TimelineRow, 'action' | 'detail'>, form?: FormDefinition): Pick<TimelineEntryDto, 'changes' | 'unchanged'> {
  const recorded = Array.isArray(row.detail?.changes) ? row.detail.changes : null;
  const fields = form?.fields ?? [];
  const place = (key: string) => {
    const index = fields.findIndex((field) => field.key === key);
    return index === -1 ? fields.length : index;
  };
  const changes: FieldChangeDto[] = (recorded ?? [])
    .filter(isStoredChange)
    .filter((change) => !isSameValue(change.from, change.to))
    .map((change, index) => ({ change, index }))
    .sort((a, b) => place(a.change.key) - place(b.change.key) || a.index - b.index)
    .map(({ change }) => ({ key: change.key, label: fields.find((field) => field.key === change.key)?.label ?? change.key, from: change.from ?? null, to: change.to ?? null }));
  return row.action === 'resubmit' && recorded ? { changes, unchanged: changes.length === 0 } : { changes };
}

/**
 * The changes of an entry as one viewer may see them: without the fields
 * hidden at the viewer's step (their values are not in the detail either).
 * Only a viewer who sees every field is told a resubmit was `unchanged`: to
 * anyone else an empty list may be hiding a change, and saying whether
 * would tell them about a field they may not see.
 */
export function changesForViewer(entry: TimelineEntryDto, hidden: ReadonlySet<string>): Pick<TimelineEntryDto, 'changes' | 'unchanged'> {
  if (hidden.size === 0) return { changes: entry.changes, unchanged: entry.unchanged };
  return { changes: entry.changes.filter((change) => !hidden.has(change.key)), unchanged: undefined };
}
