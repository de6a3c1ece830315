import { resolveFieldAccess } from '@onehall/forms';
import { indexTree, type ProcessDefinition } from '@onehall/engine';
import type { FormsService } from '../forms/forms.service.ts';
import type { ApplicationRow, TaskRow } from './workflow.table.ts';

/** What an approver's 同意 writes into the form: the checked edits, and how to recompute the data after them. */
export interface ApproverEdits {
  /** For the engine's approve action: the writable fields' normalised values; other keys as sent (the engine refuses them). */
  fields: Record<string, unknown> | undefined;
  /** Computes the computed fields again once the engine has merged the edits. */
  recompute: (data: Record<string, unknown>) => Record<string, unknown>;
}

const unchanged = (data: Record<string, unknown>) => data;

/**
 * Checks the fields an approver fills in at their step, as a submit would be
 * checked: with the validator's writable mode over the application's stored
 * values (the form version it started with), people and departments named
 * checked against the directory. Only a task of one's own approval at a node
 * with writable fields is checked here; anything else goes to the engine as
 * sent, which refuses fields that are not writable (FIELD_NOT_WRITABLE).
 */
export async function prepareApproverEdits(
  deps: { forms: FormsService; loadDefinition: (id: string) => Promise<ProcessDefinition> },
  application: ApplicationRow,
  task: TaskRow | undefined,
  edits: Record<string, unknown> | undefined,
): Promise<ApproverEdits> {
  if (!task || task.kind !== 'approve') return { fields: edits, recompute: unchanged };
  const node = indexTree(await deps.loadDefinition(application.process_definition_id)).nodes.get(task.node_id)?.node;
  if (node?.type !== 'approver') return { fields: edits, recompute: unchanged };
  const form = (await deps.forms.getById(application.form_definition_id)).schema;
  const { writable } = resolveFieldAccess(form, node.fields);
  if (writable.length === 0) return { fields: edits, recompute: unchanged };

  const sent = edits ?? {};
  const checked = await deps.forms.validateEdits(form, sent, { writable, current: application.data });
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(sent)) {
    if (!writable.includes(key)) fields[key] = sent[key];
    // A writable field sent blank is left out: it keeps its value.
    else if (checked[key] !== undefined) fields[key] = checked[key];
  }
  return { fields: Object.keys(fields).length > 0 ? fields : undefined, recompute: (data) => deps.forms.recompute(form, data) };
}
