import { EditOutlined, EyeOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Avatar,
  Button,
  Card,
  Dropdown,
  Empty,
  Flex,
  Input,
  type MenuProps,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { type Employee, type EmployeeFilter, type EmployeeStatus, enableEmployee, listEmployees } from './api.ts';
import { DisableModal } from './DisableModal.tsx';
import { EmployeeDrawer } from './EmployeeDrawer.tsx';
import './messages.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';

const PAGE_SIZE = 50;

function StatusTag({ status }: { status: EmployeeStatus }) {
  const t = useT();
  return status === 'active' ? (
    <Tag color="green">{t('employees.status.active')}</Tag>
  ) : (
    <Tag>{t('employees.status.disabled')}</Tag>
  );
}

function RoleTags({ roles }: { roles: Employee['roles'] }) {
  return (
    <>
      {roles.map((r) => (
        <Tag key={r.id} color={r.code === 'admin' ? 'gold' : 'blue'} style={{ marginBlock: 2 }}>
          {r.name}
        </Tag>
      ))}
    </>
  );
}

/** 员工: searchable, filterable list with keyset "load more"; create/edit, disable with hand-over, reset password. */
export function EmployeesPage() {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [filter, setFilter] = useState<EmployeeFilter>({ status: 'active' });
  const [drawer, setDrawer] = useState<{ open: boolean; employee: Employee | null }>({ open: false, employee: null });
  const [disabling, setDisabling] = useState<Employee | null>(null);
  const [resetting, setResetting] = useState<Employee | null>(null);

  const list = useInfiniteQuery({
    queryKey: ['employees', 'list', filter],
    queryFn: ({ pageParam }) => listEmployees({ ...filter, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const enable = useMutation({
    mutationFn: (e: Employee) => enableEmployee(e.id),
    onSuccess: () => {
      message.success(t('employees.enabled_ok'));
      client.invalidateQueries({ queryKey: ['employees'] });
    },
    onError: (e) => message.error(e.message),
  });

  const moreItems = (e: Employee): MenuProps['items'] => {
    const items: MenuProps['items'] = [];
    if (can('employees.reset_password'))
      items.push({ key: 'reset', label: t('employees.reset_password'), onClick: () => setResetting(e) });
    if (can('employees.disable')) {
      if (e.status === 'active')
        items.push({ key: 'disable', danger: true, label: t('employees.disable'), onClick: () => setDisabling(e) });
      else
        items.push({
          key: 'enable',
          label: t('employees.enable'),
          onClick: () =>
            modal.confirm({
              title: t('employees.enable_confirm', { name: e.name }),
              okText: t('common.ok'),
              cancelText: t('common.cancel'),
              onOk: () => enable.mutateAsync(e).catch(() => undefined),
            }),
        });
    }
    return items;
  };

  const actions = (e: Employee) => {
    const more = moreItems(e) ?? [];
    return (
      <Space size={0}>
        <Button
          type="link"
          size="small"
          icon={can('employees.edit') ? <EditOutlined /> : <EyeOutlined />}
          onClick={() => setDrawer({ open: true, employee: e })}
          aria-label={`${can('employees.edit') ? t('common.edit') : t('common.view')} ${e.name}`}
        >
          {can('employees.edit') ? t('common.edit') : t('common.view')}
        </Button>
        {more.length > 0 && (
          <Dropdown menu={{ items: more }} trigger={['click']}>
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={`${t('common.more')} ${e.name}`} />
          </Dropdown>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<Employee> = [
    {
      key: 'name',
      title: t('employees.field.name'),
      fixed: 'left',
      width: 140,
      render: (_, e) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setDrawer({ open: true, employee: e })}>
          {e.name}
        </Button>
      ),
    },
    { key: 'department', title: t('employees.field.department'), dataIndex: 'departmentName', width: 140 },
    { key: 'position', title: t('employees.field.position'), dataIndex: 'positionTitle', width: 120 },
    { key: 'supervisor', title: t('employees.field.supervisor'), dataIndex: 'supervisorName', width: 110 },
    { key: 'roles', title: t('employees.field.roles'), render: (_, e) => <RoleTags roles={e.roles} />, width: 180 },
    { key: 'mobile', title: t('employees.field.mobile'), dataIndex: 'mobile', width: 130 },
    { key: 'email', title: t('employees.field.email'), dataIndex: 'email', ellipsis: true, width: 200 },
    {
      key: 'status',
      title: t('employees.field.status'),
      width: 90,
      render: (_, e) => <StatusTag status={e.status} />,
    },
    { key: 'actions', title: t('common.actions'), fixed: 'right', width: 130, render: (_, e) => actions(e) },
  ];

  const filters = (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Input.Search
        placeholder={t('employees.search')}
        allowClear
        onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
        style={{ width: isPhone ? '100%' : 260 }}
        data-testid="employee-search"
      />
      <DepartmentTreeSelect
        placeholder={t('employees.filter.department')}
        allowClear
        value={filter.departmentId}
        onChange={(departmentId) => setFilter((f) => ({ ...f, departmentId: departmentId || undefined }))}
        style={{ width: isPhone ? 'calc(50% - 4px)' : 200 }}
      />
      <Select<EmployeeStatus | 'all'>
        value={filter.status ?? 'all'}
        onChange={(s) => setFilter((f) => ({ ...f, status: s === 'all' ? undefined : s }))}
        style={{ width: isPhone ? 'calc(50% - 4px)' : 120 }}
        aria-label={t('employees.filter.status')}
        options={[
          { value: 'active', label: t('employees.status.active') },
          { value: 'disabled', label: t('employees.status.disabled') },
          { value: 'all', label: t('common.all') },
        ]}
      />
    </Flex>
  );

  const footer = (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" data-testid="employee-count">
        {t('employees.count', { count: rows.length })}
      </Typography.Text>
      {list.hasNextPage ? (
        <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.load_more')}
        </Button>
      ) : (
        rows.length > 0 && <Typography.Text type="secondary">{t('common.no_more')}</Typography.Text>
      )}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('employees.title')}
        subtitle={isPhone ? undefined : t('employees.subtitle')}
        extra={
          can('employees.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, employee: null })}>
              {t('employees.create')}
            </Button>
          )
        }
      />
      <Card size={isPhone ? 'small' : 'medium'}>
        {filters}
        {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <Flex vertical gap={8} data-testid="employee-cards">
            {list.isPending && <Card loading size="small" />}
            {!list.isPending && rows.length === 0 && <Empty description={t('employees.empty')} />}
            {rows.map((e) => (
              <Card key={e.id} size="small" data-testid="employee-row">
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Flex gap={10} style={{ minWidth: 0 }}>
                    <Avatar style={{ background: '#87b6ff', flex: 'none' }}>{e.name.slice(0, 1)}</Avatar>
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong>{e.name}</Typography.Text> <StatusTag status={e.status} />
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {[e.departmentName, e.positionTitle].filter(Boolean).join(' · ')}
                        </Typography.Text>
                      </div>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {e.mobile ?? e.email}
                        </Typography.Text>
                      </div>
                      <RoleTags roles={e.roles} />
                    </div>
                  </Flex>
                  {actions(e)}
                </Flex>
              </Card>
            ))}
          </Flex>
        ) : (
          <Table<Employee>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            scroll={{ x: 1100 }}
            size="middle"
            locale={{ emptyText: <Empty description={t('employees.empty')} /> }}
            onRow={() => ({ 'data-testid': 'employee-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
        {footer}
      </Card>
      <EmployeeDrawer
        open={drawer.open}
        employee={drawer.employee}
        onClose={() => setDrawer({ open: false, employee: null })}
      />
      <DisableModal employee={disabling} onClose={() => setDisabling(null)} />
      <ResetPasswordModal employee={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
