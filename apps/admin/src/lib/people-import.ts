import { idTypes, idTypeText, peopleImportActionText, peopleImportColumns, type IdType, type PeopleImportColumn, type PeopleImportReportDto } from '@onehall/contracts';

type ImportChange = PeopleImportReportDto['changes'][number];

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
  idType: `选填，${idTypes.map((type) => idTypeText[type].zh).join('、')}（也可写 身份证、港澳通行证、台胞证）；不填为居民身份证`,
  idNumber: '新账号必填：居民身份证 18 位；护照等按其证件。初始密码为其后 8 位。系统中已有这个证件号码时，新学号/工号关联到该人员（如预科转本科），原来的申请和待办随人员保留',
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

/** What a person's document is called: 身份证号, or 护照号码 and the like. */
export function documentName(idType: IdType): string {
  return idType === 'resident' ? '身份证号' : `${idTypeText[idType].zh}号码`;
}

/** A masked number as the console shows it: a resident ID card's alone, another document's after its name (护照 E******78). */
export function describeIdNumber(person: { idNumber: string | null; idType: IdType }): string {
  if (!person.idNumber) return '—';
  return person.idType === 'resident' ? person.idNumber : `${idTypeText[person.idType].zh} ${person.idNumber}`;
}
