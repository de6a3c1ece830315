import { z } from 'zod';
import { importProblemDto } from './people.ts';

/**
 * The school's organisation (组织机构): departments (部门, 院系) in a tree and
 * the classes (班级) of each, with the people approval rules ask for — the
 * department's head (部门负责人) and the class's counsellor (辅导员). An
 * installation without the demo data starts empty: the organisation is
 * imported first (departments, then classes), then the people, who are put
 * in them by code.
 *
 * Both imports read a CSV with a header row, one department or one class a
 * row, keyed by its code. A code not in the hall yet is created; one in the
 * hall is updated in the columns the row fills (an empty cell leaves the
 * value as it is). Checked as a whole, then written as a whole or not at all.
 */

export const organizationImportKinds = ['departments', 'classes'] as const;
export type OrganizationImportKind = (typeof organizationImportKinds)[number];
export const organizationImportParams = z.object({ kind: z.enum(organizationImportKinds) });

/** The departments file's columns, by their header text; the first two are always required. */
export const departmentImportColumns = [
  { key: 'code', header: '部门编码', aliases: ['编码', '院系编码', '单位编码', 'code'], example: 'JSJ' },
  { key: 'name', header: '部门名称', aliases: ['名称', '院系名称', '单位名称', 'name'], example: '计算机科学与技术学院' },
  { key: 'parentCode', header: '上级部门编码', aliases: ['上级编码', '上级单位编码', 'parentCode'], example: '' },
  { key: 'phone', header: '联系电话', aliases: ['电话', '办公电话', 'phone'], example: '029-88880001' },
  { key: 'headAccountNo', header: '负责人工号', aliases: ['部门负责人工号', '负责人', 'headAccountNo'], example: '' },
] as const;
export type DepartmentImportColumn = (typeof departmentImportColumns)[number]['key'];

/** The classes file's columns; code and name always, the department for a new class. */
export const classImportColumns = [
  { key: 'code', header: '班级编码', aliases: ['编码', 'code'], example: 'JK2601' },
  { key: 'name', header: '班级名称', aliases: ['名称', 'name'], example: '计算机科学与技术 2601 班' },
  { key: 'grade', header: '年级', aliases: ['grade'], example: '2026' },
  { key: 'departmentCode', header: '部门编码', aliases: ['所属部门编码', '院系编码', 'departmentCode'], example: 'JSJ' },
  { key: 'counsellorAccountNo', header: '辅导员工号', aliases: ['辅导员', '辅导员学号/工号', 'counsellorAccountNo'], example: '' },
] as const;
export type ClassImportColumn = (typeof classImportColumns)[number]['key'];

/** The most rows and characters one organisation import may hold. */
export const organizationImportLimits = { rows: 20_000, characters: 2_000_000, listedChanges: 2_000 } as const;

/** The two templates the admin console offers (UTF-8 with BOM, so Excel opens them in Chinese). */
export function organizationImportTemplate(kind: OrganizationImportKind): string {
  const columns = kind === 'departments' ? departmentImportColumns : classImportColumns;
  return `\uFEFF${columns.map((c) => c.header).join(',')}\r\n`;
}

export const organizationImportBody = z.object({
  /** The file's text (decoded with decodeCsvBytes). */
  csv: z.string().min(1, '文件是空的').max(organizationImportLimits.characters, '文件太大：一次最多导入 2 万行'),
  /** false: only check and show what would change; true: apply it, all rows or none. */
  commit: z.boolean(),
});
export type OrganizationImportBody = z.infer<typeof organizationImportBody>;

export const organizationImportActions = ['create', 'update', 'unchanged'] as const;
export type OrganizationImportAction = (typeof organizationImportActions)[number];
export const organizationImportActionText: Record<OrganizationImportAction, { zh: string; en: string }> = {
  create: { zh: '新建', en: 'New' },
  update: { zh: '更新', en: 'Updated' },
  unchanged: { zh: '无变化', en: 'Unchanged' },
};

export const organizationImportReportDto = z.object({
  /** Whether the changes were written (only when asked and without a single problem). */
  committed: z.boolean(),
  rows: z.number().int(),
  counts: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
  /** Every problem, by line of the file (the header is line 1); any problem means nothing is written. */
  problems: z.array(importProblemDto),
  /** The rows that change something, up to organizationImportLimits.listedChanges. */
  changes: z.array(
    z.object({
      line: z.number().int(),
      code: z.string(),
      name: z.string(),
      action: z.enum(['create', 'update']),
      /** For 'update': which columns change (by header text). */
      changedColumns: z.array(z.string()),
    }),
  ),
});
export type OrganizationImportReportDto = z.infer<typeof organizationImportReportDto>;

/** A department's 联系电话: digits, with - + ( ) and spaces (029-88880001, +86 29 8888 0001). */
export const departmentPhonePattern = /^[0-9+()\- ]{3,30}$/;
export const departmentPhoneRule = '联系电话为 3–30 位数字，可含 - + ( ) 和空格';

// ── editing one department or class in the console (编辑) ──
// Unlike an import's empty cell, an empty field here clears the value (null): the form shows them all.
const optionalCode = z.string().trim().max(32).nullable();

export const editDepartmentBody = z.object({
  name: z.string().trim().min(1, '请填写部门名称').max(50, '名称最多 50 个字'),
  /** null: a top-level department. */
  parentCode: optionalCode,
  phone: z.string().trim().regex(departmentPhonePattern, departmentPhoneRule).nullable(),
  headAccountNo: optionalCode,
});
export type EditDepartmentBody = z.infer<typeof editDepartmentBody>;

export const editClassBody = z.object({
  name: z.string().trim().min(1, '请填写班级名称').max(50, '名称最多 50 个字'),
  grade: z.string().trim().max(20, '年级最多 20 个字').nullable(),
  departmentCode: z.string().trim().min(1, '请选择所属部门').max(32),
  counsellorAccountNo: optionalCode,
});
export type EditClassBody = z.infer<typeof editClassBody>;

export const organizationCodeParams = z.object({ code: z.string().min(1).max(32) });

// ── the administrators' view of the organisation (组织机构) ──
const personOfOrganizationDto = z.object({ personId: z.uuid(), name: z.string(), accountNo: z.string().nullable() });

export const organizationClassDto = z.object({
  code: z.string(),
  name: z.string(),
  grade: z.string().nullable(),
  counsellor: personOfOrganizationDto.nullable(),
  /** People in the class. */
  people: z.number().int(),
});
export type OrganizationClassDto = z.infer<typeof organizationClassDto>;

export const organizationDepartmentDto = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  phone: z.string().nullable(),
  head: personOfOrganizationDto.nullable(),
  /** People whose department this is (not counting its sub-departments). */
  people: z.number().int(),
  classes: z.array(organizationClassDto),
});
export type OrganizationDepartmentDto = z.infer<typeof organizationDepartmentDto>;

/** Every department, parents before their children, each with its classes. */
export const organizationDto = z.object({ departments: z.array(organizationDepartmentDto) });
export type OrganizationDto = z.infer<typeof organizationDto>;
