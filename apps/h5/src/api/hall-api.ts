import type {
  AddSignerBody,
  ApplicationCopyDto,
  ApplicationDetailDto,
  ApplicationListDto,
  ApplicationStatus,
  ApproveBody,
  BatchApproveBody,
  BatchApproveDto,
  CopyListDto,
  ListKind,
  ListServicesDto,
  MessageListDto,
  ReceivedCountsDto,
  ReceivedTaskListDto,
  UnreadCountDto,
  BindingStatusDto,
  BindPhoneBody,
  FavoriteStateDto,
  MyCatalogDto,
  MyServiceDetailDto,
  CheckSmsCodeBody,
  CheckSmsCodeDto,
  CcBody,
  ChangePasswordBody,
  DecideBody,
  HandOverBody,
  HomeDto,
  LoginOptionsDto,
  LoginBody,
  LogoutBody,
  LogoutDto,
  MeDto,
  RemoveSignerBody,
  ResubmitBody,
  SendBackBody,
  SendSmsCodeBody,
  SendSmsCodeDto,
  SubmitApplicationBody,
  PathPreviewDto,
} from '@onehall/contracts';
import type { DepartmentsDto, DraftListDto, DraftSummaryDto, LastValuesDto, MyDraftDto, PeopleSearchDto, SaveDraftBody } from '@onehall/contracts';
import { api, apiRequest, type RequestOptions } from './api-client.ts';

/** Builds `path?a=1&b=2`, leaving out empty values. */
function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const segment = encodeURIComponent;

/** The filters every list takes: a service, and days (YYYY-MM-DD in Shanghai, both ends included). */
export type ListFilterQuery = {
  serviceId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** The endpoints the H5 calls, one function each (see packages/contracts/src/api.ts). */
export const hallApi = {
  getMe: () => api.get<MeDto>('/api/auth/me'),
  /** The session, if any, without sending the person to log in when there is none (401 is thrown as is). */
  findMe: () => api.get<MeDto>('/api/auth/me', { redirectToLogin: false }),
  login: (body: LoginBody) => api.post<MeDto>('/api/auth/login', body),
  /** Ends this session; `cas: true` also answers where the browser ends the CAS session, when the session came from CAS. */
  logout: (body: LogoutBody = {}) => api.post<LogoutDto>('/api/auth/logout', body),
  logoutEverywhere: () => api.post<{ ok: true }>('/api/auth/logout-everywhere'),
  getLoginOptions: () => api.get<LoginOptionsDto>('/api/auth/login-options'),
  changePassword: (body: ChangePasswordBody) => api.post<MeDto>('/api/auth/password', body),

  // 用户注册 and 解除绑定 (the manual's chapters 1 and 3).
  sendSmsCode: (body: SendSmsCodeBody) => api.post<SendSmsCodeDto>('/api/verification/sms', body),
  checkSmsCode: (body: CheckSmsCodeBody) => api.post<CheckSmsCodeDto>('/api/verification/sms/check', body),
  getBinding: () => api.get<BindingStatusDto>('/api/binding'),
  bindPhone: (body: BindPhoneBody) => api.post<BindingStatusDto>('/api/binding/phone', body),
  unbind: () => api.post<{ ok: true }>('/api/binding/unbind'),

  getHome: () => api.get<HomeDto>('/api/home'),
  /** 我的服务: every service the person may see, with 我的收藏, 最近使用 and 热门服务 (the page searches it itself). */
  getCatalog: () => api.get<MyCatalogDto>('/api/catalog'),
  getService: (code: string) => api.get<MyServiceDetailDto>(`/api/services/${segment(code)}`),
  /** 收藏 / 取消收藏 (both idempotent). */
  setFavorite: (code: string, favorite: boolean) => apiRequest<FavoriteStateDto>(favorite ? 'PUT' : 'DELETE', `/api/services/${segment(code)}/favorite`),

  submitApplication: (body: SubmitApplicationBody) => api.post<ApplicationDetailDto>('/api/applications', body),
  previewPath: (code: string, data: Record<string, unknown>) => api.post<PathPreviewDto>(`/api/services/${segment(code)}/preview`, { data }),
  /** The `last` prefill: my most recent application's values for the fields that ask for them. */
  getLastValues: (code: string) => api.get<LastValuesDto>(`/api/services/${segment(code)}/last-values`),

  // 草稿: drafts kept on the server.
  listDrafts: () => api.get<DraftListDto>('/api/drafts'),
  getDraft: (code: string) => api.get<MyDraftDto>(`/api/drafts/${segment(code)}`),
  saveDraft: (code: string, body: SaveDraftBody, options?: RequestOptions) => apiRequest<DraftSummaryDto>('PUT', `/api/drafts/${segment(code)}`, body, options),
  deleteDraft: (code: string, options?: RequestOptions) => apiRequest<{ ok: true }>('DELETE', `/api/drafts/${segment(code)}`, undefined, options),

  // A form's person and department fields.
  searchPeople: (q: string) => api.get<PeopleSearchDto>(withQuery('/api/people', { q: q.trim() })),
  findPeople: (ids: readonly string[]) => api.get<PeopleSearchDto>(withQuery('/api/people', { ids: ids.join(',') })),
  getDepartments: () => api.get<DepartmentsDto>('/api/departments'),
  listSent: (query: ListFilterQuery & { status?: ApplicationStatus | undefined; cursor?: string | null }) =>
    api.get<ApplicationListDto>(withQuery('/api/applications/sent', query)),
  getApplication: (id: string) => api.get<ApplicationDetailDto>(`/api/applications/${segment(id)}`),
  /** 再次申请: the values of one of my applications, for a new one of its service. */
  getApplicationCopy: (id: string) => api.get<ApplicationCopyDto>(`/api/applications/${segment(id)}/copy`),
  /** The read receipt of an application copied to me. */
  markCopyRead: (id: string) => api.post<{ ok: true }>(`/api/applications/${segment(id)}/cc/read`),

  getInboxCounts: () => api.get<ReceivedCountsDto>('/api/inbox/counts'),
  listTasks: (box: 'todo' | 'done', query: ListFilterQuery & { q?: string | undefined; cursor: string | null }) => api.get<ReceivedTaskListDto>(withQuery(`/api/inbox/${box}`, query)),
  listCopies: (query: ListFilterQuery & { q?: string | undefined; cursor: string | null }) => api.get<CopyListDto>(withQuery('/api/inbox/cc', query)),
  batchApprove: (body: BatchApproveBody) => api.post<BatchApproveDto>('/api/tasks/batch-approve', body),
  /** The services a list has items of, for its service filter. */
  listServices: (list: ListKind) => api.get<ListServicesDto>(withQuery('/api/inbox/services', { list })),

  // 消息: the message centre.
  listMessages: (cursor: string | null) => api.get<MessageListDto>(withQuery('/api/messages', { cursor })),
  getUnreadMessageCount: () => api.get<UnreadCountDto>('/api/messages/unread-count'),
  markMessageRead: (id: string) => api.post<UnreadCountDto>(`/api/messages/${segment(id)}/read`),
  markAllMessagesRead: () => api.post<UnreadCountDto>('/api/messages/read-all'),

  // An approver's task. Every action answers with the fresh detail.
  approveTask: (taskId: string, body: ApproveBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/approve`, body),
  rejectTask: (taskId: string, body: DecideBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/reject`, body),
  sendBackTask: (taskId: string, body: SendBackBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/send-back`, body),
  transferTask: (taskId: string, body: HandOverBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/transfer`, body),
  delegateTask: (taskId: string, body: HandOverBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/delegate`, body),
  addSigner: (taskId: string, body: AddSignerBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/add-signer`, body),
  removeSigner: (taskId: string, body: RemoveSignerBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/remove-signer`, body),

  // The applicant and the other participants, on the application as a whole.
  resubmitApplication: (id: string, body: ResubmitBody) => api.post<ApplicationDetailDto>(`/api/applications/${segment(id)}/resubmit`, body),
  withdrawApplication: (id: string, body: DecideBody) => api.post<ApplicationDetailDto>(`/api/applications/${segment(id)}/withdraw`, body),
  urgeApplication: (id: string, body: DecideBody) => api.post<ApplicationDetailDto>(`/api/applications/${segment(id)}/urge`, body),
  commentOnApplication: (id: string, body: DecideBody) => api.post<ApplicationDetailDto>(`/api/applications/${segment(id)}/comments`, body),
  copyApplication: (id: string, body: CcBody) => api.post<ApplicationDetailDto>(`/api/applications/${segment(id)}/cc`, body),
};
