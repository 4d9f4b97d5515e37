import {
  ArrowLeftOutlined,
  EditOutlined,
  MoreOutlined,
  RollbackOutlined,
  ShareAltOutlined,
  StarFilled,
  StarOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Dropdown,
  Empty,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../ui/api.ts';
import { useI18n } from '../../ui/i18n.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { customerPath, getExtraTabs, updateCustomer, useCustomer } from './api.ts';
import { CustomerDrawer } from './CustomerDrawer.tsx';
import './messages.ts';
import { ReturnToPoolModal } from './ReturnToPoolModal.tsx';
import { TransferModal } from './TransferModal.tsx';
import { AttachmentsTab } from './tabs/AttachmentsTab.tsx';
import { ContactsTab } from './tabs/ContactsTab.tsx';
import { FollowUpsTab } from './tabs/FollowUpsTab.tsx';
import { HierarchyTab } from './tabs/HierarchyTab.tsx';
import { OverviewTab } from './tabs/OverviewTab.tsx';
import { SharesTab } from './tabs/SharesTab.tsx';

const BUILTIN_TABS = new Set(['overview', 'contacts', 'followUps', 'hierarchy', 'sharing', 'attachments', 'history']);

/** 客户视图: the 360° page of one customer. */
export function CustomerDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t, pick } = useI18n();
  const can = useCan();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [returning, setReturning] = useState(false);
  const customer = useCustomer(id);
  const extra = useQuery({ queryKey: ['customers', id, 'tabs'], queryFn: () => getExtraTabs(id!), retry: false });
  const toggleKey = useMutation({
    mutationFn: (isKey: boolean) => updateCustomer(id!, { isKey }),
    onSuccess: (c) => {
      message.success(c.isKey ? t('customers.key_on') : t('customers.key_off'));
      client.invalidateQueries({ queryKey: ['customers'] });
    },
    onError: (e) => message.error(e.message),
  });

  if (customer.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (customer.isError)
    return isApiError(customer.error) && customer.error.status === 404 ? (
      <Result
        status="404"
        title={t('customers.not_found')}
        extra={<Button onClick={() => navigate('/customers')}>{t('customers.back')}</Button>}
      />
    ) : (
      <Alert type="error" showIcon title={customer.error.message} />
    );

  const c = customer.data;
  const writable = c.access === 'write';
  const tab = params.get('tab') ?? 'overview';
  const canShare = writable && can('customers.share');

  const actions = [
    writable &&
      can('customers.edit') && {
        key: 'edit',
        icon: <EditOutlined />,
        label: t('common.edit'),
        onClick: () => setEditing(true),
      },
    c.ownerId &&
      can('customers.transfer') && {
        key: 'transfer',
        icon: <SwapOutlined />,
        label: t('customers.transfer'),
        onClick: () => setTransferring(true),
      },
    canShare && {
      key: 'share',
      icon: <ShareAltOutlined />,
      label: t('customers.share'),
      onClick: () => setParams({ tab: 'shares' }),
    },
    c.ownerId &&
      writable && {
        key: 'return',
        icon: <RollbackOutlined />,
        label: t('customers.return'),
        onClick: () => setReturning(true),
      },
  ].filter(Boolean) as { key: string; icon: React.ReactNode; label: string; onClick: () => void }[];

  // The server's tab registry: counts for the built-in tabs, and tabs later modules add.
  const registry = extra.data?.items ?? [];
  const count = (key: string) => {
    const n = registry.find((x) => x.key === key)?.count;
    return n ? ` ${n}` : '';
  };
  const extraTabs = registry
    .filter((x) => !BUILTIN_TABS.has(x.key))
    .map((x) => ({
      key: `x-${x.key}`,
      label: `${pick(x.label)}${x.count ? ` ${x.count}` : ''}`,
      children: <Empty description={t('customers.tab_unavailable')} />,
    }));

  return (
    <>
      <Link to="/customers" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('customers.back')}
      </Link>
      <Card size={isPhone ? 'small' : 'medium'} style={{ marginBottom: 16 }} data-testid="customer-header">
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-name">
                {c.name}
              </Typography.Title>
              <Tooltip title={t('customers.key')}>
                <Button
                  type="text"
                  size="small"
                  disabled={!writable}
                  loading={toggleKey.isPending}
                  aria-pressed={c.isKey}
                  aria-label={t('customers.key')}
                  data-testid="key-toggle"
                  icon={c.isKey ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />}
                  onClick={() => toggleKey.mutate(!c.isKey)}
                />
              </Tooltip>
              {!writable && <Tag>{t('customers.readonly')}</Tag>}
            </Flex>
            <Space size={4} wrap style={{ marginTop: 6 }}>
              <Tag color="blue">{t(`customers.kind.${c.kind}`)}</Tag>
              {c.level && <Tag color="gold">{c.level}</Tag>}
              {c.tags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
            </Space>
            <div style={{ marginTop: 6 }}>
              <Typography.Text type="secondary">
                {t('customers.field.owner')}：{c.ownerName ?? t('customers.in_pool')}
                {c.departmentName && ` · ${c.departmentName}`}
              </Typography.Text>
            </div>
          </div>
          {actions.length > 0 &&
            (isPhone ? (
              <Dropdown menu={{ items: actions }} trigger={['click']}>
                <Button icon={<MoreOutlined />} aria-label={t('common.more')} />
              </Dropdown>
            ) : (
              <Space wrap>
                {actions.map((a) => (
                  <Button key={a.key} icon={a.icon} onClick={a.onClick} type={a.key === 'edit' ? 'primary' : 'default'}>
                    {a.label}
                  </Button>
                ))}
              </Space>
            ))}
        </Flex>
      </Card>
      <Card size={isPhone ? 'small' : 'medium'} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          data-testid="customer-tabs"
          items={[
            { key: 'overview', label: t('customers.tab.overview'), children: <OverviewTab customer={c} /> },
            ...(can('contacts.view')
              ? [
                  {
                    key: 'contacts',
                    label: `${t('customers.tab.contacts')}${count('contacts')}`,
                    children: <ContactsTab customer={c} canCreate={can('contacts.create')} />,
                  },
                ]
              : []),
            ...(can('followups.view')
              ? [
                  {
                    key: 'followups',
                    label: `${t('customers.tab.followups')}${count('followUps')}`,
                    children: <FollowUpsTab customer={c} canCreate={can('followups.create')} />,
                  },
                ]
              : []),
            { key: 'hierarchy', label: t('customers.tab.hierarchy'), children: <HierarchyTab customer={c} /> },
            {
              key: 'shares',
              label: t('customers.tab.shares'),
              children: <SharesTab customer={c} canShare={canShare} />,
            },
            {
              key: 'attachments',
              label: `${t('customers.tab.attachments')}${count('attachments')}`,
              children: <AttachmentsTab customer={c} />,
            },
            ...extraTabs,
            {
              key: 'history',
              label: t('customers.tab.history'),
              children: (
                <RecordHistory
                  path={customerPath(c.id)}
                  fieldLabels={Object.fromEntries(
                    Object.keys(c)
                      .map((k) => [k, t(`customers.field.${k}`)])
                      .filter(([k, v]) => v !== `customers.field.${k}`),
                  )}
                />
              ),
            },
          ]}
        />
      </Card>
      <CustomerDrawer open={editing} customer={c} onClose={() => setEditing(false)} />
      <TransferModal ids={transferring ? [c.id] : null} onClose={() => setTransferring(false)} />
      <ReturnToPoolModal customerId={c.id} open={returning} onClose={() => setReturning(false)} />
    </>
  );
}
