import { Typography, type TableColumnsType } from 'antd';
import { peopleImportActions, peopleImportActionText, peopleImportBody, peopleImportTemplate, type PeopleImportReportDto } from '@onehall/contracts';
import { adminApi } from '../api/admin-api.ts';
import { CsvImportModal, type CsvImportKind } from '../components/csv-import-modal.tsx';
import { describeChange, importColumnGuide, templateFileName } from '../lib/people-import.ts';

type Change = PeopleImportReportDto['changes'][number];

const changeColumns: TableColumnsType<Change> = [
  { title: '行', dataIndex: 'line', width: 70 },
  { title: '学号/工号', dataIndex: 'accountNo', width: 140 },
  { title: '姓名', dataIndex: 'name', width: 120 },
  { title: '处理', key: 'action', render: (_: unknown, change) => describeChange(change) },
];

/** 导入人员: one row an account (学号/工号); a new number with a known ID number joins that person. */
const peopleImport: CsvImportKind<Change> = {
  title: '导入人员',
  subject: '人员',
  intro: 'CSV 文件的第一行为表头，从第二行起每行一个账号（学号/工号）。学号/工号和姓名必填；新账号还须填写类别和证件号码（身份证号；留学生等填写证件类型和护照等证件的号码）。已在系统中的账号按文件更新填写了的列，空着的列保持不变。文件中有任何一行有问题时，不会导入任何一行。',
  guide: importColumnGuide,
  template: { text: peopleImportTemplate(), fileName: templateFileName },
  csvRule: peopleImportBody.shape.csv,
  send: (body) => adminApi.importPeople(body),
  figures: peopleImportActions.map((action) => ({ action, label: peopleImportActionText[action].zh })),
  changeColumns,
  conflictCode: 'PEOPLE_IMPORT_CONFLICT',
  doneNote: (report) => (report.counts.create ?? 0) + (report.counts.link ?? 0) > 0 && <Typography.Paragraph type="secondary">新账号的初始密码为证件号码（身份证号）后 8 位，首次登录时须修改。</Typography.Paragraph>,
};

/** 导入人员 on the 人员 page. */
export function PeopleImportModal(props: { open: boolean; onClose: () => void; onImported: () => void }) {
  return <CsvImportModal kind={peopleImport} {...props} />;
}
