import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Modal, Skeleton, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../ui/i18n.tsx';
import { type DryRunMove, dryRun, type Pool } from './api.ts';

/** What the daily job would do today: which customers move to the pool and why, and who gets warned. */
export function DryRunModal({ pool, onClose }: { pool: Pool | null; onClose: () => void }) {
  const t = useT();
  const run = useQuery({
    queryKey: ['pools', pool?.id, 'dry-run'],
    queryFn: () => dryRun(pool!.id),
    enabled: Boolean(pool),
    retry: false,
    staleTime: 0,
  });
  const columns = [
    { key: 'name', title: t('customers.field.name'), dataIndex: 'name' },
    { key: 'owner', title: t('customers.field.owner'), dataIndex: 'ownerName', width: 110 },
    { key: 'reason', title: t('pools.reason'), dataIndex: 'reason' },
  ];
  return (
    <Modal
      open={Boolean(pool)}
      onCancel={onClose}
      footer={null}
      width={720}
      title={`${t('pools.dry_run')} · ${pool?.name ?? ''}`}
    >
      {run.isPending ? (
        <Skeleton active />
      ) : run.isError ? (
        <Alert type="error" showIcon title={run.error.message} />
      ) : (
        <>
          <Typography.Title level={5}>{t('pools.dry_run_title')}</Typography.Title>
          {run.data.moves.length === 0 ? (
            <Empty description={t('pools.dry_run_none')} />
          ) : (
            <Table
              rowKey="customerId"
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={run.data.moves}
              columns={columns}
              scroll={{ x: 480 }}
              data-testid="dry-run-moves"
            />
          )}
          {run.data.warnings.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('pools.dry_run_warnings')}
              </Typography.Title>
              <Table
                rowKey="customerId"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={run.data.warnings}
                scroll={{ x: 480 }}
                columns={[
                  ...columns,
                  {
                    key: 'at',
                    title: t('pools.moves_at'),
                    render: (_: unknown, m: DryRunMove) => dayjs(m.dueAt).format('YYYY-MM-DD'),
                  },
                ]}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
