import { EyeOutlined, PlusOutlined, SettingOutlined, ThunderboltOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { isMissingRoute } from '../customers/api.ts';
import '../customers/messages.ts';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import {
  applyRules,
  assignCustomers,
  claimCustomer,
  listPoolCustomers,
  listPools,
  type Pool,
  type PoolCustomer,
} from './api.ts';
import { DryRunModal } from './DryRunModal.tsx';
import './messages.ts';
import { PoolSettingsDrawer } from './PoolSettingsDrawer.tsx';

function AssignModal({
  pool,
  ids,
  onClose,
  onDone,
}: {
  pool: Pool;
  ids: string[] | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ toUserId: string }>();
  const assign = useMutation({
    mutationFn: (v: { toUserId: string }) => assignCustomers(pool.id, ids ?? [], v.toUserId),
    onSuccess: () => {
      message.success(t('pools.assigned'));
      client.invalidateQueries({ queryKey: ['pools'] });
      client.invalidateQueries({ queryKey: ['customers'] });
      onDone();
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open={ids !== null}
      title={t('pools.assign_title', { count: ids?.length ?? 0 })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => assign.mutate(v)}>
        <Form.Item name="toUserId" label={t('pools.assign_to')} rules={[{ required: true }]}>
          <EmployeeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 公海: pick a pool, claim (领取) or assign (分配) its customers; pool settings and rule preview for managers. */
export function PoolsPage() {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [poolId, setPoolId] = useState<string | null>(null);
  const [q, setQ] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [assignIds, setAssignIds] = useState<string[] | null>(null);
  const [settings, setSettings] = useState<{ open: boolean; pool: Pool | null }>({ open: false, pool: null });
  const [preview, setPreview] = useState<Pool | null>(null);
  const pools = useQuery({ queryKey: ['pools'], queryFn: listPools, retry: false });
  const items = pools.data?.items ?? [];
  const pool = items.find((p) => p.id === poolId) ?? null;
  const canManage = can('pools.manage');
  const canAssign = can('pools.assign');

  useEffect(() => {
    if (!poolId && items[0]) setPoolId(items[0].id);
  }, [items, poolId]);

  const list = useInfiniteQuery({
    queryKey: ['pools', poolId, 'customers', q],
    queryFn: ({ pageParam }) => listPoolCustomers(poolId!, q, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: Boolean(poolId),
    retry: false,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const claim = useMutation({
    mutationFn: (c: PoolCustomer) => claimCustomer(poolId!, c.id),
    onSuccess: () => {
      message.success(t('pools.claimed'));
      client.invalidateQueries({ queryKey: ['pools'] });
      client.invalidateQueries({ queryKey: ['customers'] });
    },
    // The server's 409 says why: already claimed, daily limit, max owned, cooldown.
    onError: (e) => message.error(e.message, 5),
  });

  // 立即执行规则: what the daily job would do, now; the list and the counts refresh.
  const apply = useMutation({
    mutationFn: (p: Pool) => applyRules(p.id),
    onSuccess: (r) => {
      // The first few names; the pool list shows them all.
      const names = r.movedCustomers
        .slice(0, 5)
        .map((c) => c.name)
        .join('、')
        .concat(r.movedCustomers.length > 5 ? '…' : '');
      message.success(
        <span data-testid="apply-result">
          {t('pools.apply_done', { moved: r.moved })}
          {r.warned > 0 && t('pools.apply_done_warned', { warned: r.warned })}
          {names && (
            <>
              <br />
              {t('pools.apply_done_names', { names })}
            </>
          )}
        </span>,
        6,
      );
      client.invalidateQueries({ queryKey: ['pools'] });
      client.invalidateQueries({ queryKey: ['customers'] });
    },
    onError: (e) => message.error(e.message),
  });

  if (pools.isError && isMissingRoute(pools.error))
    return (
      <>
        <PageHeader title={t('pools.title')} />
        <Card>
          <Result status="info" title={t('pools.unavailable')} data-testid="pools-unavailable" />
        </Card>
      </>
    );

  const claimButton = (c: PoolCustomer) =>
    can('pools.claim') && (
      <Button
        type="primary"
        size="small"
        loading={claim.isPending && claim.variables?.id === c.id}
        onClick={() => claim.mutate(c)}
        aria-label={`${t('pools.claim')} ${c.name}`}
        data-testid="claim"
      >
        {t('pools.claim')}
      </Button>
    );

  const columns: TableColumnsType<PoolCustomer> = [
    {
      key: 'name',
      title: t('customers.field.name'),
      render: (_, c) => <Link to={`/customers/${c.id}`}>{c.name}</Link>,
    },
    { key: 'level', title: t('customers.field.level'), dataIndex: 'level', width: 80 },
    { key: 'industry', title: t('customers.field.industry'), dataIndex: 'industry', width: 110 },
    {
      key: 'lastOwner',
      title: t('pools.last_owner'),
      width: 110,
      render: (_, c) => c.lastOwnerName ?? '—',
    },
    {
      key: 'last',
      title: t('customers.field.lastFollowUpAt'),
      width: 130,
      render: (_, c) => (c.lastFollowUpAt ? dayjs(c.lastFollowUpAt).format('YYYY-MM-DD') : '—'),
    },
    {
      key: 'reason',
      title: t('pools.moved_reason'),
      width: 180,
      render: (_, c) => c.movedInReason ?? '—',
    },
    {
      key: 'entered',
      title: t('pools.entered_at'),
      width: 130,
      render: (_, c) => (c.movedInAt ? dayjs(c.movedInAt).format('YYYY-MM-DD') : '—'),
    },
    { key: 'actions', title: t('common.actions'), width: 100, fixed: 'right', render: (_, c) => claimButton(c) },
  ];

  return (
    <>
      <PageHeader
        title={t('pools.title')}
        subtitle={isPhone ? undefined : t('pools.subtitle')}
        extra={
          <>
            {pool && canManage && (
              <Button icon={<EyeOutlined />} onClick={() => setPreview(pool)} data-testid="dry-run">
                {t('pools.dry_run')}
              </Button>
            )}
            {pool && canManage && (
              <Popconfirm
                title={t('pools.apply_confirm', { name: pool.name })}
                description={<div style={{ maxWidth: 300 }}>{t('pools.apply_confirm_hint')}</div>}
                okText={t('pools.apply')}
                cancelText={t('common.cancel')}
                onConfirm={() => apply.mutateAsync(pool).catch(() => undefined)}
              >
                <Button icon={<ThunderboltOutlined />} loading={apply.isPending} data-testid="apply-rules">
                  {t('pools.apply')}
                </Button>
              </Popconfirm>
            )}
            {pool && canManage && (
              <Button icon={<SettingOutlined />} onClick={() => setSettings({ open: true, pool })}>
                {t('pools.settings')}
              </Button>
            )}
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setSettings({ open: true, pool: null })}>
                {t('pools.create')}
              </Button>
            )}
          </>
        }
      />
      {pools.isError && <Alert type="error" showIcon title={pools.error.message} style={{ marginBottom: 12 }} />}
      <Card size={isPhone ? 'small' : 'medium'}>
        {!pools.isPending && items.length === 0 ? (
          <Empty description={t('pools.none')} />
        ) : (
          <>
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              <Select
                value={poolId ?? undefined}
                onChange={(id) => {
                  setPoolId(id);
                  setSelected([]);
                }}
                loading={pools.isPending}
                aria-label={t('pools.pick')}
                style={{ width: isPhone ? '100%' : 220 }}
                options={items.map((p) => ({
                  value: p.id,
                  label: p.customerCount !== undefined ? `${p.name}（${p.customerCount}）` : p.name,
                }))}
                data-testid="pool-picker"
              />
              <Input.Search
                placeholder={t('pools.search')}
                allowClear
                onSearch={(v) => setQ(v.trim() || undefined)}
                style={{ width: isPhone ? '100%' : 240 }}
              />
              {canAssign && selected.length > 0 && (
                <Button icon={<UserSwitchOutlined />} onClick={() => setAssignIds(selected)} data-testid="assign">
                  {t('pools.assign')}（{selected.length}）
                </Button>
              )}
            </Flex>
            {pool && (
              <Flex gap={4} wrap style={{ marginBottom: 12 }}>
                {pool.rules.noFollowUpDays.enabled && (
                  <Tag color="orange">{t('pools.reason.noFollowUpDays', { days: pool.rules.noFollowUpDays.days })}</Tag>
                )}
                {pool.rules.noDealDays.enabled && (
                  <Tag color="orange">{t('pools.reason.noDealDays', { days: pool.rules.noDealDays.days })}</Tag>
                )}
                {pool.claimDailyLimit && (
                  <Tag>
                    {t('pools.field.claimDailyLimit')} {pool.claimDailyLimit}
                  </Tag>
                )}
                {pool.maxOwned && (
                  <Tag>
                    {t('pools.field.maxOwned')} {pool.maxOwned}
                  </Tag>
                )}
              </Flex>
            )}
            {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
            {isPhone ? (
              <Flex vertical gap={8} data-testid="pool-cards">
                {list.isPending && poolId && <Card loading size="small" />}
                {!list.isPending && rows.length === 0 && <Empty description={t('pools.empty')} />}
                {rows.map((c) => (
                  <Card key={c.id} size="small" data-testid="pool-row">
                    <Flex justify="space-between" align="center" gap={8}>
                      <div style={{ minWidth: 0 }}>
                        <Link to={`/customers/${c.id}`} style={{ fontWeight: 600 }}>
                          {c.name}
                        </Link>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {[c.industry, c.movedInReason, c.lastOwnerName].filter(Boolean).join(' · ') || '—'}
                          </Typography.Text>
                        </div>
                      </div>
                      {claimButton(c)}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            ) : (
              <Table<PoolCustomer>
                rowKey="id"
                columns={columns}
                dataSource={rows}
                loading={list.isFetching && !list.isFetchingNextPage}
                pagination={false}
                size="middle"
                scroll={{ x: 900 }}
                rowSelection={
                  canAssign ? { selectedRowKeys: selected, onChange: (k) => setSelected(k.map(String)) } : undefined
                }
                locale={{ emptyText: <Empty description={t('pools.empty')} /> }}
                onRow={() => ({ 'data-testid': 'pool-row' }) as React.HTMLAttributes<HTMLElement>}
              />
            )}
            <Flex justify="center" gap={12} style={{ marginTop: 12 }}>
              <Typography.Text type="secondary">{t('pools.count', { count: rows.length })}</Typography.Text>
              {list.hasNextPage && (
                <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('common.load_more')}
                </Button>
              )}
            </Flex>
          </>
        )}
      </Card>
      {pool && (
        <AssignModal pool={pool} ids={assignIds} onClose={() => setAssignIds(null)} onDone={() => setSelected([])} />
      )}
      <PoolSettingsDrawer
        open={settings.open}
        pool={settings.pool}
        onClose={() => setSettings({ open: false, pool: null })}
        onSaved={(p) => setPoolId(p?.id ?? null)}
      />
      <DryRunModal pool={preview} onClose={() => setPreview(null)} />
    </>
  );
}
