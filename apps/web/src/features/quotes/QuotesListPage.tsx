import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, List, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { type QuoteStatus, type QuoteSummary, quoteStatuses, statusColor, useQuotes } from './api.ts';
import './messages.ts';
import { formatMoney } from './money.ts';

export function StatusTag({ q }: { q: Pick<QuoteSummary, 'status' | 'needsApproval'> }) {
  const t = useT();
  return (
    <>
      <Tag color={statusColor[q.status]}>{t(`quotes.status.${q.status}`)}</Tag>
      {q.needsApproval && ['draft', 'pending_approval'].includes(q.status) && (
        <Tag color="orange" data-testid="needs-approval">
          {t('quotes.needs_approval')}
        </Tag>
      )}
    </>
  );
}

/** 报价: the quotes the user may see, a table on desktop and cards on a phone, filtered by status. */
export function QuotesListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<QuoteStatus | 'all'>('all');
  const list = useQuotes({ q: q || undefined, status: status === 'all' ? undefined : status });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const statusOptions = [
    { value: 'all', label: t('common.all') },
    ...quoteStatuses.map((s) => ({ value: s, label: t(`quotes.status.${s}`) })),
  ];

  return (
    <>
      <PageHeader
        title={t('quotes.title')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('quotes.search')}
              onSearch={setQ}
              style={{ width: isPhone ? '100%' : 240 }}
            />
            {can('quotes.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/quotes/new')}>
                {t('quotes.new')}
              </Button>
            )}
          </>
        }
      />
      <div style={{ marginBottom: 12, overflowX: 'auto' }}>
        {isPhone ? (
          <Select
            value={status}
            onChange={setStatus}
            options={statusOptions}
            style={{ width: '100%' }}
            aria-label={t('quotes.field.status')}
          />
        ) : (
          <Segmented value={status} onChange={(v) => setStatus(v as QuoteStatus | 'all')} options={statusOptions} />
        )}
      </div>
      {list.isError && <Alert type="error" showIcon title={t('common.load_failed')} description={list.error.message} />}
      {isPhone ? (
        <List
          loading={list.isPending}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('quotes.empty')} /> }}
          renderItem={(r) => (
            <List.Item style={{ padding: '6px 0', border: 'none' }}>
              <Card size="small" style={{ width: '100%' }} hoverable onClick={() => navigate(`/quotes/${r.id}`)}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text strong>{r.number}</Typography.Text>
                  <span>
                    <StatusTag q={r} />
                  </span>
                </Flex>
                <Typography.Text ellipsis style={{ display: 'block' }}>
                  {r.customerName}
                </Typography.Text>
                {r.title && (
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                    {r.title}
                  </Typography.Text>
                )}
                <Flex justify="space-between" style={{ marginTop: 4 }}>
                  <Typography.Text strong>¥{formatMoney(r.total)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('quotes.field.validUntil')} {r.validUntil} · {r.ownerName}
                  </Typography.Text>
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<QuoteSummary>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('quotes.empty')} /> }}
          columns={[
            {
              title: t('quotes.field.number'),
              dataIndex: 'number',
              render: (v: string, r) => <Link to={`/quotes/${r.id}`}>{v}</Link>,
            },
            { title: t('quotes.field.customer'), dataIndex: 'customerName' },
            { title: t('quotes.field.title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
            { title: t('quotes.field.opportunity'), dataIndex: 'opportunityName', render: (v) => v ?? '—' },
            {
              title: t('quotes.field.total'),
              dataIndex: 'total',
              align: 'right',
              render: (v: string) => `¥${formatMoney(v)}`,
            },
            { title: t('quotes.field.status'), key: 'status', render: (_, r) => <StatusTag q={r} /> },
            { title: t('quotes.field.validUntil'), dataIndex: 'validUntil' },
            { title: t('quotes.field.owner'), dataIndex: 'ownerName' },
          ]}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/quotes/${r.id}`) })}
        />
      )}
      {list.hasNextPage && (
        <Button block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ marginTop: 12 }}>
          {t('common.load_more')}
        </Button>
      )}
    </>
  );
}
