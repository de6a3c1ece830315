import type {
  AddSignerBody,
  ApplicationDetailDto,
  ApplicationListDto,
  ApplicationStatus,
  ApproveBody,
  BindingStatusDto,
  BindPhoneBody,
  CatalogDto,
  CheckSmsCodeBody,
  CheckSmsCodeDto,
  CcBody,
  ChangePasswordBody,
  DecideBody,
  HandOverBody,
  HomeDto,
  LoginOptionsDto,
  InboxCountsDto,
  LoginBody,
  LogoutBody,
  LogoutDto,
  MeDto,
  RemoveSignerBody,
  ResubmitBody,
  SendBackBody,
  SendSmsCodeBody,
  SendSmsCodeDto,
  ServiceDetailDto,
  SubmitApplicationBody,
  TaskListDto,
  PathPreviewDto,
} from '@onehall/contracts';
import { api } from './api-client.ts';

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
  getCatalog: (q: string) => api.get<CatalogDto>(withQuery('/api/catalog', { q: q.trim() })),
  getService: (code: string) => api.get<ServiceDetailDto>(`/api/services/${segment(code)}`),

  submitApplication: (body: SubmitApplicationBody) => api.post<ApplicationDetailDto>('/api/applications', body),
  previewPath: (code: string, data: Record<string, unknown>) => api.post<PathPreviewDto>(`/api/services/${segment(code)}/preview`, { data }),
  listSent: (query: { status?: ApplicationStatus | undefined; cursor?: string | null }) =>
    api.get<ApplicationListDto>(withQuery('/api/applications/sent', query)),
  getApplication: (id: string) => api.get<ApplicationDetailDto>(`/api/applications/${segment(id)}`),

  getInboxCounts: () => api.get<InboxCountsDto>('/api/inbox/counts'),
  listTasks: (box: 'todo' | 'done', cursor: string | null) => api.get<TaskListDto>(withQuery(`/api/inbox/${box}`, { cursor })),

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
