import { indexTree, nodesToChooseAfter, type EngineState, type ProcessDefinition, type TaskKind } from '@onehall/engine';
import type { Auth } from '../identity/identity.service.ts';

/**
 * Who may read an application: its applicant, anyone who has or had a task on
 * it, and administrators.
 */
export function canReadApplication(auth: Pick<Auth, 'personId' | 'roles'>, application: { applicant_person_id: string }, hasTask: boolean): boolean {
  return application.applicant_person_id === auth.personId || hasTask || auth.roles.includes('admin');
}

/**
 * Whether 批量同意 may decide a pending task: one's own approval (not a
 * delegate's answer or a signer's part) at a node that allows approving
 * with no opinion, has no field for the approver to fill, and leaves no next
 * approver to choose. Anything else needs the detail page. The todo list
 * offers exactly these; the batch action checks again.
 */
export function canBatchApprove(definition: ProcessDefinition, state: EngineState, task: { node_id: string; kind: TaskKind }): boolean {
  const node = indexTree(definition).nodes.get(task.node_id)?.node;
  if (node?.type !== 'approver' || task.kind !== 'approve') return false;
  if (!node.actions.includes('approve') || node.opinionRequired.approve) return false;
  if (Object.values(node.fields).includes('write')) return false;
  return nodesToChooseAfter(definition, state, node.id).length === 0;
}
