import type { Guide, PersonKind } from '@onehall/contracts';
import type { FormDefinitionInput } from '@onehall/forms';
import type { ProcessDefinitionInput } from '@onehall/engine';
import { idNumberCheckChar } from '../modules/identity/id-number.ts';

/**
 * The demo university (云麓大学, fictional): departments, classes, people,
 * services with guides, forms and approval chains, and banners. Everything is
 * keyed by a natural code so the seed can run again without duplicating.
 * ID numbers are made up but valid in form (GB 11643 check character).
 */

export interface DemoPerson {
  accountNo: string;
  name: string;
  kind: PersonKind;
  department: string;
  className?: string;
  roles?: { role: string; department?: string }[];
  /** Heads the department with this code. */
  heads?: string;
  /** Counsellor of the class with this code. */
  counsels?: string[];
}

export const demoDepartments = [
  { code: 'YL', name: '云麓大学', parent: null, phone: '029-88880000' },
  { code: 'XZB', name: '校长办公室', parent: 'YL', phone: '029-88880001' },
  { code: 'XXZX', name: '信息与现代教育技术中心', parent: 'YL', phone: '029-88880110' },
  { code: 'XGC', name: '学生工作处', parent: 'YL', phone: '029-88880120' },
  { code: 'JWC', name: '教务处', parent: 'YL', phone: '029-88880130' },
  { code: 'HQC', name: '后勤管理处', parent: 'YL', phone: '029-88880140' },
  { code: 'RSC', name: '人事处', parent: 'YL', phone: '029-88880150' },
  { code: 'JSJ', name: '计算机科学与技术学院', parent: 'YL', phone: '029-88880210' },
  { code: 'WXY', name: '文学院', parent: 'YL', phone: '029-88880220' },
  { code: 'WGY', name: '外国语学院', parent: 'YL', phone: '029-88880230' },
  { code: 'SXY', name: '数学与统计学院', parent: 'YL', phone: '029-88880240' },
  { code: 'YKJY', name: '预科教育学院', parent: 'YL', phone: '029-88880250' },
  { code: 'CWC', name: '财务处', parent: 'YL', phone: '029-88880160' },
] as const;

export const demoClasses = [
  { code: 'JK2301', name: '计算机科学与技术2301班', grade: '2023', department: 'JSJ' },
  { code: 'JK2302', name: '计算机科学与技术2302班', grade: '2023', department: 'JSJ' },
  { code: 'HY2301', name: '汉语言文学2301班', grade: '2023', department: 'WXY' },
  { code: 'YY2301', name: '英语2301班', grade: '2023', department: 'WGY' },
  { code: 'SX2301', name: '数学与应用数学2301班', grade: '2023', department: 'SXY' },
  { code: 'YK2501', name: '民族预科2501班', grade: '2025', department: 'YKJY' },
] as const;

export const demoRoles = [
  { code: 'admin', name: '系统管理员' },
  { code: 'counsellor', name: '辅导员' },
  { code: 'dept_head', name: '部门负责人' },
  { code: 'it_staff', name: '信息中心技术人员' },
  { code: 'student_affairs', name: '学工处工作人员' },
  { code: 'academic_affairs', name: '教务处工作人员' },
  { code: 'logistics', name: '后勤处工作人员' },
  { code: 'finance', name: '财务处工作人员' },
] as const;

const staff: DemoPerson[] = [
  { accountNo: '10000001', name: '周管理', kind: 'staff', department: 'XXZX', roles: [{ role: 'admin' }] },
  { accountNo: '10010001', name: '林校长', kind: 'teacher', department: 'XZB', heads: 'YL' },
  { accountNo: '10010002', name: '钱主任', kind: 'staff', department: 'XZB', heads: 'XZB' },
  { accountNo: '20010001', name: '张信息', kind: 'teacher', department: 'XXZX', heads: 'XXZX' },
  { accountNo: '20010002', name: '李运维', kind: 'staff', department: 'XXZX', roles: [{ role: 'it_staff' }] },
  { accountNo: '20010003', name: '王网管', kind: 'staff', department: 'XXZX', roles: [{ role: 'it_staff' }] },
  { accountNo: '20020001', name: '赵学工', kind: 'teacher', department: 'XGC', heads: 'XGC' },
  { accountNo: '20020002', name: '孙事务', kind: 'staff', department: 'XGC', roles: [{ role: 'student_affairs' }] },
  { accountNo: '20030001', name: '吴教务', kind: 'teacher', department: 'JWC', heads: 'JWC' },
  { accountNo: '20030002', name: '郑学籍', kind: 'staff', department: 'JWC', roles: [{ role: 'academic_affairs' }] },
  { accountNo: '20040001', name: '冯后勤', kind: 'teacher', department: 'HQC', heads: 'HQC' },
  { accountNo: '20040002', name: '陈场地', kind: 'staff', department: 'HQC', roles: [{ role: 'logistics' }] },
  { accountNo: '20050001', name: '褚人事', kind: 'teacher', department: 'RSC', heads: 'RSC' },
  { accountNo: '30010001', name: '卫院长', kind: 'teacher', department: 'JSJ', heads: 'JSJ' },
  { accountNo: '30010002', name: '蒋辅导', kind: 'teacher', department: 'JSJ', counsels: ['JK2301', 'JK2302'], roles: [{ role: 'counsellor', department: 'JSJ' }] },
  { accountNo: '30010003', name: '沈老师', kind: 'teacher', department: 'JSJ' },
  { accountNo: '30020001', name: '韩院长', kind: 'teacher', department: 'WXY', heads: 'WXY' },
  { accountNo: '30020002', name: '杨辅导', kind: 'teacher', department: 'WXY', counsels: ['HY2301'], roles: [{ role: 'counsellor', department: 'WXY' }] },
  { accountNo: '30030001', name: '朱院长', kind: 'teacher', department: 'WGY', heads: 'WGY' },
  { accountNo: '30030002', name: '秦辅导', kind: 'teacher', department: 'WGY', counsels: ['YY2301'], roles: [{ role: 'counsellor', department: 'WGY' }] },
  { accountNo: '30040001', name: '尤院长', kind: 'teacher', department: 'SXY', heads: 'SXY' },
  { accountNo: '30040002', name: '许辅导', kind: 'teacher', department: 'SXY', counsels: ['SX2301'], roles: [{ role: 'counsellor', department: 'SXY' }] },
  { accountNo: '30050001', name: '何院长', kind: 'teacher', department: 'YKJY', heads: 'YKJY' },
  { accountNo: '30050002', name: '吕辅导', kind: 'teacher', department: 'YKJY', counsels: ['YK2501'], roles: [{ role: 'counsellor', department: 'YKJY' }] },
];

const surnames = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
const givenNames = ['子涵', '欣怡', '浩然', '梓萱', '宇轩', '雨桐', '俊杰', '诗琪', '博文', '佳怡', '明轩', '思远', '一诺', '嘉豪', '若曦', '天佑', '语嫣', '泽宇'];
const studentsPerClass: Record<string, { department: string; prefix: string; count: number }> = {
  JK2301: { department: 'JSJ', prefix: '20230101', count: 10 },
  JK2302: { department: 'JSJ', prefix: '20230102', count: 6 },
  HY2301: { department: 'WXY', prefix: '20230201', count: 6 },
  YY2301: { department: 'WGY', prefix: '20230301', count: 5 },
  SX2301: { department: 'SXY', prefix: '20230401', count: 5 },
  YK2501: { department: 'YKJY', prefix: '20250901', count: 4 },
};

function students(): DemoPerson[] {
  const result: DemoPerson[] = [];
  let n = 0;
  for (const [className, { department, prefix, count }] of Object.entries(studentsPerClass)) {
    for (let i = 1; i <= count; i++, n++) {
      result.push({
        accountNo: `${prefix}${String(i).padStart(2, '0')}`,
        name: `${surnames[n % surnames.length]}${givenNames[(n * 7) % givenNames.length]}`,
        kind: 'student',
        department,
        className,
      });
    }
  }
  return result;
}

// Added after the students, so that earlier people keep their place (the n of their fictional ID number).
const financeStaff: DemoPerson[] = [
  { accountNo: '20060001', name: '钟财务', kind: 'teacher', department: 'CWC', heads: 'CWC' },
  { accountNo: '20060002', name: '邓会计', kind: 'staff', department: 'CWC', roles: [{ role: 'finance' }] },
];

export const demoPeople: DemoPerson[] = [...staff, ...students(), ...financeStaff];

/** A deterministic, well-formed fictional ID number for the n-th demo person. */
export function demoIdNumber(n: number, kind: PersonKind): string {
  const region = ['610102', '610113', '610402', '420106', '510104'][n % 5]!;
  const year = kind === 'student' ? 2004 + (n % 3) : 1970 + (n % 20);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + ((n * 3) % 28)).padStart(2, '0');
  const first17 = `${region}${year}${month}${day}${String(100 + ((n * 37) % 900)).slice(0, 3)}`;
  return first17 + idNumberCheckChar(first17);
}

export function demoPhone(n: number): string {
  return `13${8 - (n % 3)}${String(29_000_000 + n * 7919).padStart(8, '0').slice(-8)}`;
}

export const demoCategories = [
  { name: '信息化服务', sort: 1 },
  { name: '学生事务', sort: 2 },
  { name: '后勤服务', sort: 3 },
  { name: '财务服务', sort: 4 },
] as const;

export const demoBanners = [
  { title: '一站式网上办事大厅', imageUrl: '/banners/hall.webp', link: '/hall', sort: 1 },
  { title: '办事指南', imageUrl: '/banners/guide.webp', link: '/hall', sort: 2 },
  { title: '网站变更申请上线', imageUrl: '/banners/notice.webp', link: '/services/website-change', sort: 3 },
] as const;

export interface DemoService {
  code: string;
  name: string;
  icon: string;
  summary: string;
  category: string;
  department: string;
  /** Who may see and apply (person kinds); left out: everyone. */
  audiences?: PersonKind[];
  guide: Omit<Guide, 'departmentName' | 'contactPhone'>;
  form: FormDefinitionInput;
  /** Named approvers are given by account number and turned into person ids by the seed. */
  process: ProcessDefinitionInput | ((personIdOf: (accountNo: string) => string) => ProcessDefinitionInput);
}

const contactPhoneField = { key: 'contactPhone', type: 'phone', label: '联系电话', required: true, placeholder: '11 位手机号' } as const;

export const demoServices: DemoService[] = [
  {
    code: 'website-change',
    name: '网站变更申请',
    icon: 'globe',
    summary: '学校各单位网站的内容、栏目、域名变更或下线',
    category: '信息化服务',
    department: 'XXZX',
    guide: {
      purpose: '校内各单位对所属网站进行内容更新、栏目调整、域名变更或网站下线时，须提交本申请，经本单位负责人同意、信息中心审核后实施。',
      audience: '校内各单位网站管理员（教职工）',
      materials: ['网站变更说明（在“变更说明”中填写）', '涉及新栏目的，附栏目结构和内容负责人', '域名变更的，附新域名备案信息'],
      timeLimit: '3 个工作日',
      process: '提交申请 → 部门负责人审批 → 信息中心审核 → 信息中心主任审批 → 办结',
      location: '信息楼 302 室',
      notes: '网站下线前请先做好数据备份。',
    },
    form: {
      fields: [
        { key: 'siteName', type: 'text', label: '网站名称', required: true, maxLength: 50, placeholder: '如：计算机科学与技术学院官网' },
        { key: 'siteUrl', type: 'url', label: '网站地址', required: true, placeholder: 'https://' },
        {
          key: 'changeType',
          type: 'select',
          label: '变更类型',
          required: true,
          options: [
            { value: 'content', label: '内容更新' },
            { value: 'column', label: '栏目调整' },
            { value: 'domain', label: '域名变更' },
            { value: 'offline', label: '网站下线' },
            { value: 'other', label: '其他' },
          ],
        },
        { key: 'description', type: 'textarea', label: '变更说明', required: true, minLength: 10, maxLength: 1000, placeholder: '请说明变更的内容和原因（至少 10 个字）' },
        { key: 'expectedDate', type: 'date', label: '期望完成日期', required: true, min: 'today' },
        contactPhoneField,
      ],
    },
    process: (personIdOf) => ({
      nodes: [
        { id: 'deptHead', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, mode: 'any' },
        { id: 'itReview', type: 'approver', name: '信息中心审核', assignee: { kind: 'role', role: 'it_staff', scope: 'all' }, mode: 'any' },
        { id: 'itDirector', type: 'approver', name: '信息中心主任审批', assignee: { kind: 'people', personIds: [personIdOf('20010001')] }, mode: 'any' },
      ],
    }),
  },
  {
    code: 'leave',
    name: '请假申请',
    icon: 'calendar',
    summary: '学生因病、因事请假',
    category: '学生事务',
    department: 'XGC',
    guide: {
      purpose: '在校学生因病、因事需离校或缺课的，应事先请假；三天以内由辅导员审批，超过三天还须学院负责人审批，审批结果抄送学生工作处。',
      audience: '全日制在校学生（含预科生）',
      materials: ['病假须附医院证明（可在说明中注明，返校后补交）', '事假须写明事由和去向'],
      timeLimit: '1 个工作日',
      process: '提交申请 → 辅导员审批 →（超过 3 天）学院负责人审批 → 抄送学生工作处 → 办结',
    },
    form: {
      fields: [
        { key: 'leaveType', type: 'radio', label: '请假类型', required: true, options: [{ value: 'sick', label: '病假' }, { value: 'personal', label: '事假' }, { value: 'other', label: '其他' }] },
        { key: 'startDate', type: 'date', label: '开始日期', required: true, min: 'today' },
        { key: 'endDate', type: 'date', label: '结束日期', required: true, min: 'today' },
        { key: 'days', type: 'number', label: '请假天数', required: true, integer: true, min: 1, max: 60, help: '超过 3 天须学院负责人审批' },
        { key: 'destination', type: 'text', label: '去向', required: true, maxLength: 100 },
        { key: 'reason', type: 'textarea', label: '请假事由', required: true, maxLength: 500 },
        contactPhoneField,
      ],
    },
    process: {
      nodes: [
        { id: 'counsellor', type: 'approver', name: '辅导员审批', assignee: { kind: 'counsellor' }, mode: 'any', sendBack: { targets: ['applicant'], resume: 'sender' } },
        {
          id: 'length',
          type: 'condition',
          name: '请假天数',
          branches: [
            { id: 'long', name: '超过 3 天', when: { field: 'days', op: 'gt', value: 3 }, nodes: [{ id: 'deptHead', type: 'approver', name: '学院负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, mode: 'any' }] },
            { id: 'short', name: '3 天以内', nodes: [] },
          ],
        },
        { id: 'notify', type: 'cc', name: '抄送学工处', assignee: { kind: 'role', role: 'student_affairs' } },
      ],
    },
  },
  {
    code: 'venue-booking',
    name: '场地借用',
    icon: 'building',
    summary: '借用报告厅、会议室、体育场馆等公共场地',
    category: '后勤服务',
    department: 'HQC',
    guide: {
      purpose: '校内单位和学生组织举办活动需借用公共场地的，至少提前 3 天申请。',
      audience: '校内各单位、学生组织负责人',
      materials: ['活动方案（在“活动内容”中简述）', '大型活动须附安全预案'],
      timeLimit: '2 个工作日',
      process: '提交申请 → 部门负责人审批 → 后勤管理处审批 → 办结',
      location: '后勤楼 105 室',
    },
    form: {
      fields: [
        { key: 'venue', type: 'select', label: '场地', required: true, options: [{ value: 'hall-a', label: '图书馆报告厅' }, { value: 'meeting-301', label: '行政楼 301 会议室' }, { value: 'gym', label: '体育馆' }, { value: 'square', label: '东区广场' }] },
        { key: 'date', type: 'date', label: '使用日期', required: true, min: 'today' },
        { key: 'timeSlot', type: 'select', label: '时间段', required: true, options: [{ value: 'am', label: '上午 8:00–12:00' }, { value: 'pm', label: '下午 14:00–18:00' }, { value: 'eve', label: '晚上 19:00–21:30' }] },
        { key: 'attendees', type: 'number', label: '参加人数', required: true, integer: true, min: 1, max: 2000 },
        { key: 'purpose', type: 'textarea', label: '活动内容', required: true, maxLength: 500 },
        contactPhoneField,
      ],
    },
    process: {
      nodes: [
        { id: 'deptHead', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, mode: 'any' },
        { id: 'logistics', type: 'approver', name: '后勤管理处审批', assignee: { kind: 'role', role: 'logistics', scope: 'all' }, mode: 'any' },
      ],
    },
  },
  {
    code: 'enrolment-certificate',
    name: '在读证明开具',
    icon: 'file',
    summary: '开具中文或英文在读证明',
    category: '学生事务',
    department: 'JWC',
    guide: {
      purpose: '为在校学生开具在读证明，用于出国、签证、实习、奖助学金申请等。',
      audience: '全日制在校学生',
      materials: ['无需另附材料，教务处核对学籍后出具'],
      timeLimit: '2 个工作日',
      process: '提交申请 → 教务处审核 → 办结（凭学生证到教务处领取）',
      location: '行政楼 108 室',
    },
    form: {
      fields: [
        { key: 'purpose', type: 'select', label: '用途', required: true, options: [{ value: 'abroad', label: '出国（境）' }, { value: 'visa', label: '签证' }, { value: 'intern', label: '实习' }, { value: 'other', label: '其他' }] },
        { key: 'language', type: 'radio', label: '证明语言', required: true, options: [{ value: 'zh', label: '中文' }, { value: 'en', label: '英文' }] },
        { key: 'copies', type: 'number', label: '份数', required: true, integer: true, min: 1, max: 5 },
        { key: 'notes', type: 'textarea', label: '备注', maxLength: 200 },
      ],
    },
    process: { nodes: [{ id: 'academic', type: 'approver', name: '教务处审核', assignee: { kind: 'role', role: 'academic_affairs', scope: 'all' }, mode: 'any' }] },
  },
  {
    code: 'email-account',
    name: '邮箱申请',
    icon: 'mail',
    summary: '申请学校电子邮箱',
    category: '信息化服务',
    department: 'XXZX',
    guide: {
      purpose: '为教职工和在校学生开通学校电子邮箱（@yunlu.edu.cn）。',
      audience: '在校师生',
      materials: ['无'],
      timeLimit: '1 个工作日',
      process: '提交申请 → 信息中心审核 → 办结（开通结果以消息通知）',
    },
    form: {
      fields: [
        { key: 'desiredName', type: 'text', label: '期望邮箱名', required: true, minLength: 3, maxLength: 30, placeholder: '字母、数字或点，如 zhang.san' },
        { key: 'purpose', type: 'select', label: '用途', required: true, options: [{ value: 'work', label: '工作' }, { value: 'study', label: '学习' }] },
        { key: 'backupEmail', type: 'email', label: '备用邮箱' },
        contactPhoneField,
      ],
    },
    process: { nodes: [{ id: 'itReview', type: 'approver', name: '信息中心审核', assignee: { kind: 'role', role: 'it_staff', scope: 'all' }, mode: 'any' }] },
  },
  {
    code: 'vpn-account',
    name: 'VPN 账号申请',
    icon: 'vpn',
    summary: '校外访问校内资源的 VPN 账号',
    category: '信息化服务',
    department: 'XXZX',
    guide: {
      purpose: '在校外需要访问图书馆数据库、教务系统等校内资源的师生，可申请 VPN 账号。',
      audience: '在校师生',
      materials: ['写明使用事由和使用期限'],
      timeLimit: '2 个工作日',
      process: '提交申请 → 部门负责人审批 → 信息中心审核 → 办结',
    },
    form: {
      fields: [
        { key: 'reason', type: 'textarea', label: '使用事由', required: true, maxLength: 300 },
        { key: 'endDate', type: 'date', label: '使用截止日期', required: true, min: 'today' },
        contactPhoneField,
      ],
    },
    process: {
      nodes: [
        { id: 'deptHead', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, mode: 'any' },
        { id: 'itReview', type: 'approver', name: '信息中心审核', assignee: { kind: 'role', role: 'it_staff', scope: 'all' }, mode: 'any' },
      ],
    },
  },
  {
    // For teachers and staff only: students do not see it, and its page and submit refuse them.
    code: 'official-car',
    name: '行政用车申请',
    icon: 'truck',
    summary: '因公外出使用学校公务车辆',
    category: '后勤服务',
    department: 'HQC',
    audiences: ['teacher', 'staff'],
    guide: {
      purpose: '教职工因公外出（会议、调研、接待等）需使用学校公务车辆的，至少提前 1 个工作日申请。',
      audience: '在职教职工',
      materials: ['写明用车事由、出发地和目的地'],
      timeLimit: '1 个工作日',
      process: '提交申请 → 部门负责人审批 → 后勤管理处审批 → 办结（车队电话通知）',
      location: '后勤楼 102 室（车队）',
    },
    form: {
      fields: [
        { key: 'date', type: 'date', label: '用车日期', required: true, min: 'today' },
        { key: 'destination', type: 'text', label: '目的地', required: true, maxLength: 100 },
        { key: 'passengers', type: 'number', label: '乘车人数', required: true, integer: true, min: 1, max: 45 },
        { key: 'reason', type: 'textarea', label: '用车事由', required: true, maxLength: 300 },
        contactPhoneField,
      ],
    },
    process: {
      nodes: [
        { id: 'deptHead', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, mode: 'any' },
        { id: 'logistics', type: 'approver', name: '后勤管理处审批', assignee: { kind: 'role', role: 'logistics', scope: 'all' }, mode: 'any' },
      ],
    },
  },
  {
    // Most field types at once: a date range with its days computed, a condition, a time, a switch, checkboxes,
    // prefill from the person and from the last application, a doctor's note, a description and a signature.
    code: 'student-leave',
    name: '学生请假申请',
    icon: 'calendar',
    summary: '按日期区间请假，附医院证明并手写签名',
    category: '学生事务',
    department: 'XGC',
    guide: {
      purpose: '在校学生因病、因事或参加学校活动需请假的，按起止日期提交申请；三天以内由辅导员审批，超过三天还须学院负责人审批，审批结果抄送学生工作处。',
      audience: '全日制在校学生（含预科生）',
      materials: ['病假须上传医院证明（诊断书或病历照片）', '离校的须写明去向'],
      timeLimit: '1 个工作日',
      process: '提交申请 → 辅导员审批 →（超过 3 天）学院负责人审批 → 抄送学生工作处 → 办结',
      notes: '返校后请及时到辅导员处销假。',
    },
    form: {
      fields: [
        { key: 'notice', type: 'description', label: '请假须知', content: '请如实填写请假时间和事由。**病假**须上传医院证明；请假超过 3 天的，还须学院负责人审批。\n- 离校期间请保持电话畅通\n- 返校后及时销假' },
        { key: 'studentNo', type: 'text', label: '学号', required: true, maxLength: 20, prefill: 'person.number' },
        { key: 'className', type: 'text', label: '班级', required: true, maxLength: 40, prefill: 'person.class' },
        { key: 'period', type: 'dateRange', label: '请假时间', required: true, min: 'today', maxDays: 60 },
        { key: 'leaveDays', type: 'computed', label: '请假天数', formula: 'days(period)', resultType: 'number', decimals: 0, help: '按起止日期自动计算（含首尾两天）' },
        {
          key: 'leaveKind',
          type: 'select',
          label: '请假类别',
          required: true,
          options: [
            { value: 'sick', label: '病假' },
            { value: 'personal', label: '事假' },
            { value: 'official', label: '公假' },
            { value: 'other', label: '其他' },
          ],
        },
        { key: 'otherKind', type: 'text', label: '其他类别说明', required: true, maxLength: 40, visibleWhen: { field: 'leaveKind', op: 'eq', value: 'other' } },
        { key: 'doctorNote', type: 'attachment', label: '医院证明', maxFiles: 3, maxSizeMb: 10, accept: ['pdf', 'jpg', 'jpeg', 'png'], visibleWhen: { field: 'leaveKind', op: 'eq', value: 'sick' }, help: '诊断书或病历，PDF 或图片，最多 3 个' },
        { key: 'leaveTime', type: 'time', label: '离校时间', min: '06:00', max: '23:00' },
        { key: 'leaveSchool', type: 'switch', label: '是否离校' },
        { key: 'destination', type: 'text', label: '去向', required: true, maxLength: 100, visibleWhen: { field: 'leaveSchool', op: 'eq', value: true } },
        { key: 'reason', type: 'textarea', label: '请假事由', required: true, minLength: 5, maxLength: 500 },
        { key: 'contactPhone', type: 'phone', label: '联系电话', required: true, prefill: 'last', placeholder: '11 位手机号' },
        {
          key: 'promises',
          type: 'checkbox',
          label: '承诺事项',
          required: true,
          minItems: 2,
          options: [
            { value: 'safety', label: '请假期间注意人身安全' },
            { value: 'return', label: '按时返校并销假' },
          ],
        },
        { key: 'signature', type: 'signature', label: '本人签名', required: true },
      ],
    },
    process: {
      nodes: [
        { id: 'counsellor', type: 'approver', name: '辅导员审批', assignee: { kind: 'counsellor' }, mode: 'any', sendBack: { targets: ['applicant'], resume: 'sender' } },
        {
          id: 'length',
          type: 'condition',
          name: '请假天数',
          branches: [
            { id: 'long', name: '超过 3 天', when: { field: 'leaveDays', op: 'gt', value: 3 }, nodes: [{ id: 'deptHead', type: 'approver', name: '学院负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, mode: 'any' }] },
            { id: 'short', name: '3 天以内', nodes: [] },
          ],
        },
        { id: 'notify', type: 'cc', name: '抄送学工处', assignee: { kind: 'role', role: 'student_affairs' } },
      ],
    },
  },
  {
    // A detail table with its money column summed into a computed total, which the finance office may correct.
    code: 'travel-expense',
    name: '差旅报销',
    icon: 'file',
    summary: '因公出差的交通、住宿等费用报销',
    category: '财务服务',
    department: 'CWC',
    guide: {
      purpose: '教职工和学生因公出差（会议、调研、培训、竞赛等）发生的交通、住宿等费用，出差结束后一个月内申请报销。',
      audience: '在校师生',
      materials: ['按笔填写费用明细', '上传全部票据照片（发票、车票、行程单）'],
      timeLimit: '5 个工作日',
      process: '提交申请 → 部门负责人审批 → 财务处审核（可核减明细）→ 办结（款项转入本人工资卡）',
      location: '行政楼 201 室（财务处）',
    },
    form: {
      fields: [
        { key: 'notice', type: 'description', label: '报销须知', content: '费用明细按票据逐笔填写，**报销合计**由明细自动相加。财务处审核时可核减明细，合计随之更新。' },
        { key: 'travellers', type: 'person', label: '出差人员', required: true, multiple: true, maxItems: 10 },
        { key: 'department', type: 'department', label: '报销部门', required: true, prefill: 'person.department' },
        { key: 'tripDates', type: 'dateRange', label: '出差日期', required: true, max: 'today', maxDays: 90 },
        { key: 'tripDays', type: 'computed', label: '出差天数', formula: 'days(tripDates)', resultType: 'number', decimals: 0 },
        { key: 'destination', type: 'text', label: '出差地点', required: true, maxLength: 60 },
        { key: 'purpose', type: 'radio', label: '出差事由', required: true, options: [{ value: 'meeting', label: '会议' }, { value: 'research', label: '调研' }, { value: 'training', label: '培训' }, { value: 'other', label: '其他' }] },
        {
          key: 'items',
          type: 'table',
          label: '费用明细',
          required: true,
          maxRows: 20,
          columns: [
            { key: 'date', type: 'date', label: '日期', required: true },
            { key: 'kind', type: 'select', label: '类别', required: true, options: [{ value: 'transport', label: '交通' }, { value: 'hotel', label: '住宿' }, { value: 'meal', label: '伙食补助' }, { value: 'other', label: '其他' }] },
            { key: 'note', type: 'text', label: '说明', maxLength: 40 },
            { key: 'amount', type: 'money', label: '金额', required: true, min: 0.01, max: 100000 },
          ],
        },
        { key: 'total', type: 'computed', label: '报销合计', formula: 'sum(items.amount)', resultType: 'money' },
        {
          key: 'invoiceKinds',
          type: 'multiSelect',
          label: '票据类型',
          required: true,
          options: [
            { value: 'vat', label: '增值税发票' },
            { value: 'train', label: '火车票' },
            { value: 'flight', label: '机票行程单' },
            { value: 'taxi', label: '出租车票' },
            { value: 'other', label: '其他票据' },
          ],
        },
        { key: 'invoices', type: 'image', label: '票据照片', required: true, maxFiles: 9 },
        { key: 'idNumber', type: 'idNumber', label: '收款人身份证号', required: true, help: '用于核对收款人身份' },
        { key: 'contactPhone', type: 'phone', label: '联系电话', required: true, prefill: 'last', placeholder: '11 位手机号' },
      ],
    },
    process: {
      nodes: [
        { id: 'deptHead', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, mode: 'any', fields: { idNumber: 'hidden' } },
        { id: 'finance', type: 'approver', name: '财务处审核', assignee: { kind: 'role', role: 'finance', scope: 'all' }, mode: 'any', fields: { items: 'write' } },
      ],
    },
  },
];
