/** Where an application stands. */
export const applicationStatuses = ['running', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applicationStatusText: Record<ApplicationStatus, { zh: string; en: string }> = {
  running: { zh: '审批中', en: 'In progress' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

/** A task is one person's part in one approver node. */
export const taskStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskStatusText: Record<TaskStatus, { zh: string; en: string }> = {
  pending: { zh: '待处理', en: 'Pending' },
  approved: { zh: '同意', en: 'Approved' },
  rejected: { zh: '驳回', en: 'Rejected' },
  cancelled: { zh: '无需处理', en: 'No longer needed' },
};

/** What a timeline entry records. */
export const timelineActions = ['submit', 'approve', 'reject', 'complete'] as const;
export type TimelineAction = (typeof timelineActions)[number];

export const timelineActionText: Record<TimelineAction, { zh: string; en: string }> = {
  submit: { zh: '提交申请', en: 'Submitted' },
  approve: { zh: '同意', en: 'Approved' },
  reject: { zh: '驳回', en: 'Rejected' },
  complete: { zh: '办结', en: 'Completed' },
};

export const personKinds = ['student', 'teacher', 'staff'] as const;
export type PersonKind = (typeof personKinds)[number];

export const personKindText: Record<PersonKind, { zh: string; en: string }> = {
  student: { zh: '学生', en: 'Student' },
  teacher: { zh: '教师', en: 'Teacher' },
  staff: { zh: '职工', en: 'Staff' },
};

/** Role codes known to the hall. */
export const roleCodes = ['admin', 'counsellor', 'dept_head', 'it_staff', 'student_affairs', 'academic_affairs', 'logistics'] as const;
export type RoleCode = (typeof roleCodes)[number];
