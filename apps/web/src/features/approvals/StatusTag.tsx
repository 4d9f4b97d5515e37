import { Tag } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import type { ApprovalStatus } from './api.ts';
import './messages.ts';

const COLORS: Record<ApprovalStatus | 'none', string> = {
  none: 'default',
  draft: 'default',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: ApprovalStatus | 'none' }) {
  const t = useT();
  return (
    <Tag color={COLORS[status]} data-testid="approval-status">
      {t(`approvals.status.${status}`)}
    </Tag>
  );
}
