import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApplicationSummaryDto } from '@onehall/contracts';
import { StatusTag } from './status-tag.tsx';

interface ApplicationItemProps {
  application: ApplicationSummaryDto;
  /** Lines under the title, each a label and a value. */
  rows: { label: string; value: ReactNode }[];
}

/** One application in a list: a card that opens its detail. */
export function ApplicationItem({ application, rows }: ApplicationItemProps) {
  return (
    <li className="application-item">
      <Link className="application-item__link" to={`/applications/${encodeURIComponent(application.id)}`}>
        <div className="application-item__head">
          <span className="application-item__title">{application.serviceName}</span>
          <StatusTag status={application.status} />
        </div>
        <dl className="application-item__rows">
          {rows.map((row) => (
            <div className="application-item__row" key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      </Link>
    </li>
  );
}

/** '当前节点' and '审批人' rows while the application is waiting for someone. */
export function currentStepRows(application: ApplicationSummaryDto): { label: string; value: ReactNode }[] {
  if (application.status !== 'running' || !application.currentNodeName) return [];
  const rows: { label: string; value: ReactNode }[] = [{ label: '当前节点', value: application.currentNodeName }];
  if (application.currentApprovers.length > 0) rows.push({ label: '审批人', value: application.currentApprovers.join('、') });
  return rows;
}

