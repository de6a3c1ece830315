import type { ApplicationDetailDto, ApplicationSummaryDto, TaskDto, TimelineEntryDto } from '@onehall/contracts';
import type { FormDefinition } from '@onehall/forms';
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

/** The one mapping from an application row to what lists show. */
export function applicationToSummaryDto(row: ApplicationRow, pendingAssignees: string[], names: Names): ApplicationSummaryDto {
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
    currentApprovers: pendingAssignees.map((id) => personRef(names, id).name),
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
    status: row.status,
    opinion: row.opinion,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
  };
}

export function timelineToDto(row: TimelineRow, names: Names): TimelineEntryDto {
  return {
    id: String(row.id),
    action: row.action,
    actorName: row.actor_person_id ? personRef(names, row.actor_person_id).name : null,
    nodeName: row.node_name,
    opinion: row.opinion,
    at: row.at.toISOString(),
  };
}

export function applicationToDetailDto(
  row: ApplicationRow,
  parts: { form: FormDefinition; tasks: TaskRow[]; timeline: TimelineRow[]; viewerId: string },
  names: Names,
): ApplicationDetailDto {
  const pending = parts.tasks.filter((task) => task.status === 'pending');
  const mine = pending.find((task) => task.assignee_person_id === parts.viewerId);
  return {
    ...applicationToSummaryDto(row, pending.map((task) => task.assignee_person_id), names),
    form: parts.form,
    data: row.data,
    timeline: parts.timeline.map((entry) => timelineToDto(entry, names)),
    tasks: parts.tasks.map((task) => taskToDto(task, names)),
    myTaskId: mine?.id ?? null,
  };
}
