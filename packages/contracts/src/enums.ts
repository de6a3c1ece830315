/** Where an application stands. */
export const applicationStatuses = ['running', 'returned', 'approved', 'rejected', 'withdrawn', 'terminated'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applicationStatusText: Record<ApplicationStatus, { zh: string; en: string }> = {
  running: { zh: '审批中', en: 'In progress' },
  returned: { zh: '已退回', en: 'Sent back' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  terminated: { zh: '已终止', en: 'Terminated' },
};

/**
 * The status tabs of 发出的事项, in the order shown after 全部. 草稿 (drafts)
 * will come first once drafts exist: they are not applications (they have no
 * status), so that tab will list drafts rather than filter by a status.
 */
export const sentStatusFilters = ['running', 'approved', 'rejected', 'returned', 'withdrawn', 'terminated'] as const satisfies readonly ApplicationStatus[];

/** Which list a question is about: 发出的事项, 待办, 已办, 抄送我. */
export const listKinds = ['sent', 'todo', 'done', 'cc'] as const;
export type ListKind = (typeof listKinds)[number];

/** A task is one person's part in one approver node. */
export const taskStatuses = ['pending', 'suspended', 'approved', 'rejected', 'returned', 'transferred', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskStatusText: Record<TaskStatus, { zh: string; en: string }> = {
  pending: { zh: '待处理', en: 'Pending' },
  suspended: { zh: '等待他人意见', en: 'Waiting for others' },
  approved: { zh: '同意', en: 'Approved' },
  rejected: { zh: '驳回', en: 'Rejected' },
  returned: { zh: '退回', en: 'Sent back' },
  transferred: { zh: '已转交', en: 'Transferred' },
  cancelled: { zh: '无需处理', en: 'No longer needed' },
};

/** The kinds of task: one's own approval, or help asked of someone. */
export const taskKinds = ['approve', 'delegate', 'signerBefore', 'signerAfter'] as const;
export type TaskKindCode = (typeof taskKinds)[number];
export const taskKindText: Record<TaskKindCode, { zh: string; en: string }> = {
  approve: { zh: '审批', en: 'Approval' },
  delegate: { zh: '委派', en: 'Delegated to you' },
  signerBefore: { zh: '前加签', en: 'Asked to sign first' },
  signerAfter: { zh: '后加签', en: 'Asked to sign after' },
};

/** What a timeline entry records. */
export const timelineActions = [
  'submit', 'resubmit', 'approve', 'reject', 'sendBack', 'transfer', 'delegate', 'answer', 'addSigner', 'removeSigner',
  'withdraw', 'urge', 'comment', 'cc', 'autoPass', 'timeout', 'reassign', 'jump', 'terminate', 'complete',
] as const;
export type TimelineAction = (typeof timelineActions)[number];

export const timelineActionText: Record<TimelineAction, { zh: string; en: string }> = {
  submit: { zh: '提交申请', en: 'Submitted' },
  resubmit: { zh: '重新提交', en: 'Resubmitted' },
  approve: { zh: '同意', en: 'Approved' },
  reject: { zh: '驳回', en: 'Rejected' },
  sendBack: { zh: '退回', en: 'Sent back' },
  transfer: { zh: '转交', en: 'Transferred' },
  delegate: { zh: '委派', en: 'Delegated' },
  answer: { zh: '回复委派', en: 'Answered' },
  addSigner: { zh: '加签', en: 'Added a signer' },
  removeSigner: { zh: '减签', en: 'Removed a signer' },
  withdraw: { zh: '撤回', en: 'Withdrawn' },
  urge: { zh: '催办', en: 'Urged' },
  comment: { zh: '评论', en: 'Commented' },
  cc: { zh: '抄送', en: 'Copied' },
  autoPass: { zh: '自动通过', en: 'Passed automatically' },
  timeout: { zh: '超时处理', en: 'Timed out' },
  reassign: { zh: '管理员改派', en: 'Reassigned' },
  jump: { zh: '管理员跳转', en: 'Moved by an administrator' },
  terminate: { zh: '管理员终止', en: 'Terminated' },
  complete: { zh: '办结', en: 'Completed' },
};

/** What the audit log records. */
export const auditActions = ['login', 'loginFailed', 'logout', 'logoutEverywhere', 'passwordChanged', 'settingChanged', 'codeSent', 'codeChecked', 'bind', 'unbind', 'accountLinked', 'accountStatusChanged', 'peopleImported', 'departmentsImported', 'classesImported', 'roleCreated', 'roleGranted', 'roleRevoked', 'departmentChanged', 'classChanged'] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditActionText: Record<AuditAction, { zh: string; en: string }> = {
  login: { zh: '登录', en: 'Login' },
  loginFailed: { zh: '登录失败', en: 'Failed login' },
  logout: { zh: '退出登录', en: 'Logout' },
  logoutEverywhere: { zh: '退出所有设备', en: 'Signed out everywhere' },
  passwordChanged: { zh: '修改密码', en: 'Password changed' },
  settingChanged: { zh: '修改设置', en: 'Setting changed' },
  codeSent: { zh: '发送短信验证码', en: 'SMS code sent' },
  codeChecked: { zh: '校验短信验证码', en: 'SMS code checked' },
  bind: { zh: '绑定', en: 'Bound' },
  unbind: { zh: '解除绑定', en: 'Unbound' },
  accountLinked: { zh: '关联新账号', en: 'Account linked' },
  accountStatusChanged: { zh: '启用/停用账号', en: 'Account enabled or disabled' },
  peopleImported: { zh: '导入人员', en: 'People imported' },
  departmentsImported: { zh: '导入部门', en: 'Departments imported' },
  classesImported: { zh: '导入班级', en: 'Classes imported' },
  roleCreated: { zh: '新建角色', en: 'Role created' },
  roleGranted: { zh: '授予角色', en: 'Role granted' },
  roleRevoked: { zh: '取消角色', en: 'Role revoked' },
  departmentChanged: { zh: '修改部门', en: 'Department changed' },
  classChanged: { zh: '修改班级', en: 'Class changed' },
};

/** Where people prove who they are. `local` is the hall's own password directory. */
export const identityProviderIds = ['local', 'ldap', 'cas', 'oidc', 'wecom'] as const;
export type IdentityProviderId = (typeof identityProviderIds)[number];

export const personKinds = ['student', 'teacher', 'staff'] as const;
export type PersonKind = (typeof personKinds)[number];

/**
 * The identity documents a person is registered with (证件类型): the resident
 * ID card for mainland students and staff (18 characters, GB 11643; also the
 * residence permits of Hong Kong, Macao and Taiwan residents, same format),
 * and for the others the document they enrol with. The initial password is
 * the last 8 characters of its number.
 */
export const idTypes = ['resident', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermanent'] as const;
export type IdType = (typeof idTypes)[number];

export const idTypeText: Record<IdType, { zh: string; en: string }> = {
  resident: { zh: '居民身份证', en: 'Resident ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hkMacaoPermit: { zh: '港澳居民来往内地通行证', en: 'Mainland Travel Permit for Hong Kong and Macao Residents' },
  taiwanPermit: { zh: '台湾居民来往大陆通行证', en: 'Mainland Travel Permit for Taiwan Residents' },
  foreignPermanent: { zh: '外国人永久居留身份证', en: 'Foreign Permanent Resident ID Card' },
};

export const personKindText: Record<PersonKind, { zh: string; en: string }> = {
  student: { zh: '学生', en: 'Student' },
  teacher: { zh: '教师', en: 'Teacher' },
  staff: { zh: '职工', en: 'Staff' },
};
