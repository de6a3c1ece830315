import {
  decodeCsvBytes,
  errorMessage,
  peopleImportActionText,
  peopleImportBody,
  peopleImportColumns,
  peopleImportTemplate,
  type PeopleImportColumn,
  type PeopleImportReportDto,
} from '@onehall/contracts';
import { ApiError, describeError } from '../api/admin-api.ts';

type ImportChange = PeopleImportReportDto['changes'][number];
type ImportCounts = PeopleImportReportDto['counts'];

/** The name the template is saved under. */
export const templateFileName = '人员导入模板.csv';

/**
 * When each column must be filled, in the words of the server's own checks
 * (people-import.ts). A Record over the contracts' column keys, so a column
 * added there cannot go unexplained here.
 */
const columnRules: Record<PeopleImportColumn, string> = {
  accountNo: '必填，4–32 位字母或数字',
  name: '必填，最多 50 个字',
  kind: '新账号必填：学生、教师 或 职工（也可写 本科生、研究生、预科生、教职工）',
  departmentCode: '选填，系统中已有的部门编码',
  classCode: '选填，系统中已有的班级编码；只填班级时，部门取班级所属的部门',
  phone: '选填，11 位手机号',
  idNumber: '新账号必填，18 位。系统中已有这个身份证号时，新学号/工号关联到该人员（如预科转本科），原来的申请和待办随人员保留',
  email: '选填',
};

/** The import file's columns, each with its header, an example and when it must be filled. */
export const importColumnGuide = peopleImportColumns.map((column) => ({ key: column.key, header: column.header, example: column.example, rule: columnRules[column.key] }));

/**
 * What 处理 says of a row: 新建, 关联到已有人员（原账号 2025090101；更新部门编码、班级编码）, or
 * 更新（手机号、班级编码）.
 */
export function describeChange(change: ImportChange): string {
  const text = peopleImportActionText[change.action].zh;
  if (change.action === 'link') {
    const also = change.changedColumns.length > 0 ? `；更新${change.changedColumns.join('、')}` : '';
    return change.existingAccounts.length > 0 || also ? `${text}（原账号 ${change.existingAccounts.join('、')}${also}）` : text;
  }
  if (change.action === 'update' && change.changedColumns.length > 0) return `${text}（${change.changedColumns.join('、')}）`;
  return text;
}

/** How many rows would change something (everything but 无变化). */
export function countChanges(counts: ImportCounts): number {
  return counts.create + counts.link + counts.update;
}

/** 确认导入 makes sense only for a file without a single problem that changes something. */
export function canCommitImport(report: PeopleImportReportDto): boolean {
  return report.problems.length === 0 && countChanges(report.counts) > 0;
}

/**
 * The text of a chosen CSV file (UTF-8, or GBK as Excel saves it), or the
 * reason it cannot be sent in Chinese: empty or too large, by the same rule
 * the server applies (the contracts' peopleImportBody). Reading fails when
 * the file changed on disk after it was chosen (edited in Excel meanwhile):
 * the browser then refuses it and the person has to choose it again.
 */
export async function readImportFile(file: Blob): Promise<{ csv: string } | { refusal: string }> {
  let csv: string;
  try {
    csv = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  } catch {
    return { refusal: '无法读取文件（选择后可能又被修改过）：请重新选择文件' };
  }
  const checked = peopleImportBody.shape.csv.safeParse(csv);
  return checked.success ? { csv } : { refusal: checked.error.issues[0]?.message ?? errorMessage('VALIDATION_FAILED') };
}

/** A refused import in Chinese: the field messages of a VALIDATION_FAILED, otherwise the code's own text. */
export function describeImportError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.detail?.fields?.length) {
    return error.detail.fields.map((field) => field.message).join('；');
  }
  return describeError(error);
}

/** Has the browser save `blob` as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a while later, not at once: a browser may still be starting the download (FileSaver.js waits too).
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Saves the template (the header row, UTF-8 with BOM so Excel shows the Chinese). */
export function downloadImportTemplate(): void {
  saveBlob(new Blob([peopleImportTemplate()], { type: 'text/csv;charset=utf-8' }), templateFileName);
}
