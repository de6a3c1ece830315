import { Tag } from 'antd-mobile';
import { applicationStatusText, type ApplicationStatus } from '@onehall/contracts';

const colors: Record<ApplicationStatus, 'primary' | 'success' | 'danger'> = {
  running: 'primary',
  approved: 'success',
  rejected: 'danger',
};

/** 审批中 / 已通过 / 已驳回 */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag color={colors[status]} fill="outline" className="status-tag">
      {applicationStatusText[status].zh}
    </Tag>
  );
}
