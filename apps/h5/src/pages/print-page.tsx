import { useEffect, useMemo, useState } from 'react';
import { evaluateForm, todayInShanghai } from '@onehall/forms';
import { Button } from 'antd-mobile';
import type { ApplicationDetailDto } from '@onehall/contracts';
import { applicationStatusText, type TimelineAction } from '@onehall/contracts/plain';
import { useParams } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { FieldValue } from '../components/field-value.tsx';
import { timelineHeadline } from '../components/application-timeline.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { pick, t } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh.ts';
import '../styles/print.css';

/** What an entry's text is, when it is not an approver's opinion (as on the detail page's timeline). */
const opinionLabel: Partial<Record<TimelineAction, MessageKey>> = {
  comment: 'pages.print.opinion.comment',
  answer: 'pages.print.opinion.answer',
  withdraw: 'pages.print.opinion.withdraw',
  cc: 'pages.print.opinion.cc',
};

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
        <PageHeader title={t('pages.printExport')} backTo={`/applications/${encodeURIComponent(id)}`} />
        {application && (
          <div className="print-page__toolbar">
            <Button color="primary" size="small" onClick={() => window.print()}>
              {t('pages.print.print')}
            </Button>
            <span className="muted">{t('pages.print.hint')}</span>
          </div>
        )}
      </div>
      {detail.loading && !application && <PageLoading />}
      {detail.error != null && !application && <LoadError error={detail.error} onRetry={detail.reload} />}
      {application && (
        <article className="print-sheet" aria-label={t('pages.print.sheet')}>
          <header className="print-sheet__head">
            <p className="print-sheet__hall">{t('pages.hallTitle')}</p>
            {/* An h2: the page's one h1 is its header's (打印 / 导出 PDF), which printing hides. */}
            <h2 className="print-sheet__title">{application.serviceName}</h2>
          </header>
          <PrintSummary application={application} />
          <PrintData application={application} />
          <PrintRecord application={application} />
          <footer className="print-sheet__foot">
            <span>{t('pages.print.numberFoot', { serialNo: application.serialNo })}</span>
            <span data-testid="printed-at">{t('pages.print.printedAt', { time: formatDateTime(printedAt) })}</span>
          </footer>
        </article>
      )}
    </div>
  );
}

function PrintSummary({ application }: { application: ApplicationDetailDto }) {
  const { applicant } = application;
  const rows: [string, string][] = [
    [t('pages.print.number'), application.serialNo],
    [t('pages.applicant'), applicant.departmentName ? t('pages.personWithDepartment', { name: applicant.name, department: applicant.departmentName }) : applicant.name],
    [t('pages.submittedAt'), formatDateTime(application.submittedAt)],
    [t('pages.print.status'), pick(applicationStatusText[application.status])],
  ];
  if (application.endedAt) rows.push([t('pages.endedAt'), formatDateTime(application.endedAt)]);
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
        {t('pages.formContents')}
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

/** An entry's text, labelled when it is not an approver's opinion (评论：…). */
function opinionText(action: TimelineAction, opinion: string): string {
  const label = opinionLabel[action];
  return label ? t('pages.labelled', { label: t(label), value: opinion }) : opinion;
}

/** 审批记录: every entry of the timeline, oldest first: step, who, what, opinion, when. */
function PrintRecord({ application }: { application: ApplicationDetailDto }) {
  return (
    <section className="print-sheet__section" aria-labelledby="print-record-title">
      <h2 className="print-sheet__section-title" id="print-record-title">
        {t('pages.print.record')}
      </h2>
      {application.timeline.length === 0 ? (
        <p className="muted">{t('pages.print.noRecord')}</p>
      ) : (
        <table className="print-table print-table--record">
          <thead>
            <tr>
              <th scope="col">{t('pages.print.col.node')}</th>
              <th scope="col">{t('pages.print.col.actor')}</th>
              <th scope="col">{t('pages.print.col.action')}</th>
              <th scope="col">{t('pages.print.col.opinion')}</th>
              <th scope="col">{t('pages.print.col.at')}</th>
            </tr>
          </thead>
          <tbody>
            {application.timeline.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td>{entry.nodeName ?? '—'}</td>
                <td>{entry.actorName ?? '—'}</td>
                <td>{timelineHeadline(entry)}</td>
                <td className="pre-line">{entry.opinion ? opinionText(entry.action, entry.opinion) : '—'}</td>
                <td className="print-table__time">{formatDateTime(entry.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
