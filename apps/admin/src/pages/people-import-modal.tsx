import { useRef, useState } from 'react';
import { Alert, Button, Collapse, Flex, Modal, Result, Space, Statistic, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { peopleImportActions, peopleImportActionText, type PeopleImportReportDto } from '@onehall/contracts';
import { adminApi, ApiError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';
import { canCommitImport, countChanges, describeChange, describeImportError, downloadImportTemplate, importColumnGuide, readImportFile } from '../lib/people-import.ts';

type Problem = PeopleImportReportDto['problems'][number];
type Change = PeopleImportReportDto['changes'][number];

const problemColumns: TableColumnsType<Problem & { key: number }> = [
  { title: '行', dataIndex: 'line', width: 70 },
  { title: '列', dataIndex: 'column', width: 120, render: (column: string | null) => column ?? '—' },
  { title: '问题', dataIndex: 'message' },
];

const changeColumns: TableColumnsType<Change> = [
  { title: '行', dataIndex: 'line', width: 70 },
  { title: '学号/工号', dataIndex: 'accountNo', width: 140 },
  { title: '姓名', dataIndex: 'name', width: 120 },
  { title: '处理', key: 'action', render: (_: unknown, change) => describeChange(change) },
];

const guideColumns: TableColumnsType<(typeof importColumnGuide)[number]> = [
  { title: '列（表头）', dataIndex: 'header', width: 110 },
  { title: '填写要求', dataIndex: 'rule' },
  { title: '示例', dataIndex: 'example', width: 110, render: (example: string) => example || '—' },
];

const tablePaging = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

/** The four numbers of a report (新建, 关联到已有人员, 更新, 无变化), and its problems when asked. */
function ImportCounts({ report, withProblems }: { report: PeopleImportReportDto; withProblems: boolean }) {
  return (
    <Flex gap={40} wrap style={{ margin: '16px 0' }}>
      {peopleImportActions.map((action) => (
        <Statistic key={action} title={peopleImportActionText[action].zh} value={report.counts[action]} />
      ))}
      {withProblems && <Statistic title="问题" value={report.problems.length} styles={report.problems.length > 0 ? { content: { color: '#cf1322' } } : undefined} />}
    </Flex>
  );
}

/** What the check found: the verdict, the numbers, the problems by line and the rows that change. */
function CheckReport({ report }: { report: PeopleImportReportDto }) {
  const changing = countChanges(report.counts);
  let verdict;
  if (report.problems.length > 0) {
    verdict = <Alert type="error" showIcon title={`发现 ${report.problems.length} 个问题：请在文件中改正后重新选择文件并检查。文件中有问题时，不会导入任何一行。`} />;
  } else if (changing === 0) {
    verdict = <Alert type="info" showIcon title={`文件中的 ${report.rows} 行与系统中的人员一致，无需导入`} />;
  } else {
    verdict = <Alert type="success" showIcon title={`检查通过：共 ${report.rows} 行，${changing} 行有变化。核对下面的变化后，点击“确认导入”。`} />;
  }
  return (
    <section aria-label="检查结果" style={{ marginTop: 16 }}>
      {verdict}
      <ImportCounts report={report} withProblems />
      {report.problems.length > 0 && (
        <>
          <Typography.Title level={5}>问题</Typography.Title>
          <Table size="small" columns={problemColumns} dataSource={report.problems.map((problem, index) => ({ ...problem, key: index }))} pagination={tablePaging} style={{ marginBottom: 16 }} />
        </>
      )}
      {report.changes.length > 0 && (
        <>
          <Typography.Title level={5}>变化</Typography.Title>
          {report.changes.length < changing && (
            <Typography.Paragraph type="secondary">
              共 {changing} 行有变化，这里列出前 {report.changes.length} 行。
            </Typography.Paragraph>
          )}
          <Table<Change> size="small" rowKey="line" columns={changeColumns} dataSource={report.changes} pagination={tablePaging} />
        </>
      )}
    </section>
  );
}

/**
 * 导入人员: choose a CSV (UTF-8, or GBK as Excel saves it), 检查 shows what
 * would change and every problem by line and column, and 确认导入 sends the
 * very text that was checked, written by the server all rows or none. A file
 * chosen anew must be checked again before it can be imported.
 */
export function PeopleImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const handleAccessError = useAccessErrorHandler();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ csv: string; report: PeopleImportReportDto } | null>(null);
  const [done, setDone] = useState<PeopleImportReportDto | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A new file or a closed dialog starts a generation: older answers are dropped.
  const generation = useRef(0);

  function reset() {
    generation.current += 1;
    setFile(null);
    setChecked(null);
    setDone(null);
    setBusy(null);
    setFailure(null);
  }

  function choose(chosen: File) {
    generation.current += 1;
    setChecked(null);
    setBusy(null);
    if (!/\.csv$/i.test(chosen.name)) {
      setFile(null);
      setFailure('请选择 CSV 文件：在 Excel 中用“另存为”保存为“CSV（逗号分隔）”');
      return;
    }
    setFile(chosen);
    setFailure(null);
  }

  async function check() {
    if (!file) return;
    const mine = ++generation.current;
    setBusy('checking');
    setFailure(null);
    setChecked(null);
    try {
      const read = await readImportFile(file);
      if (mine !== generation.current) return;
      if ('refusal' in read) {
        setFailure(read.refusal);
        return;
      }
      const report = await adminApi.importPeople({ csv: read.csv, commit: false });
      if (mine === generation.current) setChecked({ csv: read.csv, report });
    } catch (error) {
      if (mine === generation.current && !handleAccessError(error)) setFailure(describeImportError(error));
    } finally {
      if (mine === generation.current) setBusy(null);
    }
  }

  async function commit() {
    if (!checked) return;
    const mine = ++generation.current;
    setBusy('importing');
    setFailure(null);
    try {
      const report = await adminApi.importPeople({ csv: checked.csv, commit: true });
      if (report.committed) onImported(); // written: the list shows it whatever happens to this dialog
      if (mine !== generation.current) return;
      // Not written: the hall changed since the check, and the report says how.
      if (report.committed) setDone(report);
      else setChecked({ csv: checked.csv, report });
    } catch (error) {
      if (mine !== generation.current || handleAccessError(error)) return;
      setFailure(describeImportError(error));
      // Another import got in between: what the check showed no longer holds.
      if (error instanceof ApiError && error.code === 'PEOPLE_IMPORT_CONFLICT') setChecked(null);
    } finally {
      if (mine === generation.current) setBusy(null);
    }
  }

  const isImporting = busy === 'importing';
  const footer = done
    ? [
        <Button key="close" type="primary" onClick={onClose}>
          完成
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose} disabled={isImporting}>
          取消
        </Button>,
        <Button key="commit" type="primary" disabled={!checked || !canCommitImport(checked.report) || busy === 'checking'} loading={isImporting} onClick={() => void commit()}>
          确认导入
        </Button>,
      ];

  return (
    <Modal
      title="导入人员"
      open={open}
      width={900}
      footer={footer}
      // While the import is written, the dialog stays: its answer is the only word on what happened.
      closable={!isImporting}
      mask={{ closable: !isImporting }}
      keyboard={!isImporting}
      onCancel={onClose}
      afterClose={reset}
    >
      {done ? (
        <Result
          status="success"
          title="导入完成"
          subTitle={`共 ${done.rows} 行`}
          extra={
            <>
              <Flex justify="center">
                <ImportCounts report={done} withProblems={false} />
              </Flex>
              {done.counts.create + done.counts.link > 0 && <Typography.Paragraph type="secondary">新账号的初始密码为身份证号后 8 位，首次登录时须修改。</Typography.Paragraph>}
            </>
          }
        />
      ) : (
        <>
          <Typography.Paragraph>
            CSV 文件的第一行为表头，从第二行起每行一个账号（学号/工号）。学号/工号和姓名必填；新账号还须填写类别和身份证号。已在系统中的账号按文件更新填写了的列，空着的列保持不变。文件中有任何一行有问题时，不会导入任何一行。
          </Typography.Paragraph>
          <Collapse
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'columns',
                label: '各列的填写要求',
                children: <Table size="small" rowKey="key" columns={guideColumns} dataSource={importColumnGuide} pagination={false} />,
              },
            ]}
          />
          <Space wrap align="start">
            <Upload
              accept=".csv,text/csv"
              maxCount={1}
              disabled={busy !== null}
              // Nothing is uploaded here: the file is read in the browser and its text sent with 检查.
              beforeUpload={(chosen) => {
                choose(chosen);
                return false;
              }}
              fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
              onRemove={() => {
                reset();
                return true;
              }}
            >
              <Button disabled={busy !== null}>选择 CSV 文件</Button>
            </Upload>
            <Button disabled={!file || isImporting} loading={busy === 'checking'} onClick={() => void check()}>
              检查
            </Button>
            <Button onClick={downloadImportTemplate}>下载导入模板</Button>
          </Space>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} />}
          {checked && <CheckReport report={checked.report} />}
        </>
      )}
    </Modal>
  );
}
