import type { ApplicationDetailDto, ApplicationSummaryDto, TaskDto, TimelineEntryDto } from '@onehall/contracts';
import type { FormDefinition } from '@onehall/forms';
import { canWithdraw, indexTree, nodesToChooseAfter, removablePeople, sendBackTargets, type ApproverNode, type ProcessDefinition } from '@onehall/engine';
import { changesForViewer, recordedChanges } from './workflow.changes.ts';
import type { PathStep } from './workflow.path.ts';
import type { ApplicationRow, TaskRow, TimelineRow } from './workflow.table.ts';

/** Names looked up once per response: people by id, services by id. */
export interface Names {
  people: Map<string, { name: string; departmentName: string | null }>;
  services: Map<string, { code: string; name: string }>;
}

function personRef(names: Names, personId: string) {
  const person = names.people.get(personId);
  return { personId, name: person?.name ?? '未知人员', departmentName: person?.departmentName ?? null };
}

/** People named in a timeline entry's detail (transfer target, signers, copies). */
export function peopleInDetail(detail: Record<string, unknown> | null): string[] {
  if (!detail) return [];
  const ids: string[] = [];
  for (const key of ['to', 'from', 'person']) if (typeof detail[key] === 'string') ids.push(detail[key] as string);
  if (Array.isArray(detail.people)) ids.push(...detail.people.filter((p): p is string => typeof p === 'string'));
  return ids;
}

/** The columns of an application that its summary shows. */
export type ApplicationSummaryRow = Pick<ApplicationRow, 'id' | 'serial_no' | 'service_id' | 'title' | 'status' | 'applicant_person_id' | 'current_node_name' | 'submitted_at' | 'ended_at'>;

/** The one mapping from an application row to what lists show. */
export function applicationToSummaryDto(row: ApplicationSummaryRow, pendingAssignees: string[], names: Names): ApplicationSummaryDto {
  const service = names.services.get(row.service_id);
  return {
    id: row.id,
    serialNo: row.serial_no,
    serviceCode: service?.code ?? '',
    serviceName: service?.name ?? '',
    title: row.title,
    status: row.status,
    applicant: personRef(names, row.applicant_person_id),
    currentNodeName: row.current_node_name,
    currentApprovers: [...new Set(pendingAssignees)].map((id) => personRef(names, id).name),
    submittedAt: row.submitted_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
  };
}

export function taskToDto(row: TaskRow, names: Names): TaskDto {
  return {
    id: row.id,
    nodeId: row.node_id,
    nodeName: row.node_name,
    assignee: personRef(names, row.assignee_person_id),
    kind: row.kind,
    status: row.status,
    opinion: row.opinion,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
  };
}

const signerPositionText: Record<string, string> = { before: '前加签', after: '后加签', parallel: '并加签' };

/** The specific form of an action, from its detail: the kind of 加签, or where a 退回 went. */
function timelineNote(row: TimelineRow, nodeName: (nodeId: string) => string): string | null {
  const detail = row.detail ?? {};
  if (row.action === 'addSigner' && typeof detail.position === 'string') return signerPositionText[detail.position] ?? null;
  if (row.action === 'sendBack' && typeof detail.target === 'string') return detail.target === 'applicant' ? '退回申请人' : `退回到“${nodeName(detail.target)}”`;
  return null;
}

/** `position` is the entry's place in its application's timeline (1 first): its id in the API. */
export function timelineToDto(row: TimelineRow, position: number, names: Names, form?: FormDefinition, nodeName: (nodeId: string) => string = (id) => id): TimelineEntryDto {
  return {
    id: String(position),
    action: row.action,
    actorName: row.actor_person_id ? personRef(names, row.actor_person_id).name : null,
    nodeName: row.node_name,
    opinion: row.opinion,
    people: peopleInDetail(row.detail).map((id) => personRef(names, id).name),
    note: timelineNote(row, nodeName),
    ...recordedChanges(row, form),
    at: row.at.toISOString(),
  };
}

export interface DetailParts {
  form: FormDefinition;
  definition: ProcessDefinition;
  tasks: TaskRow[];
  timeline: TimelineRow[];
  viewerId: string;
  /** The viewer took part (applicant, approver, copied or administrator): may comment and copy. */
  isParticipant: boolean;
  /** The application was copied to the viewer. */
  copied: boolean;
  /** The application's path (workflow.path.ts). */
  path: PathStep[];
}

/**
 * The detail page's data: the summary, the form and its values (fields
 * hidden at the viewer's node left out), the timeline, the tasks, and what
 * the viewer may do — exactly what the engine will accept.
 */
export function applicationToDetailDto(row: ApplicationRow, parts: DetailParts, names: Names): ApplicationDetailDto {
  const state = row.engine_state;
  const pending = parts.tasks.filter((task) => task.status === 'pending');
  const mine = pending.find((task) => task.assignee_person_id === parts.viewerId);
  // A task of the viewer's that waits for a delegate or before-signers: still theirs, with little to do.
  const waiting = mine ? undefined : parts.tasks.find((task) => task.status === 'suspended' && task.assignee_person_id === parts.viewerId);
  const current = mine ?? waiting;
  const tree = indexTree(parts.definition);
  const node = current ? tree.nodes.get(current.node_id)?.node : undefined;
  const approverNode = node?.type === 'approver' ? node : undefined;
  const isApplicant = row.applicant_person_id === parts.viewerId;

  let myTask: ApplicationDetailDto['myTask'] = null;
  let hidden = new Set<string>();
  if (current && approverNode) {
    const allowed = approverNode.actions;
    const actions = waiting
      ? allowed.filter((a) => a === 'removeSigner' || a === 'comment')
      : current.kind === 'delegate'
        ? allowed.filter((a) => a === 'approve' || a === 'comment')
        : current.kind === 'approve'
          ? allowed
          : allowed.filter((a) => a === 'approve' || a === 'reject' || a === 'transfer' || a === 'comment');
    const targets = approverNode.sendBack.targets.includes('any') || approverNode.sendBack.targets.includes('previous') ? sendBackTargets(parts.definition, state, approverNode.id) : [];
    const chooseNext = nodesToChooseAfter(parts.definition, state, approverNode.id).map((id) => tree.nodes.get(id)!.node as ApproverNode);
    const helpers = parts.tasks.filter((task) => (task.status === 'pending' || task.status === 'suspended') && task.for_key === current.engine_key);
    myTask = {
      id: current.id,
      kind: current.kind,
      nodeId: approverNode.id,
      nodeName: approverNode.name,
      actions,
      opinionRequired: approverNode.opinionRequired,
      writableFields: !waiting && current.kind === 'approve' ? Object.entries(approverNode.fields).filter(([, p]) => p === 'write').map(([key]) => key) : [],
      sendBackTargets: waiting ? [] : (approverNode.sendBack.targets.includes('any') ? targets : targets.slice(0, 1)).map((id) => ({ nodeId: id, name: tree.nodes.get(id)?.node.name ?? id })),
      sendBackToApplicant: !waiting && approverNode.sendBack.targets.includes('applicant'),
      chooseNext: waiting ? [] : chooseNext.map((n) => ({ nodeId: n.id, name: n.name, max: n.assignee.kind === 'previousApproverChooses' ? n.assignee.max : 1 })),
      removable: removablePeople(state, approverNode.id, parts.viewerId).map((id) => personRef(names, id)),
      waiting: Boolean(waiting),
      waitingFor: helpers.map((task) => personRef(names, task.assignee_person_id)),
    };
    hidden = new Set(Object.entries(approverNode.fields).filter(([, p]) => p === 'hidden').map(([key]) => key));
  }
  const data = Object.fromEntries(Object.entries(row.data).filter(([key]) => !hidden.has(key)));
  const form = hidden.size > 0 ? { fields: parts.form.fields.filter((field) => !hidden.has(field.key)) } : parts.form;
  return {
    ...applicationToSummaryDto(row, pending.map((task) => task.assignee_person_id), names),
    form,
    data,
    // A change to a field hidden at the viewer's node stays hidden in the diff too.
    timeline: parts.timeline.map((entry, index) => timelineToDto(entry, index + 1, names, parts.form, (id) => tree.nodes.get(id)?.node.name ?? id)).map((entry) => ({ ...entry, ...changesForViewer(entry, hidden) })),
    tasks: parts.tasks.map((task) => taskToDto(task, names)),
    path: parts.path.map((step) => ({ ...step, people: step.people.map((id) => personRef(names, id)) })),
    myTaskId: mine?.id ?? null,
    myTask,
    copiedToMe: parts.copied,
    can: {
      withdraw: isApplicant && canWithdraw(parts.definition, state),
      urge: isApplicant && row.status === 'running' && pending.length > 0,
      resubmit: isApplicant && row.status === 'returned',
      comment: parts.isParticipant,
      cc: parts.isParticipant && (row.status === 'running' || row.status === 'returned'),
    },
  };
}
