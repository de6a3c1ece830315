import { useEffect, useMemo, useState } from 'react';
import { evaluateForm, todayInShanghai } from '@onehall/forms';
import { Button } from 'antd-mobile';
import { applicationStatusText, type ApplicationDetailDto, type TimelineAction } from '@onehall/contracts';
import { useParams } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { FieldValue } from '../components/field-value.tsx';
import { timelineHeadline } from '../components/application-timeline.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import '../styles/print.css';

/** The hall's name, as the H5's title and its login page give it. */
const HALL_TITLE = '一站式网上办事大厅';

/** What an entry's text is, when it is not an approver's opinion (as on the detail page's timeline). */
const opinionLabel: Partial<Record<TimelineAction, string>> = { comment: '评论', answer: '回复意见', withdraw: '撤回原因', cc: '抄送说明' };

/**
 * 打印 / 导出 PDF: one application laid out on A4 for the archive — its
 * header, every value as the detail page draws it, the approval record and
 * when it was printed. It reads the same detail API as the detail page, so
 * whoever may not read the application gets the same refusal here.
 * "Save as PDF" in the print dialog gives the PDF.
 */
export default function PrintPage() {
  const { id = '' } = useParams();
  const detail = useLoad(() => hallApi.getApplication(id), [id]);
  const application = detail.data;
  // Fixed when the page opens, so the footer says when this copy was made.
  const [printedAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    if (!application) return;
    // The browser offers the title as the PDF's file name.
    const previous = document.title;
    document.title = `${application.serviceName}-${application.serialNo}`;
    return () => {
      document.title = previous;
    };
  }, [application]);

  return (
    <div className="print-page">
      <div className="print-page__chrome">
        <PageHeader title="打印 / 导出 PDF" backTo={`/applications/${encodeURIComponent(id)}`} />
        {application && (
          <div className="print-page__toolbar">
            <Button color="primary" size="small" onClick={() => window.print()}>
              打印
            </Button>
            <span className="muted">在打印对话框中选择“另存为 PDF”即可导出</span>
          </div>
        )}
      </div>
      {detail.loading && !application && <PageLoading />}
      {detail.error != null && !application && <LoadError error={detail.error} onRetry={detail.reload} />}
      {application && (
        <article className="print-sheet" aria-label="申请打印稿">
          <header className="print-sheet__head">
            <p className="print-sheet__hall">{HALL_TITLE}</p>
            <h1 className="print-sheet__title">{application.serviceName}</h1>
          </header>
          <PrintSummary application={application} />
          <PrintData application={application} />
          <PrintRecord application={application} />
          <footer className="print-sheet__foot">
            <span>申请编号 {application.serialNo}</span>
            <span data-testid="printed-at">打印时间 {formatDateTime(printedAt)}</span>
          </footer>
        </article>
      )}
    </div>
  );
}

function PrintSummary({ application }: { application: ApplicationDetailDto }) {
  const { applicant } = application;
  const rows: [string, string][] = [
    ['申请编号', application.serialNo],
    ['申请人', applicant.departmentName ? `${applicant.name}（${applicant.departmentName}）` : applicant.name],
    ['提交时间', formatDateTime(application.submittedAt)],
    ['状态', applicationStatusText[application.status].zh],
  ];
  if (application.endedAt) rows.push(['办结时间', formatDateTime(application.endedAt)]);
  return (
    <table className="print-table print-table--summary">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 申请内容: the fields shown on the detail page, drawn by the same FieldValue (tables with 合计, pictures, the signature). */
function PrintData({ application }: { application: ApplicationDetailDto }) {
  const shown = useMemo(() => evaluateForm(application.form, {}, { today: todayInShanghai(), writable: [], current: application.data }).visible, [application.form, application.data]);
  return (
    <section className="print-sheet__section" aria-labelledby="print-data-title">
      <h2 className="print-sheet__section-title" id="print-data-title">
        申请内容
      </h2>
      <table className="print-table">
        <tbody>
          {application.form.fields
            .filter((field) => field.type !== 'description' && shown.has(field.key))
            .map((field) => (
              <tr key={field.key} data-field={field.key}>
                <th scope="row">{field.label}</th>
                <td className="pre-line">
                  <FieldValue field={field} value={application.data[field.key]} refs={application.refs} />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

/** 审批记录: every entry of the timeline, oldest first: step, who, what, opinion, when. */
function PrintRecord({ application }: { application: ApplicationDetailDto }) {
  return (
    <section className="print-sheet__section" aria-labelledby="print-record-title">
      <h2 className="print-sheet__section-title" id="print-record-title">
        审批记录
      </h2>
      {application.timeline.length === 0 ? (
        <p className="muted">暂无记录</p>
      ) : (
        <table className="print-table print-table--record">
          <thead>
            <tr>
              <th scope="col">环节</th>
              <th scope="col">处理人</th>
              <th scope="col">处理</th>
              <th scope="col">意见</th>
              <th scope="col">时间</th>
            </tr>
          </thead>
          <tbody>
            {application.timeline.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td>{entry.nodeName ?? '—'}</td>
                <td>{entry.actorName ?? '—'}</td>
                <td>{timelineHeadline(entry)}</td>
                <td className="pre-line">{entry.opinion ? (opinionLabel[entry.action] ? `${opinionLabel[entry.action]}：${entry.opinion}` : entry.opinion) : '—'}</td>
                <td className="print-table__time">{formatDateTime(entry.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
