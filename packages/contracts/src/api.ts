import { z } from 'zod';
import { formShapeSchema, formValueSchema } from '@onehall/forms';
import { limits } from './limits.ts';
import { formRefsDto } from './form-lookups.ts';
import { fieldChangeDto, resubmitUnchangedDto } from './resubmit-changes.ts';
import { applicationStatuses, auditActions, identityProviderIds, personKinds, taskKinds, taskStatuses, timelineActions } from './enums.ts';

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
    /** For URGE_TOO_SOON: when urging is possible again. */
    retryAt: isoDateTime.optional(),
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
  /** The person's department, for a department field prefilled from the person. */
  departmentId: id.nullable(),
  className: z.string().nullable(),
  /** Masked unless the caller may see it: 138****5678. */
  phone: z.string().nullable(),
  roles: z.array(z.string()),
  mustChangePassword: z.boolean(),
  /** Who proved the person at this session's login ('local': the hall's own password). A 'cas' session can end the CAS session too at logout. */
  provider: z.enum(identityProviderIds),
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
  /** Answered as stored (checked when published): the shape only, so a form filtered for an approver still serialises. */
  form: formShapeSchema,
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
  /** People the applicant chose for nodes whose approvers are chosen at submit, by node id. */
  chosen: z.record(z.string(), z.array(z.uuid()).min(1).max(20)).optional(),
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
  /** Who else the entry names (the person transferred to, signers added, people copied), by name. */
  people: z.array(z.string()),
  /** The specific form of the action, in Chinese, when it has one: 前加签 / 后加签 / 并加签, 退回申请人 / 退回到“…”. */
  note: z.string().nullable(),
  /** For a resubmit: what the applicant changed, field by field (labels from the form). */
  changes: z.array(fieldChangeDto),
  /** For a resubmit: whether nothing changed (resubmit-changes.ts says when it is answered). */
  unchanged: resubmitUnchangedDto,
  at: isoDateTime,
});
export type TimelineEntryDto = z.infer<typeof timelineEntryDto>;

export const taskDto = z.object({
  id,
  nodeId: z.string(),
  nodeName: z.string(),
  assignee: personRefDto,
  kind: z.enum(taskKinds),
  status: z.enum(taskStatuses),
  opinion: z.string().nullable(),
  createdAt: isoDateTime,
  completedAt: isoDateTime.nullable(),
});
export type TaskDto = z.infer<typeof taskDto>;

/**
 * One step of an application's path, first to last: 提交申请 (the applicant;
 * 申请人修改 while sent back), then each approver and CC step the data leads
 * through, done, current or coming, with its people — for coming steps the
 * people resolved at submit, or `undetermined` (待定) when chosen later.
 * Steps an ended application never reached are 'skipped'.
 */
export const applicationPathStepDto = z.object({
  nodeId: z.string(),
  name: z.string(),
  type: z.enum(['start', 'approver', 'cc']),
  state: z.enum(['done', 'rejected', 'current', 'coming', 'skipped']),
  people: z.array(personRefDto),
  undetermined: z.boolean(),
  autoPass: z.boolean(),
  mode: z.enum(['any', 'all', 'sequential', 'ratio']).optional(),
  branch: z.string().optional(),
});
export type ApplicationPathStepDto = z.infer<typeof applicationPathStepDto>;

export const applicationDetailDto = applicationSummaryDto.extend({
  /** The path (optional: answers stored for a repeated idempotency key before it existed have none). */
  path: z.array(applicationPathStepDto).optional(),
  /** Answered as stored (checked when published): the shape only, so a form filtered for an approver still serialises. */
  form: formShapeSchema,
  data: z.record(z.string(), formValueSchema),
  /** Names of the people and departments the person and department fields hold (optional: answers stored before it existed have none). */
  refs: formRefsDto.optional(),
  timeline: z.array(timelineEntryDto),
  tasks: z.array(taskDto),
  /** The caller's own pending task on this application, if any: the one the action bar acts on. */
  myTaskId: id.nullable(),
  /** What the caller may do with that task at this node. */
  myTask: z
    .object({
      id,
      kind: z.enum(taskKinds),
      nodeId: z.string(),
      nodeName: z.string(),
      actions: z.array(z.enum(['approve', 'reject', 'sendBack', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'comment', 'cc'])),
      opinionRequired: z.object({ approve: z.boolean(), reject: z.boolean() }),
      writableFields: z.array(z.string()),
      /** Earlier steps this task may send the application back to. */
      sendBackTargets: z.array(z.object({ nodeId: z.string(), name: z.string() })),
      sendBackToApplicant: z.boolean(),
      /** Next steps whose approvers this approver chooses. */
      chooseNext: z.array(z.object({ nodeId: z.string(), name: z.string(), max: z.number().int() })),
      /** People this approver may remove (pending co-approvers or signers they added). */
      removable: z.array(personRefDto),
      /** The task waits for a delegate or before-signers: only 减签 and comments until they answer. */
      waiting: z.boolean(),
      /** Who it waits for. */
      waitingFor: z.array(personRefDto),
    })
    .nullable(),
  /** The application was copied to the caller (抄送), whatever else they are to it: opening it is the read receipt (optional: answers stored before it existed have none). */
  copiedToMe: z.boolean().optional(),
  /** What the caller may do with the application as a whole. */
  can: z.object({ withdraw: z.boolean(), urge: z.boolean(), resubmit: z.boolean(), comment: z.boolean(), cc: z.boolean() }),
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

const opinion = z.string().trim().max(limits.opinionMaxLength).default('');
/** Optional on every action: the same person repeating an action with the same key gets the first answer. */
const idempotencyKey = z.string().min(8).max(64).optional();

export const decideBody = z.object({ opinion, idempotencyKey });
export type DecideBody = z.infer<typeof decideBody>;

export const approveBody = decideBody.extend({
  /** Values of the fields writable at this node, saved with the decision. */
  fields: z.record(z.string(), z.unknown()).optional(),
  /** Approvers chosen for the next steps, by node id. */
  chosen: z.record(z.string(), z.array(z.uuid()).min(1).max(20)).optional(),
});
export type ApproveBody = z.infer<typeof approveBody>;

export const sendBackBody = decideBody.extend({
  target: z.union([z.literal('applicant'), z.literal('previous'), z.object({ nodeId: z.string().min(1).max(40) })]),
});
export type SendBackBody = z.infer<typeof sendBackBody>;

export const handOverBody = decideBody.extend({ to: z.uuid() });
export type HandOverBody = z.infer<typeof handOverBody>;

export const addSignerBody = decideBody.extend({ people: z.array(z.uuid()).min(1).max(10), position: z.enum(['before', 'after', 'parallel']) });
export type AddSignerBody = z.infer<typeof addSignerBody>;

export const removeSignerBody = decideBody.extend({ person: z.uuid() });
export type RemoveSignerBody = z.infer<typeof removeSignerBody>;

export const resubmitBody = z.object({ data: z.record(z.string(), z.unknown()), chosen: submitApplicationBody.shape.chosen, idempotencyKey });
export type ResubmitBody = z.infer<typeof resubmitBody>;

export const ccBody = decideBody.extend({ people: z.array(z.uuid()).min(1).max(20) });
export type CcBody = z.infer<typeof ccBody>;

export const jumpBody = decideBody.extend({ nodeId: z.string().min(1).max(40) });
export type JumpBody = z.infer<typeof jumpBody>;

export const batchApproveBody = z.object({ taskIds: z.array(id).min(1).max(50), opinion });
export type BatchApproveBody = z.infer<typeof batchApproveBody>;
export const batchApproveDto = z.object({
  results: z.array(z.object({ taskId: id, ok: z.boolean(), code: z.string().optional(), message: z.string().optional() })),
});
export type BatchApproveDto = z.infer<typeof batchApproveDto>;

export const previewBody = z.object({ data: z.record(z.string(), z.unknown()), chosen: submitApplicationBody.shape.chosen });
export const pathPreviewDto = z.object({
  steps: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      type: z.enum(['approver', 'cc']),
      mode: z.enum(['any', 'all', 'sequential', 'ratio']).optional(),
      people: z.array(personRefDto),
      autoPass: z.boolean(),
      blocked: z.boolean(),
      branch: z.string().optional(),
      chosenLater: z.boolean(),
      chosenAtSubmit: z.boolean(),
    }),
  ),
});
export type PathPreviewDto = z.infer<typeof pathPreviewDto>;

export const definitionBody = z.object({ definition: z.unknown() });
export const definitionCheckDto = z.object({
  valid: z.boolean(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  version: z.number().int().optional(),
});
export type DefinitionCheckDto = z.infer<typeof definitionCheckDto>;
export const processKeyParams = z.object({ key: z.string().min(1).max(64) });

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

/** One entry of the audit log, as administrators see it. */
export const auditEntryDto = z.object({
  id: z.string(),
  at: isoDateTime,
  action: z.enum(auditActions),
  /** 'ok', or the error code that refused it. */
  outcome: z.string(),
  actor: z.object({ personId: id.nullable(), name: z.string().nullable(), label: z.string().nullable() }),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntryDto>;

export const auditListQuery = listQuery.extend({ personId: id.optional(), action: z.enum(auditActions).optional() });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditListDto = z.object({ items: z.array(auditEntryDto), nextCursor: z.string().nullable() });
export type AuditListDto = z.infer<typeof auditListDto>;

// ── identity providers (settings in the database; secrets only in the server's configuration) ──

/**
 * LDAP: the login form's password is checked by binding to the directory as
 * the user. The user's DN is `loginAttribute=<account number>,baseDn`, or,
 * with a service account (`bindDn`, its password in LDAP_BIND_PASSWORD), the
 * entry found under `baseDn` whose `loginAttribute` equals what was typed.
 */
export const ldapSettings = z.object({
  url: z.string().regex(/^ldaps?:\/\/[^\s]+$/, '须以 ldap:// 或 ldaps:// 开头'),
  baseDn: z.string().min(3).max(300),
  loginAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/).default('uid'),
  bindDn: z.string().max(300).nullable().default(null),
  /** The attribute holding the hall's account number (学号/工号). */
  accountNoAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/).default('uid'),
  timeoutMs: z.number().int().min(500).max(30_000).default(5_000),
});
export type LdapSettings = z.infer<typeof ldapSettings>;

/**
 * CAS 3.0 (the usual 统一身份认证): `baseUrl` is the server's base, e.g.
 * https://cas.example.edu.cn/cas. The hall's account number is the CAS user,
 * or the released attribute `accountNoAttribute`. The service URL the hall
 * sends is built from the server's PUBLIC_URL configuration.
 */
export const casSettings = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  accountNoAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9_:.-]*$/).nullable().default(null),
  timeoutMs: z.number().int().min(500).max(30_000).default(5_000),
});
export type CasSettings = z.infer<typeof casSettings>;

/**
 * OpenID Connect (authorization code with PKCE): the provider is found by
 * discovery from `issuer`; the client secret is only in the server's
 * configuration (OIDC_CLIENT_SECRET). The hall's account number is the
 * claim `accountNoClaim` of the ID token.
 */
export const oidcSettings = z.object({
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1).max(200),
  scopes: z.string().regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/).default('openid profile'),
  accountNoClaim: z.string().regex(/^[A-Za-z_][A-Za-z0-9_:.-]*$/).default('preferred_username'),
  timeoutMs: z.number().int().min(500).max(30_000).default(5_000),
});
export type OidcSettings = z.infer<typeof oidcSettings>;

/**
 * WeCom (企业微信): the corp and the self-built app people open the hall in.
 * The app's secret is only in the server's configuration (WECOM_SECRET). The
 * API and OAuth addresses default to WeCom's own; tests and trials point them
 * at the emulator. `followQrUrl` is the image of the school's WeCom account
 * shown at the registration step 长按并关注微信企业号, whether or not the WeCom
 * login is enabled; when null the server's WECOM_FOLLOW_QR_URL is shown.
 */
export const wecomSettings = z.object({
  corpId: z.string().regex(/^[A-Za-z0-9]{4,64}$/, '企业 ID 为字母或数字'),
  agentId: z.number().int().positive(),
  apiBaseUrl: z.url({ protocol: /^https?$/ }).default('https://qyapi.weixin.qq.com'),
  authorizeUrl: z.url({ protocol: /^https?$/ }).default('https://open.weixin.qq.com/connect/oauth2/authorize'),
  timeoutMs: z.number().int().min(500).max(30_000).default(5_000),
  followQrUrl: z
    .url({ protocol: /^https?$/, error: '须为以 http:// 或 https:// 开头的完整地址' })
    .max(500, '地址不能超过 500 个字符')
    .nullable()
    .default(null),
});
export type WecomSettingsInput = z.infer<typeof wecomSettings>;

export const identityProviderDto = z.object({
  id: z.enum(identityProviderIds),
  enabled: z.boolean(),
  displayName: z.string(),
  settings: z.record(z.string(), z.unknown()),
  updatedAt: isoDateTime,
});
export type IdentityProviderDto = z.infer<typeof identityProviderDto>;
export const identityProviderListDto = z.object({ items: z.array(identityProviderDto) });
export type IdentityProviderListDto = z.infer<typeof identityProviderListDto>;

/** The providers an administrator can configure so far. */
export const configurableProviderIds = ['local', 'ldap', 'cas', 'oidc', 'wecom'] as const satisfies readonly (typeof identityProviderIds)[number][];
export type ConfigurableProviderId = (typeof configurableProviderIds)[number];
export const identityProviderParams = z.object({ providerId: z.enum(configurableProviderIds) });
export const updateIdentityProviderBody = z.object({
  enabled: z.boolean(),
  displayName: z.string().trim().min(1).max(40),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type UpdateIdentityProviderBody = z.infer<typeof updateIdentityProviderBody>;

/** What the login page offers: who checks the password typed into the form. */
export const loginOptionsDto = z.object({
  password: z.object({ provider: z.enum(['local', 'ldap']), displayName: z.string() }),
  /** Providers the browser is sent to (CAS): a button each, linking to `loginUrl`. */
  redirects: z.array(z.object({ provider: z.enum(['cas', 'oidc']), displayName: z.string(), loginUrl: z.string() })),
  /** Inside WeCom's browser, where to learn who the WeCom member is (null: WeCom not set up). */
  wecomLoginUrl: z.string().nullable(),
});
export type LoginOptionsDto = z.infer<typeof loginOptionsDto>;

export const okDto = z.object({ ok: z.literal(true) });

// ── verification: SMS codes ─────────────────────────────────────────────
/** What a code is for. A code answers only for its own purpose; add purposes here. */
export const verificationPurposes = ['bindPhone'] as const;
export const verificationPurpose = z.enum(verificationPurposes);
export type VerificationPurpose = z.infer<typeof verificationPurpose>;

// The rules of SMS codes (`verificationRules`) are in limits.ts.

/**
 * A mainland mobile number: 11 digits starting 1[3-9]. The same rule as the
 * `phone` form field (packages/forms validate.ts), which does not export it.
 */
export const mobilePhone = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');

export const sendSmsCodeBody = z.object({ purpose: verificationPurpose, phone: mobilePhone });
export type SendSmsCodeBody = z.infer<typeof sendSmsCodeBody>;

/** The same answer for every number, known to anyone or not. */
export const sendSmsCodeDto = z.object({
  /** When the front end may offer 重新发送. */
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export type SendSmsCodeDto = z.infer<typeof sendSmsCodeDto>;

export const checkSmsCodeBody = z.object({
  purpose: verificationPurpose,
  phone: mobilePhone,
  code: z.string().trim().regex(/^\d{6}$/, '验证码为 6 位数字'),
});
export type CheckSmsCodeBody = z.infer<typeof checkSmsCodeBody>;

export const checkSmsCodeDto = z.object({ verified: z.literal(true) });
export type CheckSmsCodeDto = z.infer<typeof checkSmsCodeDto>;

// ── binding (注册/绑定, 解除绑定) ──
export const bindingStatusDto = z.object({
  bound: z.boolean(),
  /** Masked, e.g. 138****5678. */
  phone: z.string().nullable(),
  /** Bound to a WeCom member too. */
  wecom: z.boolean(),
  boundAt: isoDateTime.nullable(),
  /** The school's WeCom (企业微信) account QR for the "关注企业号" step, when configured. */
  followQrUrl: z.string().nullable(),
  /**
   * Opened in WeCom as a member other than the one this person is bound to:
   * PERSON_BOUND_TO_OTHER_WECOM (the person should unbind first); null otherwise.
   */
  wecomConflict: z.literal('PERSON_BOUND_TO_OTHER_WECOM').nullable(),
});
export type BindingStatusDto = z.infer<typeof bindingStatusDto>;
export const bindPhoneBody = z.object({ phone: mobilePhone });
export type BindPhoneBody = z.infer<typeof bindPhoneBody>;

// ── accounts of a person (administrators) ──
export const accountAdminDto = z.object({
  accountNo: z.string(),
  kind: z.enum(personKinds),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  createdAt: isoDateTime,
});
export type AccountAdminDto = z.infer<typeof accountAdminDto>;
export const personAccountsDto = z.object({ personId: id, name: z.string(), accounts: z.array(accountAdminDto) });
export type PersonAccountsDto = z.infer<typeof personAccountsDto>;
export const personIdParams = z.object({ personId: id });
export const accountNoParams = z.object({ accountNo: z.string().trim().min(1).max(32) });
export const linkAccountBody = z.object({ accountNo: z.string().trim().regex(/^[A-Za-z0-9]{4,32}$/, '学号/工号为 4–32 位字母或数字'), kind: z.enum(personKinds) });
export type LinkAccountBody = z.infer<typeof linkAccountBody>;
export const accountStatusBody = z.object({ status: z.enum(['active', 'disabled']) });

// ── logout ──
export const logoutBody = z.object({ /** Also end the CAS single sign-on session, when this session came from CAS. */ cas: z.boolean().optional() }).nullish();
export type LogoutBody = NonNullable<z.infer<typeof logoutBody>>;
export const logoutDto = z.object({ ok: z.literal(true), /** Where to send the browser to end the CAS session too. */ casLogoutUrl: z.string().optional() });
export type LogoutDto = z.infer<typeof logoutDto>;
