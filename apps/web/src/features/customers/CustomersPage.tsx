import { FilterOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Result,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import {
  type Customer,
  type CustomerFilter,
  type CustomerSort,
  type CustomerView,
  isMissingRoute,
  listCustomers,
  useCustomFields,
} from './api.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { CustomerDrawer } from './CustomerDrawer.tsx';
import { CustomerFilterDrawer } from './CustomerFilterDrawer.tsx';
import { customerColumns, DEFAULT_COLUMNS, DealTag, KeyStar } from './columns.tsx';
import './messages.ts';
import { SavedViews } from './SavedViews.tsx';
import { TransferModal } from './TransferModal.tsx';

const PAGE_SIZE = 50;
const VIEWS: CustomerView[] = ['mine', 'subordinates', 'shared', 'all'];
const COLUMNS_KEY = 'huike.customers.columns';

function storedColumns(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null');
    return Array.isArray(v) && v.length ? v : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

const activeFilters = (f: CustomerFilter) =>
  Object.entries(f).filter(([k, v]) => k !== 'q' && v !== undefined && !(k === 'custom' && !Object.keys(v).length))
    .length;

function CustomerCard({ c }: { c: Customer }) {
  const t = useT();
  return (
    <Card size="small" data-testid="customer-row">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Link to={`/customers/${c.id}`} style={{ fontWeight: 600 }} data-testid="customer-link">
            {c.name}
          </Link>{' '}
          <KeyStar on={c.isKey} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[c.level && `${c.level}级`, c.industry, c.city].filter(Boolean).join(' · ') || '—'}
            </Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.ownerName ?? t('customers.in_pool')}
              {c.lastFollowUpAt &&
                ` · ${t('customers.field.lastFollowUpAt')} ${dayjs(c.lastFollowUpAt).format('MM-DD')}`}
            </Typography.Text>
          </div>
          {c.tags.map((tag) => (
            <Tag key={tag} style={{ marginTop: 4 }}>
              {tag}
            </Tag>
          ))}
        </div>
        <DealTag status={c.dealStatus} t={t} />
      </Flex>
    </Card>
  );
}

/** 客户: views, search, filters, sortable columns, column chooser, saved views, keyset paging, bulk transfer. */
export function CustomersPage() {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const [view, setView] = useState<CustomerView>('mine');
  const [filter, setFilter] = useState<CustomerFilter>({});
  const [sort, setSort] = useState<{ field: CustomerSort; order: 'asc' | 'desc' }>({
    field: 'updatedAt',
    order: 'desc',
  });
  const [columnKeys, setColumnKeys] = useState<string[]>(storedColumns);
  const [filterOpen, setFilterOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [transferIds, setTransferIds] = useState<string[] | null>(null);
  const fields = useCustomFields('customer');

  const list = useInfiniteQuery({
    queryKey: ['customers', 'list', view, filter, sort],
    queryFn: ({ pageParam }) =>
      listCustomers({ ...filter, view, sort: sort.field, order: sort.order, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry: (n, e) => !isMissingRoute(e) && n < 1,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = list.data?.pages[0];

  const allColumns = useMemo(() => customerColumns(t, fields.data ?? []), [t, fields.data]);
  const columns = allColumns
    .filter((c) => columnKeys.includes(c.key))
    .map((c) => ({
      ...c,
      sorter: Boolean(c.sortField),
      sortOrder: c.sortField && c.sortField === sort.field ? (sort.order === 'asc' ? 'ascend' : 'descend') : undefined,
    })) as TableProps<Customer>['columns'];

  const changeColumns = (keys: string[]) => {
    setColumnKeys(keys);
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(keys));
    } catch {}
  };

  const onTableChange: TableProps<Customer>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const col = allColumns.find((c) => c.key === s?.columnKey);
    if (!s?.order || !col?.sortField) setSort({ field: 'updatedAt', order: 'desc' });
    else setSort({ field: col.sortField, order: s.order === 'ascend' ? 'asc' : 'desc' });
  };

  const total =
    first?.total === undefined
      ? null
      : first.totalIsEstimate
        ? t('customers.total_estimate', { total: first.total.toLocaleString() })
        : t('customers.total', { total: first.total.toLocaleString() });

  if (list.isError && isMissingRoute(list.error))
    return (
      <>
        <PageHeader title={t('customers.title')} />
        <Card>
          <Result status="info" title={t('customers.unavailable')} data-testid="customers-unavailable" />
        </Card>
      </>
    );

  const filterCount = activeFilters(filter);
  const toolbar = (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Input.Search
        placeholder={t('customers.search')}
        allowClear
        onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
        style={{ width: isPhone ? '100%' : 280 }}
        data-testid="customer-search"
      />
      <Badge count={filterCount} size="small">
        <Button icon={<FilterOutlined />} onClick={() => setFilterOpen(true)} data-testid="filter-open">
          {t('customers.filter')}
        </Button>
      </Badge>
      <SavedViews
        current={{ filters: { ...filter, view }, columns: columnKeys, sort }}
        onPick={(v) => {
          const { view: pickedView, ...rest } = v.filters;
          if (pickedView) setView(pickedView);
          setFilter(rest);
          if (v.columns?.length) changeColumns(v.columns);
          if (v.sort) setSort(v.sort);
        }}
      />
      {!isPhone && <ColumnChooser columns={allColumns} value={columnKeys} onChange={changeColumns} />}
      {selected.length > 0 && can('customers.transfer') && (
        <Button icon={<SwapOutlined />} onClick={() => setTransferIds(selected)} data-testid="bulk-transfer">
          {t('customers.transfer')}（{selected.length}）
        </Button>
      )}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          can('customers.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('customers.create')}
            </Button>
          )
        }
      />
      <Card size={isPhone ? 'small' : 'medium'} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={view}
          onChange={(k) => {
            setView(k as CustomerView);
            setSelected([]);
          }}
          items={VIEWS.map((v) => ({ key: v, label: t(`customers.view.${v}`) }))}
          data-testid="customer-views"
        />
        {toolbar}
        {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <Flex vertical gap={8} data-testid="customer-cards">
            {list.isPending && <Card loading size="small" />}
            {!list.isPending && rows.length === 0 && <Empty description={t('customers.empty')} />}
            {rows.map((c) => (
              <CustomerCard key={c.id} c={c} />
            ))}
          </Flex>
        ) : (
          <Table<Customer>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            onChange={onTableChange}
            rowSelection={
              can('customers.transfer')
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }
                : undefined
            }
            locale={{ emptyText: <Empty description={t('customers.empty')} /> }}
            onRow={() => ({ 'data-testid': 'customer-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
        <Flex justify="center" align="center" gap={12} wrap style={{ marginTop: 12 }}>
          {total && (
            <Typography.Text type="secondary" data-testid="customer-total">
              {total}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{t('customers.shown', { count: rows.length })}</Typography.Text>
          {list.hasNextPage ? (
            <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.load_more')}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t('common.no_more')}</Typography.Text>
          )}
        </Flex>
      </Card>
      <CustomerFilterDrawer open={filterOpen} value={filter} onClose={() => setFilterOpen(false)} onApply={setFilter} />
      <CustomerDrawer open={creating} customer={null} onClose={() => setCreating(false)} />
      <TransferModal ids={transferIds} onClose={() => setTransferIds(null)} onDone={() => setSelected([])} />
    </>
  );
}
