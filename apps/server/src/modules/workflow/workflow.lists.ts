import type { ApplicationListDto, CopyListDto, ListKind, ListServicesDto, ReceivedCountsDto, ReceivedListQuery, ReceivedTaskListDto, SentItemsQuery } from '@onehall/contracts';
import type { TaskKind } from '@onehall/engine';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import type { Db } from '../../platform/db.ts';
import type { Auth } from '../identity/identity.service.ts';
import * as lists from './lists.repository.ts';
import type { WorkflowCore } from './workflow.core.ts';
import { canBatchApprove } from './workflow.policy.ts';

const DAY_MS = 86_400_000;

/**
 * A range of Shanghai days as times: from the start of `from` to the start of
 * the day after `to` (the school's calendar is UTC+8 all year, no summer time).
 */
export function shanghaiDayRange(from: string | undefined, to: string | undefined): lists.TimeRange {
  const start = (day: string) => new Date(`${day}T00:00:00+08:00`);
  return { from: from ? start(from) : undefined, until: to ? new Date(start(to).getTime() + DAY_MS) : undefined };
}

/** The next page's cursor: one row more than a page was asked for, so a full last page says whether more follow. */
function nextCursor<T>(rows: T[], limit: number, key: (row: T) => { at: Date | null; id: string }): string | null {
  if (rows.length <= limit) return null;
  const last = key(rows[limit - 1]!);
  return last.at ? encodeCursor({ at: last.at, id: last.id }) : null;
}

/**
 * 发出的事项 and 收到的事项: the lists, their filters and counts. Each asks the
 * repository for one page plus one row, then names people and services
 * through the core's caches.
 */
export function createWorkflowLists(deps: { db: Db; core: WorkflowCore }) {
  const { db, core } = deps;

  return {
    /** 发出的事项: my applications, by status, service and the day submitted. */
    async listSent(auth: Auth, query: SentItemsQuery): Promise<ApplicationListDto> {
      const rows = await lists.findSentApplications(db, auth.personId, {
        status: query.status,
        serviceId: query.serviceId,
        range: shanghaiDayRange(query.from, query.to),
        cursor: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const toDto = await core.summarise(page);
      return { items: page.map(toDto), nextCursor: nextCursor(rows, query.limit, (row) => ({ at: row.submitted_at, id: row.id })) };
    },

    /** 待办 (by the day received) or 已办 (by the day handled), with the service, day and search filters. */
    async listTasks(auth: Auth, which: 'todo' | 'done', query: ReceivedListQuery): Promise<ReceivedTaskListDto> {
      const rows = await lists.findTasksOfPerson(db, auth.personId, {
        which,
        serviceId: query.serviceId,
        range: shanghaiDayRange(query.from, query.to),
        search: query.q || undefined,
        cursor: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const toDto = await core.summarise(page);
      const batchable = await Promise.all(
        page.map(async (row) => which === 'todo' && canBatchApprove(await core.loadDefinition(row.process_definition_id), row.engine_state, { node_id: row.task_node_id, kind: row.task_kind as TaskKind })),
      );
      return {
        items: page.map((row, index) => ({
          taskId: row.task_id,
          taskStatus: row.task_status,
          nodeName: row.task_node_name,
          receivedAt: row.task_created_at.toISOString(),
          handledAt: row.task_completed_at ? row.task_completed_at.toISOString() : null,
          canBatchApprove: batchable[index]!,
          application: toDto(row),
        })),
        nextCursor: nextCursor(rows, query.limit, (row) => ({ at: which === 'todo' ? row.task_created_at : row.task_completed_at, id: row.task_id })),
      };
    },

    /** 抄送我: applications copied to me, by the day copied. */
    async listCopies(auth: Auth, query: ReceivedListQuery): Promise<CopyListDto> {
      const rows = await lists.findCopiesOfPerson(db, auth.personId, {
        serviceId: query.serviceId,
        range: shanghaiDayRange(query.from, query.to),
        search: query.q || undefined,
        cursor: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const [toDto, names] = await Promise.all([core.summarise(page), core.lookUpNames(page.flatMap((row) => (row.copied_by ? [row.copied_by] : [])), [])]);
      return {
        items: page.map((row) => ({
          copiedAt: row.copied_at.toISOString(),
          readAt: row.copy_read_at ? row.copy_read_at.toISOString() : null,
          copiedBy: row.copied_by ? (names.people.get(row.copied_by)?.name ?? '未知人员') : null,
          application: toDto(row),
        })),
        nextCursor: nextCursor(rows, query.limit, (row) => ({ at: row.copied_at, id: row.copy_id })),
      };
    },

    /** The services a list's filter offers: those the caller's list has items of, by name. */
    async listServices(auth: Auth, list: ListKind): Promise<ListServicesDto> {
      const ids = await lists.findServicesOfList(db, auth.personId, list);
      const names = await core.lookUpNames([], ids);
      const services = ids.flatMap((id) => {
        const service = names.services.get(id);
        return service ? [{ id, code: service.code, name: service.name }] : [];
      });
      return { services: services.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
    },

    /** 收到的事项's numbers. */
    countReceived(auth: Auth): Promise<ReceivedCountsDto> {
      return lists.countReceived(db, auth.personId);
    },
  };
}
