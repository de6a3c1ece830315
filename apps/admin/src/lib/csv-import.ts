import { decodeCsvBytes, errorMessage } from '@onehall/contracts';
import { ApiError, describeError } from '../api/admin-api.ts';
import { saveBlob } from './save-file.ts';

/** The import body's `csv` schema from the contracts (only its safeParse is used). */
export interface CsvRule {
  safeParse(value: string): { success: true } | { success: false; error: { issues: { message: string }[] } };
}

/** What every import's check answers (人员, 部门, 班级): figures by action, problems by line, the rows that change. */
export interface ImportReport<C> {
  committed: boolean;
  rows: number;
  counts: Record<string, number>;
  problems: { line: number; column: string | null; code: string; message: string }[];
  changes: C[];
}

/** How many rows would change something (every action but 无变化). */
export function countChanges(counts: Record<string, number>): number {
  return Object.entries(counts).reduce((sum, [action, n]) => (action === 'unchanged' ? sum : sum + n), 0);
}

/** 确认导入 makes sense only for a file without a single problem that changes something. */
export function canCommitImport(report: ImportReport<unknown>): boolean {
  return report.problems.length === 0 && countChanges(report.counts) > 0;
}

/**
 * The text of a chosen CSV file (UTF-8, or GBK as Excel saves it), or the
 * reason it cannot be sent in Chinese: empty or too large, by the rule the
 * server applies (the import body's `csv` schema from the contracts).
 * Reading fails when the file changed on disk after it was chosen (edited in
 * Excel meanwhile): the browser then refuses it and it must be chosen again.
 */
export async function readImportFile(file: Blob, csvRule: CsvRule): Promise<{ csv: string } | { refusal: string }> {
  let csv: string;
  try {
    csv = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  } catch {
    return { refusal: '无法读取文件（选择后可能又被修改过）：请重新选择文件' };
  }
  const checked = csvRule.safeParse(csv);
  return checked.success ? { csv } : { refusal: checked.error.issues[0]?.message ?? errorMessage('VALIDATION_FAILED') };
}

/** A refused import in Chinese: the field messages of a VALIDATION_FAILED, otherwise the code's own text. */
export function describeImportError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.detail?.fields?.length) {
    return error.detail.fields.map((field) => field.message).join('；');
  }
  return describeError(error);
}

/** Saves an import template (its header row, UTF-8 with BOM so Excel shows the Chinese). */
export function saveTemplate(text: string, fileName: string): void {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
}
