import { AuditOutlined } from '@ant-design/icons';
import { Card, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { useApprovalCounts } from './api.ts';
import './messages.ts';

/** Workbench card: how many approvals wait on me (待我审批), linking to the inbox. */
export function ApprovalsWorkbenchCard() {
  const t = useT();
  const navigate = useNavigate();
  const counts = useApprovalCounts();
  const toApprove = counts.data?.toApprove ?? 0;
  return (
    <Card
      title={t('approvals.workbench.card')}
      extra={<Typography.Link onClick={() => navigate('/approvals')}>{t('approvals.workbench.open')}</Typography.Link>}
      data-testid="workbench-approvals"
      style={{ height: '100%' }}
      loading={counts.isLoading}
    >
      <Statistic
        value={toApprove}
        prefix={<AuditOutlined />}
        styles={{ content: { color: toApprove ? '#cf1322' : undefined, cursor: 'pointer' } }}
        data-testid="workbench-to-approve"
      />
      <Typography.Text type="secondary">
        {t('approvals.workbench.mine', { count: counts.data?.submittedPending ?? 0 })}
      </Typography.Text>
    </Card>
  );
}
