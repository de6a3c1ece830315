import { z } from 'zod';
import { applicationSummaryDto, inboxCountsDto, listQuery, sentListQuery, taskListItemDto } from './api.ts';
import { listKinds } from './enums.ts';
import { limits } from './limits.ts';

/**
 * The lists of 发出的事项 and 收到的事项 (待办, 已办, 抄送我), their filters
 * and counts, copying an application as a new one, and the message centre
 * (消息). Every list is keyset-paginated by an opaque cursor. The status
 * tabs of 发出的事项 and the list kinds are plain constants in enums.ts, so
 * the H5 reads them without zod.
 */

const isoDateTime = z.string().describe('ISO 8601 timestamp (UTC)');

/** A day of the school's calendar (Asia/Shanghai): 2026-03-09. */
export const shanghaiDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  // A calendar day that exists: 2026-02-30 is refused.
  .refine((text) => {
    const day = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
  }, '日期无效');

/**
 * What every list can be narrowed to: one service, and a range of days
 * (both ends included). The day is that of the list's own time: submitted
 * (发出的事项), received (待办), handled (已办), copied (抄送我).
 */
const filterShape = {
  serviceId: z.uuid().optional(),
  from: shanghaiDay.optional(),
  to: shanghaiDay.optional(),
};
const rangeInOrder = (query: { from?: string | undefined; to?: string | undefined }) => !query.from || !query.to || query.from <= query.to;
const rangeMessage = { message: '开始日期不能晚于结束日期', path: ['to'] };

/** 发出的事项: by status, service and the day submitted. */
export const sentItemsQuery = sentListQuery.extend(filterShape).refine(rangeInOrder, rangeMessage);
export type SentItemsQuery = z.infer<typeof sentItemsQuery>;

/** 待办, 已办 and 抄送我: by service, day, and a search of the applicant's name, the title or the serial number. */
export const receivedListQuery = listQuery.extend({ ...filterShape, q: z.string().trim().max(limits.searchMaxLength).optional() }).refine(rangeInOrder, rangeMessage);
export type ReceivedListQuery = z.infer<typeof receivedListQuery>;

/** One of my tasks in 待办 or 已办. */
export const receivedTaskDto = taskListItemDto.extend({
  /** Whether 批量同意 can decide it: an approval needing no opinion, form field or choice of the next approvers. */
  canBatchApprove: z.boolean(),
});
export type ReceivedTaskDto = z.infer<typeof receivedTaskDto>;
export const receivedTaskListDto = z.object({ items: z.array(receivedTaskDto), nextCursor: z.string().nullable() });
export type ReceivedTaskListDto = z.infer<typeof receivedTaskListDto>;

/** An application copied to me (抄送我). */
export const copyItemDto = z.object({
  copiedAt: isoDateTime,
  /** When I first opened it; null while unread. */
  readAt: isoDateTime.nullable(),
  /** Who copied it to me, or whose decision led to a CC step; null when nobody did (a timer). */
  copiedBy: z.string().nullable(),
  application: applicationSummaryDto,
});
export type CopyItemDto = z.infer<typeof copyItemDto>;
export const copyListDto = z.object({ items: z.array(copyItemDto), nextCursor: z.string().nullable() });
export type CopyListDto = z.infer<typeof copyListDto>;

/** 收到的事项's numbers: 待办, 已办, 抄送我 and how many copies are unread. */
export const receivedCountsDto = inboxCountsDto.extend({ cc: z.number().int(), ccUnread: z.number().int() });
export type ReceivedCountsDto = z.infer<typeof receivedCountsDto>;

/**
 * 再次申请: what a new application of the same service starts from, taken
 * from one of my applications. Values only for fields the service's form
 * has now, and none that approvers fill in.
 */
export const applicationCopyDto = z.object({
  applicationId: z.uuid(),
  serialNo: z.string(),
  serviceCode: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type ApplicationCopyDto = z.infer<typeof applicationCopyDto>;

/** The services a list's filter offers: those the caller's list has items of (not the catalog, which shows only what one may apply for). */
export const listServicesQuery = z.object({ list: z.enum(listKinds) });
export const listServicesDto = z.object({ services: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })) });
export type ListServicesDto = z.infer<typeof listServicesDto>;

// ── 消息: the message centre ──

/** A message the hall sent me: what happened to my applications and my tasks. */
export const messageDto = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** An H5 route to open (the application), or null. */
  link: z.string().nullable(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type MessageDto = z.infer<typeof messageDto>;
export const messageListDto = z.object({ items: z.array(messageDto), nextCursor: z.string().nullable() });
export type MessageListDto = z.infer<typeof messageListDto>;
export const unreadCountDto = z.object({ unread: z.number().int() });
export type UnreadCountDto = z.infer<typeof unreadCountDto>;
export const messageIdParams = z.object({ messageId: z.string().regex(/^\d{1,19}$/, '消息编号无效') });
