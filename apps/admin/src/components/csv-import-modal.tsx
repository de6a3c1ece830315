import { useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Collapse, Flex, Modal, Result, Space, Statistic, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { ApiError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';
import { canCommitImport, countChanges, describeImportError, readImportFile, saveTemplate, type CsvRule, type ImportReport } from '../lib/csv-import.ts';

type Problem = ImportReport<unknown>['problems'][number];

/** A column of the import file as the dialog explains it. */
export interface ImportColumnGuide {
  key: string;
  header: string;
  rule: string;
  example: string;
}

/** What makes one import (人员, 部门, 班级) different from another in the dialog. */
export interface CsvImportKind<C> {
  /** The dialog's title, also the name of the action: 导入人员. */
  title: string;
  /** What one row holds, for the messages: 人员, 部门, 班级. */
  subject: string;
  /** The paragraph above the file: what a row is, what is required, what an empty cell means. */
  intro: ReactNode;
  guide: readonly ImportColumnGuide[];
  template: { text: string; fileName: string };
  /** The server's rule for the file's text (the import body's `csv` schema). */
  csvRule: CsvRule;
  /** Checks (commit false) or imports (commit true) the text. */
  send: (body: { csv: string; commit: boolean }) => Promise<ImportReport<C>>;
  /** The figures shown, in order: an action of `counts` and its Chinese name. */
  figures: readonly { action: string; label: string }[];
  changeColumns: TableColumnsType<C>;
  /** The error code meaning another import got in between: the check no longer holds. */
  conflictCode: string;
  /** Said under the figures once imported (新账号的初始密码…), if anything. */
  doneNote?: (report: ImportReport<C>) => ReactNode;
}

const problemColumns: TableColumnsType<Problem & { key: number }> = [
  { title: '行', dataIndex: 'line', width: 70 },
  { title: '列', dataIndex: 'column', width: 120, render: (column: string | null) => column ?? '—' },
  { title: '问题', dataIndex: 'message' },
];

const guideColumns: TableColumnsType<ImportColumnGuide> = [
  { title: '列（表头）', dataIndex: 'header', width: 110 },
  { title: '填写要求', dataIndex: 'rule' },
  { title: '示例', dataIndex: 'example', width: 110, render: (example: string) => example || '—' },
];

const tablePaging = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

/** A report's figures (新建, 更新, 无变化…), and its problems when asked. */
function ImportCounts<C>({ kind, report, withProblems }: { kind: CsvImportKind<C>; report: ImportReport<C>; withProblems: boolean }) {
  return (
    <Flex gap={40} wrap style={{ margin: '16px 0' }}>
      {kind.figures.map(({ action, label }) => (
        <Statistic key={action} title={label} value={report.counts[action] ?? 0} />
      ))}
      {withProblems && <Statistic title="问题" value={report.problems.length} styles={report.problems.length > 0 ? { content: { color: '#cf1322' } } : undefined} />}
    </Flex>
  );
}

/** What the check found: the verdict, the figures, the problems by line and the rows that change. */
function CheckReport<C extends { line: number }>({ kind, report }: { kind: CsvImportKind<C>; report: ImportReport<C> }) {
  const changing = countChanges(report.counts);
  let verdict;
  if (report.problems.length > 0) {
    verdict = <Alert type="error" showIcon title={`发现 ${report.problems.length} 个问题：请在文件中改正后重新选择文件并检查。文件中有问题时，不会导入任何一行。`} />;
  } else if (changing === 0) {
    verdict = <Alert type="info" showIcon title={`文件中的 ${report.rows} 行与系统中的${kind.subject}一致，无需导入`} />;
  } else {
    verdict = <Alert type="success" showIcon title={`检查通过：共 ${report.rows} 行，${changing} 行有变化。核对下面的变化后，点击“确认导入”。`} />;
  }
  return (
    <section aria-label="检查结果" style={{ marginTop: 16 }}>
      {verdict}
      <ImportCounts kind={kind} report={report} withProblems />
      {report.problems.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>问题</Typography.Title>
          <Table size="small" columns={problemColumns} dataSource={report.problems.map((problem, index) => ({ ...problem, key: index }))} pagination={tablePaging} style={{ marginBottom: 16 }} />
        </>
      )}
      {report.changes.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>变化</Typography.Title>
          {report.changes.length < changing && (
            <Typography.Paragraph type="secondary">
              共 {changing} 行有变化，这里列出前 {report.changes.length} 行。
            </Typography.Paragraph>
          )}
          <Table<C> size="small" rowKey="line" columns={kind.changeColumns} dataSource={report.changes} pagination={tablePaging} />
        </>
      )}
    </section>
  );
}

/**
 * An import dialog (导入人员, 导入部门, 导入班级): choose a CSV (UTF-8, or GBK
 * as Excel saves it), 检查 shows what would change and every problem by line
 * and column, and 确认导入 sends the very text that was checked, written by
 * the server all rows or none. A file chosen anew must be checked again
 * before it can be imported.
 */
export function CsvImportModal<C extends { line: number }>({ kind, open, onClose, onImported }: { kind: CsvImportKind<C>; open: boolean; onClose: () => void; onImported: () => void }) {
  const handleAccessError = useAccessErrorHandler();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ csv: string; report: ImportReport<C> } | null>(null);
  const [done, setDone] = useState<ImportReport<C> | null>(null);
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
      const read = await readImportFile(file, kind.csvRule);
      if (mine !== generation.current) return;
      if ('refusal' in read) {
        setFailure(read.refusal);
        return;
      }
      const report = await kind.send({ csv: read.csv, commit: false });
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
      const report = await kind.send({ csv: checked.csv, commit: true });
      if (report.committed) onImported(); // written: the page shows it whatever happens to this dialog
      if (mine !== generation.current) return;
      // Not written: the hall changed since the check, and the report says how.
      if (report.committed) setDone(report);
      else setChecked({ csv: checked.csv, report });
    } catch (error) {
      if (mine !== generation.current || handleAccessError(error)) return;
      setFailure(describeImportError(error));
      // Another import got in between: what the check showed no longer holds.
      if (error instanceof ApiError && error.code === kind.conflictCode) setChecked(null);
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
      title={kind.title}
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
                <ImportCounts kind={kind} report={done} withProblems={false} />
              </Flex>
              {kind.doneNote?.(done)}
            </>
          }
        />
      ) : (
        <>
          <Typography.Paragraph>{kind.intro}</Typography.Paragraph>
          <Collapse
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'columns',
                label: '各列的填写要求',
                children: <Table size="small" rowKey="key" columns={guideColumns} dataSource={[...kind.guide]} pagination={false} />,
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
            <Button onClick={() => saveTemplate(kind.template.text, kind.template.fileName)}>下载导入模板</Button>
          </Space>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} />}
          {checked && <CheckReport kind={kind} report={checked.report} />}
        </>
      )}
    </Modal>
  );
}
