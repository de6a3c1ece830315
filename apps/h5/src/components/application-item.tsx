import type { ReactNode } from 'react';
import { Checkbox } from 'antd-mobile';
import { Link } from 'react-router';
import type { ApplicationSummaryDto } from '@onehall/contracts';
import { StatusTag } from './status-tag.tsx';
import { t } from '../i18n/translate.ts';
import { joinList } from '../lib/form-text.ts';

/** An item chosen for a batch action instead of opened: 批量同意 in 待办. */
export interface ItemSelection {
  checked: boolean;
  /** Why it cannot be chosen, shown under it; undefined when it can. */
  disabledReason?: string | undefined;
  onToggle: () => void;
}

interface ApplicationItemProps {
  application: ApplicationSummaryDto;
  /** Lines under the title, each a label and a value. */
  rows: { label: string; value: ReactNode }[];
  /** A mark beside the title (未读). */
  badge?: ReactNode;
  /** Choosing instead of opening: the item becomes a checkbox. */
  selection?: ItemSelection | undefined;
}

/** One application in a list: a card that opens its detail (or, while choosing, a checkbox). */
export function ApplicationItem({ application, rows, badge, selection }: ApplicationItemProps) {
  const body = (
    <>
      <div className="application-item__head">
        <span className="application-item__title">
          {application.serviceName}
          {badge}
        </span>
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
    </>
  );
  if (selection) {
    const disabled = selection.disabledReason !== undefined;
    return (
      <li className={disabled ? 'application-item application-item--disabled' : 'application-item'}>
        <Checkbox className="application-item__choice" checked={selection.checked} disabled={disabled} onChange={selection.onToggle} block>
          <div className="application-item__link">
            {body}
            {disabled && <p className="application-item__note">{selection.disabledReason}</p>}
          </div>
        </Checkbox>
      </li>
    );
  }
  return (
    <li className="application-item">
      <Link className="application-item__link" to={`/applications/${encodeURIComponent(application.id)}`}>
        {body}
      </Link>
    </li>
  );
}

/**
 * '当前节点' and who holds it while the application waits for someone: the
 * approvers (审批人), or the applicant while it is sent back (办理人).
 */
export function currentStepRows(application: ApplicationSummaryDto): { label: string; value: ReactNode }[] {
  if (!application.currentNodeName) return [];
  if (application.status === 'returned') return [{ label: t('components.item.currentStep'), value: application.currentNodeName }, { label: t('components.item.handler'), value: application.applicant.name }];
  if (application.status !== 'running') return [];
  const rows: { label: string; value: ReactNode }[] = [{ label: t('components.item.currentStep'), value: application.currentNodeName }];
  if (application.currentApprovers.length > 0) rows.push({ label: t('components.item.approvers'), value: joinList(application.currentApprovers) });
  return rows;
}
