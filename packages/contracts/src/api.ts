import { z } from 'zod';
import { formSchema } from '@onehall/forms';
import { limits } from './limits.ts';
import { applicationStatuses, personKinds, taskStatuses, timelineActions } from './enums.ts';

/**
 * Request and response schemas of the HTTP API. The server validates with
 * them and publishes them as OpenAPI; the front ends import the types.
 */

const id = z.uuid();
const isoDateTime = z.string().describe('ISO 8601 timestamp (UTC)');

// ── errors ──────────────────────────────────────────────────────────────
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    /** Field errors of a form or body, when the code is FORM_INVALID or VALIDATION_FAILED. */
    fields: z.array(z.object({ key: z.string(), code: z.string(), message: z.string() })).optional(),
    /** For ACCOUNT_LOCKED: when the lock ends. */
    lockedUntil: isoDateTime.optional(),
    /** For INVALID_CREDENTIALS: attempts left before the lock. */
    attemptsLeft: z.number().int().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

// ── identity ────────────────────────────────────────────────────────────
export const loginBody = z.object({
  accountNo: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const meDto = z.object({
  personId: id,
  accountNo: z.string(),
  name: z.string(),
  kind: z.enum(personKinds),
  departmentName: z.string().nullable(),
  className: z.string().nullable(),
  /** Masked unless the caller may see it: 138****5678. */
  phone: z.string().nullable(),
  roles: z.array(z.string()),
  mustChangePassword: z.boolean(),
  /** Send back in the X-CSRF-Token header on every state-changing request. */
  csrfToken: z.string(),
});
export type MeDto = z.infer<typeof meDto>;

// ── catalog ─────────────────────────────────────────────────────────────
export const bannerDto = z.object({
  id,
  title: z.string(),
  imageUrl: z.string(),
  /** Where a tap leads: an H5 route such as /hall or /services/website-change. */
  link: z.string(),
});
export type BannerDto = z.infer<typeof bannerDto>;

export const serviceSummaryDto = z.object({
  id,
  code: z.string(),
  name: z.string(),
  icon: z.string(),
  departmentName: z.string(),
  summary: z.string(),
});
export type ServiceSummaryDto = z.infer<typeof serviceSummaryDto>;

export const categoryDto = z.object({
  id,
  name: z.string(),
  services: z.array(serviceSummaryDto),
});
export type CategoryDto = z.infer<typeof categoryDto>;

export const homeDto = z.object({ banners: z.array(bannerDto) });
export type HomeDto = z.infer<typeof homeDto>;

export const catalogQuery = z.object({ q: z.string().trim().max(limits.searchMaxLength).optional() });
export const catalogDto = z.object({ categories: z.array(categoryDto) });
export type CatalogDto = z.infer<typeof catalogDto>;

/** 办事指南: what a person reads before applying. */
export const guideSchema = z.object({
  purpose: z.string(),
  audience: z.string(),
  materials: z.array(z.string()),
  timeLimit: z.string(),
  process: z.string(),
  departmentName: z.string(),
  contactPhone: z.string(),
  location: z.string().optional(),
  notes: z.string().optional(),
});
export type Guide = z.infer<typeof guideSchema>;

export const serviceDetailDto = serviceSummaryDto.extend({
  guide: guideSchema,
  form: formSchema,
  formVersion: z.number().int(),
  /** The approval steps a new application will pass, by name. */
  steps: z.array(z.object({ nodeId: z.string(), name: z.string() })),
});
export type ServiceDetailDto = z.infer<typeof serviceDetailDto>;

// ── applications and tasks ───────────────────────────────────────────────
export const submitApplicationBody = z.object({
  serviceCode: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()),
  /** A client-made key (e.g. a UUID per form opening): resubmitting it returns the first result. */
  idempotencyKey: z.string().min(8).max(64),
});
export type SubmitApplicationBody = z.infer<typeof submitApplicationBody>;

export const personRefDto = z.object({ personId: id, name: z.string(), departmentName: z.string().nullable() });
export type PersonRefDto = z.infer<typeof personRefDto>;

export const applicationSummaryDto = z.object({
  id,
  serialNo: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  title: z.string(),
  status: z.enum(applicationStatuses),
  applicant: personRefDto,
  /** The node now waiting, or null once ended. */
  currentNodeName: z.string().nullable(),
  /** The people the current node waits for. */
  currentApprovers: z.array(z.string()),
  submittedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
});
export type ApplicationSummaryDto = z.infer<typeof applicationSummaryDto>;

export const timelineEntryDto = z.object({
  id: z.string(),
  action: z.enum(timelineActions),
  actorName: z.string().nullable(),
  nodeName: z.string().nullable(),
  opinion: z.string().nullable(),
  at: isoDateTime,
});
export type TimelineEntryDto = z.infer<typeof timelineEntryDto>;

export const taskDto = z.object({
  id,
  nodeId: z.string(),
  nodeName: z.string(),
  assignee: personRefDto,
  status: z.enum(taskStatuses),
  opinion: z.string().nullable(),
  createdAt: isoDateTime,
  completedAt: isoDateTime.nullable(),
});
export type TaskDto = z.infer<typeof taskDto>;

export const applicationDetailDto = applicationSummaryDto.extend({
  form: formSchema,
  data: z.record(z.string(), z.union([z.string(), z.number()])),
  timeline: z.array(timelineEntryDto),
  tasks: z.array(taskDto),
  /** The caller's own pending task on this application, if any: the one the action bar acts on. */
  myTaskId: id.nullable(),
});
export type ApplicationDetailDto = z.infer<typeof applicationDetailDto>;

export const listQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
});
export const sentListQuery = listQuery.extend({ status: z.enum(applicationStatuses).optional() });
export type SentListQuery = z.infer<typeof sentListQuery>;

export const applicationListDto = z.object({
  items: z.array(applicationSummaryDto),
  nextCursor: z.string().nullable(),
});
export type ApplicationListDto = z.infer<typeof applicationListDto>;

export const taskListItemDto = z.object({
  taskId: id,
  taskStatus: z.enum(taskStatuses),
  nodeName: z.string(),
  receivedAt: isoDateTime,
  handledAt: isoDateTime.nullable(),
  application: applicationSummaryDto,
});
export type TaskListItemDto = z.infer<typeof taskListItemDto>;

export const taskListDto = z.object({ items: z.array(taskListItemDto), nextCursor: z.string().nullable() });
export type TaskListDto = z.infer<typeof taskListDto>;

export const inboxCountsDto = z.object({ todo: z.number().int(), done: z.number().int() });
export type InboxCountsDto = z.infer<typeof inboxCountsDto>;

export const decideBody = z.object({
  opinion: z.string().trim().max(limits.opinionMaxLength).default(''),
});
export type DecideBody = z.infer<typeof decideBody>;

export const taskIdParams = z.object({ taskId: id });
export const applicationIdParams = z.object({ applicationId: id });
export const serviceCodeParams = z.object({ code: z.string().min(1).max(64) });

// ── admin ───────────────────────────────────────────────────────────────
export const adminDashboardDto = z.object({
  people: z.number().int(),
  services: z.number().int(),
  applicationsRunning: z.number().int(),
  applicationsTotal: z.number().int(),
  tasksPending: z.number().int(),
});
export type AdminDashboardDto = z.infer<typeof adminDashboardDto>;

export const okDto = z.object({ ok: z.literal(true) });
