import type {
  ApplicationDetailDto,
  ApplicationListDto,
  ApplicationStatus,
  CatalogDto,
  ChangePasswordBody,
  DecideBody,
  HomeDto,
  InboxCountsDto,
  LoginBody,
  MeDto,
  ServiceDetailDto,
  SubmitApplicationBody,
  TaskListDto,
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
  login: (body: LoginBody) => api.post<MeDto>('/api/auth/login', body),
  logout: () => api.post<{ ok: true }>('/api/auth/logout'),
  changePassword: (body: ChangePasswordBody) => api.post<MeDto>('/api/auth/password', body),

  getHome: () => api.get<HomeDto>('/api/home'),
  getCatalog: (q: string) => api.get<CatalogDto>(withQuery('/api/catalog', { q: q.trim() })),
  getService: (code: string) => api.get<ServiceDetailDto>(`/api/services/${segment(code)}`),

  submitApplication: (body: SubmitApplicationBody) => api.post<ApplicationDetailDto>('/api/applications', body),
  listSent: (query: { status?: ApplicationStatus | undefined; cursor?: string | null }) =>
    api.get<ApplicationListDto>(withQuery('/api/applications/sent', query)),
  getApplication: (id: string) => api.get<ApplicationDetailDto>(`/api/applications/${segment(id)}`),

  getInboxCounts: () => api.get<InboxCountsDto>('/api/inbox/counts'),
  listTasks: (box: 'todo' | 'done', cursor: string | null) => api.get<TaskListDto>(withQuery(`/api/inbox/${box}`, { cursor })),
  approveTask: (taskId: string, body: DecideBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/approve`, body),
  rejectTask: (taskId: string, body: DecideBody) => api.post<ApplicationDetailDto>(`/api/tasks/${segment(taskId)}/reject`, body),

};
