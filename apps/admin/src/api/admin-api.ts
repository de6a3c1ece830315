import {
  errorCodes,
  errorMessage,
  type AdminDashboardDto,
  type AuditListDto,
  type AuditListQuery,
  type ConfigurableProviderId,
  type ErrorBody,
  type IdentityProviderListDto,
  type LinkAccountBody,
  type LoginBody,
  type MeDto,
  type EditClassBody,
  type EditDepartmentBody,
  type CreateRoleBody,
  type GrantRoleBody,
  type RevokeRoleBody,
  type RoleListDto,
  type OrganizationDto,
  type OrganizationImportBody,
  type OrganizationImportKind,
  type OrganizationImportReportDto,
  type PeopleImportBody,
  type PeopleImportReportDto,
  type PeopleListDto,
  type PeopleListQuery,
  type PersonAccountsDto,
  type UpdateIdentityProviderBody,
} from '@onehall/contracts';

/**
 * The admin console's API client: the same rules as the H5's (session
 * cookie, JSON, X-CSRF-Token on every state-changing call, Chinese messages
 * from the contracts' table), for the few calls the console makes so far.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: ErrorBody['error'] | null;

  constructor(status: number, code: string, message: string, detail: ErrorBody['error'] | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from /api/auth/me or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** True when the contracts' message table knows the code. */
export function isKnownErrorCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(errorCodes, code);
}

function messageFor(code: string, detail: ErrorBody['error'] | null): string {
  if (isKnownErrorCode(code)) return errorMessage(code);
  return detail?.message || errorMessage('INTERNAL');
}

/** Builds `path?a=1&b=2`, leaving out empty values. */
function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', null);
  }
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (response.ok) return payload as T;
  const detail = (payload as Partial<ErrorBody> | null)?.error ?? null;
  const code = detail?.code ?? (response.status === 401 ? 'NOT_AUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : 'INTERNAL');
  throw new ApiError(response.status, code, messageFor(code, detail), detail);
}

/** True for "log in first" answers. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && (error.code === 'NOT_AUTHENTICATED' || error.code === 'SESSION_EXPIRED');
}

export function describeError(error: unknown): string {
  return error instanceof ApiError ? error.message : errorMessage('INTERNAL');
}

export const adminApi = {
  getMe: () => request<MeDto>('GET', '/api/auth/me'),
  login: (body: LoginBody) => request<MeDto>('POST', '/api/auth/login', body),
  logout: () => request<{ ok: true }>('POST', '/api/auth/logout'),
  getDashboard: () => request<AdminDashboardDto>('GET', '/api/admin/dashboard'),
  /** One page of the audit log, newest first; pass the previous page's `nextCursor` for the next one. */
  listAudit: (query: Partial<AuditListQuery>) => request<AuditListDto>('GET', withQuery('/api/admin/audit', query)),
  /** The identity providers and their settings (never secrets: those are in the server configuration). */
  listIdentityProviders: () => request<IdentityProviderListDto>('GET', '/api/admin/identity-providers'),
  /** Saves one provider; answers with the whole new list. 400 VALIDATION_FAILED carries `fields` when settings are wrong. */
  saveIdentityProvider: (providerId: ConfigurableProviderId, body: UpdateIdentityProviderBody) =>
    request<IdentityProviderListDto>('PUT', `/api/admin/identity-providers/${encodeURIComponent(providerId)}`, body),
  /** One page of people, newest first (phone and ID number masked); `q` is part of a name or the start of a 学号/工号. */
  listPeople: (query: Partial<PeopleListQuery>) => request<PeopleListDto>('GET', withQuery('/api/admin/people', query)),
  /** A person's accounts (学号/工号). 404 PERSON_NOT_FOUND. */
  getPersonAccounts: (personId: string) => request<PersonAccountsDto>('GET', `/api/admin/people/${encodeURIComponent(personId)}/accounts`),
  /** Gives the person a new account (预科→本科); answers with all their accounts. 409 ACCOUNT_NO_TAKEN. */
  linkAccount: (personId: string, body: LinkAccountBody) => request<PersonAccountsDto>('POST', `/api/admin/people/${encodeURIComponent(personId)}/accounts`, body),
  /** Disables (its sessions end at once) or re-enables an account; answers with all the person's accounts. */
  setAccountStatus: (accountNo: string, status: 'active' | 'disabled') =>
    request<PersonAccountsDto>('PUT', `/api/admin/accounts/${encodeURIComponent(accountNo)}/status`, { status }),
  /** Checks (commit false) or imports (commit true, all rows or none) a CSV of people. 409 PEOPLE_IMPORT_CONFLICT. */
  importPeople: (body: PeopleImportBody) => request<PeopleImportReportDto>('POST', '/api/admin/people/import', body),
  /** Every department (parents first) with its head and classes. */
  getOrganization: () => request<OrganizationDto>('GET', '/api/admin/organization'),
  /** Checks (commit false) or imports (commit true, all rows or none) a CSV of departments or classes. 409 ORGANIZATION_IMPORT_CONFLICT. */
  /** Edits a department (an empty field clears it); answers the whole new view. 400 VALIDATION_FAILED names the fields. */
  editDepartment: (code: string, body: EditDepartmentBody) => request<OrganizationDto>('PUT', `/api/admin/organization/departments/${encodeURIComponent(code)}`, body),
  /** Edits a class; answers the whole new view. */
  editClass: (code: string, body: EditClassBody) => request<OrganizationDto>('PUT', `/api/admin/organization/classes/${encodeURIComponent(code)}`, body),
  /** Every role with who holds it. */
  listRoles: () => request<RoleListDto>('GET', '/api/admin/roles'),
  /** A new role; answers the whole new list. 409 ROLE_EXISTS. */
  createRole: (body: CreateRoleBody) => request<RoleListDto>('POST', '/api/admin/roles', body),
  /** Gives the role to the person with this 学号/工号. 404 ACCOUNT_NOT_FOUND, DEPARTMENT_NOT_FOUND; 403 ACCOUNT_DISABLED. */
  grantRole: (code: string, body: GrantRoleBody) => request<RoleListDto>('POST', `/api/admin/roles/${encodeURIComponent(code)}/holders`, body),
  /** Takes the role away. 409 CANNOT_REVOKE_OWN_ADMIN. */
  revokeRole: (code: string, body: RevokeRoleBody) => request<RoleListDto>('POST', `/api/admin/roles/${encodeURIComponent(code)}/holders/revoke`, body),
  importOrganization: (kind: OrganizationImportKind, body: OrganizationImportBody) => request<OrganizationImportReportDto>('POST', `/api/admin/organization/${kind}/import`, body),
};
