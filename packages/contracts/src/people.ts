import { z } from 'zod';
import { idTypes, personKinds } from './enums.ts';

/**
 * People import (人员导入) and the administrators' people list. The import is
 * a CSV file with a header row; each row is one account (学号/工号) of a
 * person. A row whose account is new but whose ID number belongs to a person
 * already in the hall adds the account to that person (预科→本科,
 * 本科→研究生), so their applications, drafts and todos follow them.
 */

/** The columns of the import file, by their header text; only the first two are always required. */
export const peopleImportColumns = [
  { key: 'accountNo', header: '学号/工号', aliases: ['学号', '工号', '账号', 'accountNo'], example: '2026010101' },
  { key: 'name', header: '姓名', aliases: ['name'], example: '张三' },
  { key: 'kind', header: '类别', aliases: ['人员类别', 'kind'], example: '学生' },
  { key: 'departmentCode', header: '部门编码', aliases: ['院系编码', 'departmentCode'], example: 'D01' },
  { key: 'classCode', header: '班级编码', aliases: ['classCode'], example: 'C2026-01' },
  { key: 'phone', header: '手机号', aliases: ['手机', 'phone'], example: '13800000000' },
  { key: 'idType', header: '证件类型', aliases: ['证件种类', 'idType'], example: '' },
  { key: 'idNumber', header: '证件号码', aliases: ['身份证号', '身份证', '身份证号码', '证件号', 'idNumber'], example: '' },
  { key: 'email', header: '邮箱', aliases: ['电子邮箱', 'email'], example: '' },
] as const;
export type PeopleImportColumn = (typeof peopleImportColumns)[number]['key'];

/** The most rows and characters one import may hold (a whole intake of a large university fits). */
export const peopleImportLimits = { rows: 50_000, characters: 8_000_000, listedChanges: 2_000 } as const;

/** A template the admin console offers for download (UTF-8 with BOM, so Excel opens it in Chinese). */
export function peopleImportTemplate(): string {
  const header = peopleImportColumns.map((c) => c.header).join(',');
  return `\uFEFF${header}\r\n`;
}

/**
 * The text of an uploaded CSV: UTF-8 (with or without BOM), or GB18030/GBK
 * as Excel saves CSV on Chinese Windows.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export const peopleImportBody = z.object({
  /** The file's text (decoded with decodeCsvBytes). */
  csv: z.string().min(1, '文件是空的').max(peopleImportLimits.characters, '文件太大：一次最多导入 5 万行'),
  /** false: only check and show what would change; true: apply it, all rows or none. */
  commit: z.boolean(),
});
export type PeopleImportBody = z.infer<typeof peopleImportBody>;

export const peopleImportActions = ['create', 'link', 'update', 'unchanged'] as const;
export type PeopleImportAction = (typeof peopleImportActions)[number];
export const peopleImportActionText: Record<PeopleImportAction, { zh: string; en: string }> = {
  create: { zh: '新建', en: 'New' },
  link: { zh: '关联到已有人员', en: 'Linked to an existing person' },
  update: { zh: '更新', en: 'Updated' },
  unchanged: { zh: '无变化', en: 'Unchanged' },
};

/** A problem of an import file (人员, 部门, 班级), at its line (the header is line 1) and column (by header text). */
export const importProblemDto = z.object({ line: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string() });
export type ImportProblemDto = z.infer<typeof importProblemDto>;

export const peopleImportReportDto = z.object({
  /** Whether the changes were written (only when asked and without a single problem). */
  committed: z.boolean(),
  rows: z.number().int(),
  counts: z.object({ create: z.number().int(), link: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
  /** Every problem, by line of the file (the header is line 1); any problem means nothing is written. */
  problems: z.array(importProblemDto),
  /** The rows that change something, up to peopleImportLimits.listedChanges. */
  changes: z.array(
    z.object({
      line: z.number().int(),
      accountNo: z.string(),
      name: z.string(),
      action: z.enum(peopleImportActions),
      /** For 'link': the person's accounts before this import. */
      existingAccounts: z.array(z.string()),
      /** For 'update' and 'link': which of the person's columns change (by header text). */
      changedColumns: z.array(z.string()),
    }),
  ),
});
export type PeopleImportReportDto = z.infer<typeof peopleImportReportDto>;

// ── the administrators' people list ──
export const peopleListQuery = z.object({
  /** Part of a name, or the start of an account number. */
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PeopleListQuery = z.infer<typeof peopleListQuery>;

export const personAdminDto = z.object({
  personId: z.uuid(),
  name: z.string(),
  kind: z.enum(personKinds),
  departmentName: z.string().nullable(),
  className: z.string().nullable(),
  /** Masked: 138****5678. */
  phone: z.string().nullable(),
  /** Masked: 610***********1234, E******78. */
  idNumber: z.string().nullable(),
  /** The document the number is of (居民身份证 unless said). */
  idType: z.enum(idTypes),
  accounts: z.array(z.object({ accountNo: z.string(), status: z.enum(['active', 'disabled']) })),
});
export type PersonAdminDto = z.infer<typeof personAdminDto>;
export const peopleListDto = z.object({ items: z.array(personAdminDto), nextCursor: z.string().nullable() });
export type PeopleListDto = z.infer<typeof peopleListDto>;
