import { Tag } from 'antd-mobile';
import { applicationStatusText, type ApplicationStatus } from '@onehall/contracts';

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
      {applicationStatusText[status].zh}
    </Tag>
  );
}
