import { SettingOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, List, Space, Table, Tabs, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { ApprovalDrawer } from './ApprovalDrawer.tsx';
import { type ApprovalListItem, type ListKind, useApprovalCounts, useApprovalList } from './api.ts';
import { StatusTag } from './StatusTag.tsx';
import './messages.ts';

const KINDS: ListKind[] = ['inbox', 'mine', 'done'];

/** 审批: 待我审批 / 我发起的 / 已处理, one drawer for the approval picked (?open=<id>, as the reminders link). */
export function ApprovalsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = (KINDS as string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as ListKind) : 'inbox';
  const open = params.get('open');
  const counts = useApprovalCounts();
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const label = (kind: ListKind) => {
    const n = kind === 'inbox' ? counts.data?.toApprove : kind === 'mine' ? counts.data?.submittedPending : undefined;
    return (
      <Space size={6}>
        {t(`approvals.tab.${kind}`)}
        {n ? <Badge count={n} color={kind === 'inbox' ? 'red' : 'blue'} data-testid={`count-${kind}`} /> : null}
      </Space>
    );
  };

  return (
    <>
      <PageHeader
        title={t('approvals.title')}
        subtitle={t('approvals.subtitle')}
        extra={
          can('approvals.manage') && (
            <Button icon={<SettingOutlined />} onClick={() => navigate('/approvals/settings')}>
              {t('approvals.flows.title')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'inbox' ? null : k })}
          items={KINDS.map((kind) => ({
            key: kind,
            label: label(kind),
            children: <ApprovalList kind={kind} onOpen={(id) => set({ open: id })} />,
          }))}
        />
      </Card>
      <ApprovalDrawer id={open} onClose={() => set({ open: null })} />
    </>
  );
}

function ApprovalList({ kind, onOpen }: { kind: ListKind; onOpen: (id: string) => void }) {
  const { t, pick, lang } = useI18n();
  const phone = useIsPhone();
  const query = useApprovalList(kind);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const fmt = (at: string) => new Date(at).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' });
  const empty = <Empty description={t(kind === 'inbox' ? 'approvals.empty.inbox' : 'approvals.empty')} />;
  const more = query.hasNextPage && (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      <Button onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
        {t('approvals.load_more')}
      </Button>
    </div>
  );

  if (phone) {
    return (
      <>
        <List
          loading={query.isLoading}
          dataSource={items}
          locale={{ emptyText: empty }}
          renderItem={(r) => (
            <List.Item onClick={() => onOpen(r.id)} style={{ cursor: 'pointer' }} data-testid="approval-row">
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <span>{r.title}</span>
                    <StatusTag status={r.status} />
                  </Space>
                }
                description={
                  <Typography.Text type="secondary">
                    {pick(r.documentLabel)} · {r.submitter.name} · {fmt(r.createdAt)}
                    {r.currentStepName ? ` · ${r.currentStepName}` : ''}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
        {more}
      </>
    );
  }
  return (
    <>
      <Table<ApprovalListItem>
        rowKey="id"
        loading={query.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: empty }}
        onRow={(r) =>
          ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': 'approval-row' }) as never
        }
        columns={[
          {
            key: 'title',
            title: t('approvals.col.title'),
            render: (_, r) => <Typography.Link onClick={() => onOpen(r.id)}>{r.title}</Typography.Link>,
          },
          { key: 'type', title: t('approvals.col.type'), render: (_, r) => pick(r.documentLabel), width: 120 },
          { key: 'submitter', title: t('approvals.col.submitter'), render: (_, r) => r.submitter.name, width: 110 },
          { key: 'step', title: t('approvals.col.step'), render: (_, r) => r.currentStepName ?? '—', width: 140 },
          {
            key: 'status',
            title: t('approvals.col.status'),
            render: (_, r) => <StatusTag status={r.status} />,
            width: 100,
          },
          {
            key: 'at',
            title: t(kind === 'inbox' ? 'approvals.col.submitted' : 'approvals.col.updated'),
            render: (_, r) => fmt(kind === 'inbox' ? r.createdAt : r.updatedAt),
            width: 170,
          },
        ]}
      />
      {more}
    </>
  );
}
