import {
  classImportColumns, departmentImportColumns, organizationImportActionText, organizationImportBody, organizationImportTemplate,
  type ClassImportColumn, type DepartmentImportColumn, type OrganizationImportKind, type OrganizationImportReportDto,
} from '@onehall/contracts';
import type { TableColumnsType } from 'antd';
import { adminApi } from '../api/admin-api.ts';
import type { CsvImportKind } from '../components/csv-import-modal.tsx';

type Change = OrganizationImportReportDto['changes'][number];

/**
 * When each column must be filled, in the words of the server's own checks
 * (organization-import.ts). Records over the contracts' column keys, so a
 * column added there cannot go unexplained here.
 */
const codeRule = '必填，1–32 位字母、数字（可含 _ . -）';
const departmentRules: Record<DepartmentImportColumn, string> = {
  code: `${codeRule}；系统中已有这个编码时，按文件更新该部门`,
  name: '必填，最多 50 个字',
  parentCode: '选填，系统中或本文件中的部门编码；不填为顶级部门（已有部门保持原来的上级）',
  phone: '选填，数字，可含 - + ( ) 和空格',
  headAccountNo: '选填，部门负责人的学号/工号（须已导入）；“部门负责人审批”的环节交给此人',
};
const classRules: Record<ClassImportColumn, string> = {
  code: `${codeRule}；系统中已有这个编码时，按文件更新该班级`,
  name: '必填，最多 50 个字',
  grade: '选填，最多 20 个字，如 2026',
  departmentCode: '新班级必填，系统中已有的部门编码；已有学生的班级不能改到其他部门',
  counsellorAccountNo: '选填，辅导员的学号/工号（须已导入）；“辅导员审批”的环节交给此人',
};

const changeColumns = (codeHeader: string, nameHeader: string): TableColumnsType<Change> => [
  { title: '行', dataIndex: 'line', width: 70 },
  { title: codeHeader, dataIndex: 'code', width: 140 },
  { title: nameHeader, dataIndex: 'name', width: 220 },
  {
    title: '处理',
    key: 'action',
    render: (_: unknown, change: Change) => (change.action === 'update' && change.changedColumns.length > 0 ? `更新（${change.changedColumns.join('、')}）` : organizationImportActionText[change.action].zh),
  },
];

/**
 * One organisation import as the dialog shows it: what differs between the
 * two is their subject (部门, 班级), the paragraph above the file and the
 * columns' rules; the rest is the same call with another kind.
 */
function organizationImport<K extends string>(
  kind: OrganizationImportKind,
  subject: '部门' | '班级',
  intro: string,
  columns: readonly { key: K; header: string; example: string }[],
  rules: Record<K, string>,
): CsvImportKind<Change> {
  return {
    title: `导入${subject}`,
    subject,
    intro,
    guide: columns.map((column) => ({ key: column.key, header: column.header, example: column.example, rule: rules[column.key] })),
    template: { text: organizationImportTemplate(kind), fileName: `${subject}导入模板.csv` },
    csvRule: organizationImportBody.shape.csv,
    send: (body) => adminApi.importOrganization(kind, body),
    figures: (['create', 'update', 'unchanged'] as const).map((action) => ({ action, label: organizationImportActionText[action].zh })),
    changeColumns: changeColumns(`${subject}编码`, `${subject}名称`),
    conflictCode: 'ORGANIZATION_IMPORT_CONFLICT',
  };
}

/** 导入部门 and 导入班级, as the import dialog shows them. */
export const organizationImports: Record<OrganizationImportKind, CsvImportKind<Change>> = {
  departments: organizationImport(
    'departments',
    '部门',
    'CSV 文件的第一行为表头，从第二行起每行一个部门。部门编码和部门名称必填；上级部门可以是系统中已有的部门，也可以是本文件中的部门（先后不限）。已有的部门按文件更新填写了的列，空着的列保持不变。文件中有任何一行有问题时，不会导入任何一行。请先导入部门，再导入班级和人员。',
    departmentImportColumns,
    departmentRules,
  ),
  classes: organizationImport(
    'classes',
    '班级',
    'CSV 文件的第一行为表头，从第二行起每行一个班级。班级编码和班级名称必填；新班级还须填写所属部门的编码（部门须已导入）。已有的班级按文件更新填写了的列，空着的列保持不变。文件中有任何一行有问题时，不会导入任何一行。',
    classImportColumns,
    classRules,
  ),
};
