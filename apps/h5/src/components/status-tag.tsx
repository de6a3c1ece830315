import { Tag } from 'antd-mobile';
import { applicationStatusText, type ApplicationStatus } from '@onehall/contracts/plain';
import { pick } from '../i18n/translate.ts';

const colors: Record<ApplicationStatus, 'primary' | 'success' | 'danger' | 'warning' | 'default'> = {
  running: 'primary',
  returned: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'default',
  terminated: 'default',
};

/** 审批中 / 已退回 / 已通过 / 已驳回 / 已撤回 / 已终止 */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag color={colors[status]} fill="outline" className="status-tag">
      {pick(applicationStatusText[status])}
    </Tag>
  );
}
