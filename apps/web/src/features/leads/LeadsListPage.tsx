import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../ui/form-errors.ts';
import type { TFunction } from '../../ui/i18n.tsx';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import {
  assignLeads,
  claimLead,
  LEAD_SOURCES,
  LEAD_STATUSES,
  type Lead,
  type LeadFilter,
  type LeadStatus,
  savePoolSettings,
  useInvalidateLeads,
  useLeadList,
  usePoolSettings,
} from './api.ts';
import { LeadDrawer } from './LeadDrawer.tsx';
import './messages.ts';

const STATUS_COLORS: Record<LeadStatus, string> = {
  new: 'default',
  following: 'processing',
  converted: 'success',
  invalid: 'error',
};

export function StatusTag({ status, t }: { status: LeadStatus; t: TFunction }) {
  return <Tag color={STATUS_COLORS[status]}>{t(`leads.status.${status}`)}</Tag>;
}

const phoneOf = (l: Lead) => l.mobile ?? l.phone ?? '—';

function LeadCard({ lead, action }: { lead: Lead; action?: React.ReactNode }) {
  const t = useT();
  return (
    <Card size="small" data-testid="lead-row">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Link to={`/leads/${lead.id}`} style={{ fontWeight: 600 }}>
            {lead.companyName}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[lead.contactName, lead.title, phoneOf(lead)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[lead.source, lead.ownerName ?? t('leads.in_pool'), dayjs(lead.createdAt).format('MM-DD')]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </div>
        </div>
        <Flex vertical align="flex-end" gap={6}>
          <StatusTag status={lead.status} t={t} />
          {action}
        </Flex>
      </Flex>
    </Card>
  );
}

function PoolSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const settings = usePoolSettings();
  const invalidate = useInvalidateLeads();
  const [form] = Form.useForm<{ claimDailyLimit: number | null; maxOwned: number | null }>();
  return (
    <Modal
      open={open}
      title={t('leads.pool_settings')}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await savePoolSettings({ claimDailyLimit: v.claimDailyLimit ?? null, maxOwned: v.maxOwned ?? null });
          message.success(t('common.saved'));
          invalidate();
          onClose();
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={settings.data}>
        <Form.Item name="claimDailyLimit" label={t('leads.pool_settings.daily')} extra={t('leads.no_limit')}>
          <InputNumber min={1} max={10000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="maxOwned" label={t('leads.pool_settings.max')} extra={t('leads.no_limit')}>
          <InputNumber min={1} max={100000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 线索: my leads (data-scoped) and the lead pool, with filters, search, keyset paging, claim and assign. */
export function LeadsListPage() {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const invalidate = useInvalidateLeads();
  const [tab, setTab] = useState<'mine' | 'pool'>('mine');
  const [filter, setFilter] = useState<LeadFilter>({});
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [assignTo, setAssignTo] = useState<string | null>(null);
  const [assignOpen, setAssignOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const pool = tab === 'pool';
  const list = useLeadList(filter, pool);
  const settings = usePoolSettings();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const claim = async (lead: Lead) => {
    try {
      await claimLead(lead.id);
      message.success(t('leads.claimed'));
    } catch (e) {
      message.error(errorMessage(e));
    }
    invalidate();
  };
  const assign = async () => {
    if (!assignTo) return;
    try {
      const res = await assignLeads(selected, assignTo);
      message.success(t('leads.assigned', { count: res.assigned }));
      setSelected([]);
      setAssignOpen(false);
    } catch (e) {
      message.error(errorMessage(e));
    }
    invalidate();
  };
  const claimButton = (lead: Lead) =>
    pool && can('leads.claim') ? (
      <Button size="small" type="primary" ghost onClick={() => claim(lead)} data-testid="lead-claim">
        {t('leads.claim')}
      </Button>
    ) : undefined;

  const columns: TableProps<Lead>['columns'] = [
    {
      key: 'companyName',
      title: t('leads.field.companyName'),
      render: (_, l) => <Link to={`/leads/${l.id}`}>{l.companyName}</Link>,
    },
    { key: 'contactName', title: t('leads.field.contactName'), render: (_, l) => l.contactName ?? '—' },
    { key: 'phone', title: t('leads.field.mobile'), render: (_, l) => phoneOf(l) },
    { key: 'source', title: t('leads.field.source'), render: (_, l) => l.source ?? '—' },
    { key: 'status', title: t('leads.field.status'), render: (_, l) => <StatusTag status={l.status} t={t} /> },
    ...(pool
      ? [
          {
            key: 'returnReason',
            title: t('leads.field.returnReason'),
            render: (_: unknown, l: Lead) => l.returnReason ?? '—',
          },
        ]
      : [{ key: 'owner', title: t('leads.field.owner'), render: (_: unknown, l: Lead) => l.ownerName ?? '—' }]),
    {
      key: 'nextContactAt',
      title: t('leads.field.nextContactAt'),
      render: (_, l) => (l.nextContactAt ? dayjs(l.nextContactAt).format('YYYY-MM-DD') : '—'),
    },
    {
      key: 'createdAt',
      title: t('leads.field.createdAt'),
      render: (_, l) => dayjs(l.createdAt).format('YYYY-MM-DD HH:mm'),
    },
    ...(pool && can('leads.claim')
      ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, l: Lead) => claimButton(l) }]
      : []),
  ];

  const limitText = (n: number | null) => (n === null ? t('leads.no_limit') : t('leads.n_items', { n }));
  const limits = settings.data
    ? t('leads.pool_limits', {
        daily: limitText(settings.data.claimDailyLimit),
        max: limitText(settings.data.maxOwned),
      })
    : null;

  const toolbar = (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Input.Search
        placeholder={t('leads.search')}
        allowClear
        onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
        style={{ width: isPhone ? '100%' : 240 }}
        data-testid="lead-search"
      />
      {!pool && (
        <Select<LeadStatus>
          allowClear
          placeholder={t('leads.filter.status')}
          style={{ width: 130 }}
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
          options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
          data-testid="lead-status-filter"
        />
      )}
      <Select<string>
        allowClear
        placeholder={t('leads.filter.source')}
        style={{ width: 130 }}
        value={filter.source}
        onChange={(source) => setFilter((f) => ({ ...f, source }))}
        options={LEAD_SOURCES.map((s) => ({ value: s, label: s }))}
      />
      {!pool && (
        <div style={{ width: 150 }}>
          <EmployeeSelect
            placeholder={t('leads.filter.owner')}
            value={filter.ownerId ?? null}
            onChange={(ownerId) => setFilter((f) => ({ ...f, ownerId: ownerId ?? undefined }))}
            style={{ width: '100%' }}
          />
        </div>
      )}
      <DatePicker.RangePicker
        style={{ width: isPhone ? '100%' : 240 }}
        onChange={(range) =>
          setFilter((f) => ({
            ...f,
            createdFrom: range?.[0]?.startOf('day').toISOString(),
            createdTo: range?.[1]?.endOf('day').toISOString(),
          }))
        }
      />
      {pool && selected.length > 0 && can('leads.assign') && (
        <Button onClick={() => setAssignOpen(true)} data-testid="lead-assign">
          {t('leads.assign')}（{selected.length}）
        </Button>
      )}
      {pool && can('leads.pool_settings') && (
        <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
          {t('leads.pool_settings')}
        </Button>
      )}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        extra={
          can('leads.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-create">
              {t('leads.create')}
            </Button>
          )
        }
      />
      <Card size={isPhone ? 'small' : 'medium'} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as 'mine' | 'pool');
            setSelected([]);
          }}
          items={[
            { key: 'mine', label: t('leads.tab.mine') },
            { key: 'pool', label: t('leads.tab.pool') },
          ]}
          data-testid="lead-tabs"
        />
        {pool && limits && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {limits}
          </Typography.Paragraph>
        )}
        {toolbar}
        {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <Flex vertical gap={8} data-testid="lead-cards">
            {list.isPending && <Card loading size="small" />}
            {!list.isPending && rows.length === 0 && (
              <Empty description={t(pool ? 'leads.pool_empty' : 'leads.empty')} />
            )}
            {rows.map((l) => (
              <LeadCard key={l.id} lead={l} action={claimButton(l)} />
            ))}
          </Flex>
        ) : (
          <Table<Lead>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            rowSelection={
              pool && can('leads.assign')
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }
                : undefined
            }
            locale={{ emptyText: <Empty description={t(pool ? 'leads.pool_empty' : 'leads.empty')} /> }}
            onRow={() => ({ 'data-testid': 'lead-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
        <Flex justify="center" align="center" gap={12} wrap style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('leads.shown', { count: rows.length })}</Typography.Text>
          {list.hasNextPage ? (
            <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.load_more')}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t('common.no_more')}</Typography.Text>
          )}
        </Flex>
      </Card>
      <LeadDrawer open={creating} lead={null} onClose={() => setCreating(false)} />
      <Modal
        open={assignOpen}
        title={t('leads.assign')}
        onCancel={() => setAssignOpen(false)}
        onOk={assign}
        okButtonProps={{ disabled: !assignTo }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('leads.assign_to')}</Typography.Paragraph>
        <EmployeeSelect value={assignTo} onChange={(v) => setAssignTo(v ?? null)} style={{ width: '100%' }} />
      </Modal>
      <PoolSettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
