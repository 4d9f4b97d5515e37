import {
  ApartmentOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Row,
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
import {
  CATEGORIES_KEY,
  deleteProduct,
  listProducts,
  PRODUCTS_KEY,
  type Product,
  type ProductFilter,
  type ProductStatus,
  useCategories,
} from './api.ts';
import { CategoryManager } from './CategoryManager.tsx';
import { CategoryPanel } from './CategoryPanel.tsx';
import './messages.ts';
import { ProductDrawer } from './ProductDrawer.tsx';

const PAGE_SIZE = 50;

function StatusTag({ status }: { status: ProductStatus }) {
  const t = useT();
  return status === 'active' ? (
    <Tag color="green">{t('products.status.active')}</Tag>
  ) : (
    <Tag>{t('products.status.inactive')}</Tag>
  );
}

/** "1箱=5包" lines for the units column and the cards. */
function UnitsText({ product }: { product: Product }) {
  const t = useT();
  if (product.units.length === 0) return <Typography.Text type="secondary">{product.baseUnit}</Typography.Text>;
  return (
    <Flex vertical gap={0}>
      {product.units.map((u) => (
        <Typography.Text key={u.id} type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
          {t('products.unit_equation', { unit: u.name, factor: u.factor, base: product.baseUnit })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The list price per base unit, then each extra unit's price ("¥22.00/包", "¥105.00/箱"). */
function PriceText({ product }: { product: Product }) {
  const t = useT();
  if (product.price === null && product.units.every((u) => u.effectivePrice === null))
    return <Typography.Text type="secondary">{t('products.no_price')}</Typography.Text>;
  const lines = [
    { key: 'base', unit: product.baseUnit, price: product.price },
    ...product.units.map((u) => ({ key: u.id, unit: u.name, price: u.effectivePrice })),
  ].filter((l) => l.price !== null);
  return (
    <Flex vertical gap={0}>
      {lines.map((l, i) => (
        <Typography.Text
          key={l.key}
          type={i === 0 ? undefined : 'secondary'}
          style={{ whiteSpace: 'nowrap', fontSize: i === 0 ? 14 : 12 }}
        >
          {t('products.per_unit', { price: `¥${l.price}`, unit: l.unit })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** 产品: the category tree on the left (a drawer on phones), the product list, the product drawer, category management. */
export function ProductsPage() {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canManage = can('products.manage');
  const categories = useCategories();
  const [filter, setFilter] = useState<ProductFilter>({});
  const [drawer, setDrawer] = useState<{ open: boolean; product: Product | null }>({ open: false, product: null });
  const [managing, setManaging] = useState(false);
  const [treeOpen, setTreeOpen] = useState(false);

  const list = useInfiniteQuery({
    queryKey: [...PRODUCTS_KEY, 'list', filter],
    queryFn: ({ pageParam }) => listProducts({ ...filter, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const selectedCategory = categories.data?.find((c) => c.id === filter.categoryId);

  const remove = useMutation({
    mutationFn: (p: Product) => deleteProduct(p.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      client.invalidateQueries({ queryKey: PRODUCTS_KEY });
      client.invalidateQueries({ queryKey: CATEGORIES_KEY });
    },
    onError: (e) => message.error(e.message),
  });

  const open = (product: Product | null) => setDrawer({ open: true, product });
  const selectCategory = (categoryId: string | undefined) => {
    setFilter((f) => ({ ...f, categoryId }));
    setTreeOpen(false);
  };

  const actions = (p: Product) => (
    <Space size={0}>
      <Button
        type="link"
        size="small"
        icon={canManage ? <EditOutlined /> : <EyeOutlined />}
        onClick={() => open(p)}
        aria-label={`${canManage ? t('common.edit') : t('common.view')} ${p.name}`}
      >
        {isPhone ? undefined : canManage ? t('common.edit') : t('common.view')}
      </Button>
      {canManage && (
        <Popconfirm
          title={t('products.delete_confirm', { name: p.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync(p).catch(() => undefined)}
        >
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('common.delete')} ${p.name}`}
          />
        </Popconfirm>
      )}
    </Space>
  );

  // Name and specification share a column and status shows as a tag only when off sale, so the columns that
  // matter (units, prices) fit next to the category tree at 1366 px without scrolling sideways.
  const columns: TableColumnsType<Product> = [
    { key: 'code', title: t('products.field.code'), dataIndex: 'code', width: 110, fixed: 'left' },
    {
      key: 'name',
      title: `${t('products.field.name')} / ${t('products.field.specification')}`,
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => open(p)}
          >
            {p.name}
          </Button>
          {p.status === 'inactive' && <Tag style={{ marginInlineStart: 6 }}>{t('products.status.inactive')}</Tag>}
          {p.specification && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.specification}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'category',
      title: t('products.field.category'),
      width: 110,
      render: (_, p) =>
        p.categoryName ?? <Typography.Text type="secondary">{t('products.uncategorized')}</Typography.Text>,
    },
    {
      key: 'units',
      title: t('products.col.units'),
      width: 120,
      render: (_, p) => (
        <Flex vertical gap={0}>
          <Typography.Text style={{ whiteSpace: 'nowrap' }}>{p.baseUnit}</Typography.Text>
          {p.units.length > 0 && <UnitsText product={p} />}
        </Flex>
      ),
    },
    { key: 'price', title: t('products.col.price'), width: 140, render: (_, p) => <PriceText product={p} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: canManage ? 110 : 80,
      render: (_, p) => actions(p),
    },
  ];

  const filters = (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      {isPhone && (
        <Button icon={<ApartmentOutlined />} onClick={() => setTreeOpen(true)} data-testid="category-drawer-button">
          {selectedCategory?.name ?? t('products.categories.all')}
        </Button>
      )}
      <Input.Search
        placeholder={t('products.search')}
        allowClear
        onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
        style={{ width: isPhone ? '100%' : 260 }}
        data-testid="product-search"
      />
      <Select<ProductStatus | 'all'>
        value={filter.status ?? 'all'}
        onChange={(s) => setFilter((f) => ({ ...f, status: s === 'all' ? undefined : s }))}
        style={{ width: 120 }}
        aria-label={t('products.field.status')}
        options={[
          { value: 'all', label: t('common.all') },
          { value: 'active', label: t('products.status.active') },
          { value: 'inactive', label: t('products.status.inactive') },
        ]}
      />
    </Flex>
  );

  const footer = (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" data-testid="product-count">
        {t('products.count', { count: rows.length })}
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

  const cards = (
    <Flex vertical gap={8} data-testid="product-cards">
      {list.isPending && <Card loading size="small" />}
      {!list.isPending && rows.length === 0 && <Empty description={t('products.empty')} />}
      {rows.map((p) => (
        <Card key={p.id} size="small" data-testid="product-row" onClick={() => open(p)} style={{ cursor: 'pointer' }}>
          <Flex justify="space-between" align="flex-start" gap={8}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>{p.name}</Typography.Text> <StatusTag status={p.status} />
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[p.code, p.specification, p.categoryName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              <Flex gap={16} wrap style={{ marginTop: 4 }}>
                <PriceText product={p} />
                {p.units.length > 0 && <UnitsText product={p} />}
              </Flex>
            </div>
            {/* biome-ignore lint/a11y/noStaticElementInteractions: only stops the card's own click from also firing. */}
            <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
              {actions(p)}
            </div>
          </Flex>
        </Card>
      ))}
    </Flex>
  );

  const table = (
    <Table<Product>
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
      pagination={false}
      scroll={{ x: 760 }}
      size="middle"
      locale={{ emptyText: <Empty description={t('products.empty')} /> }}
      onRow={() => ({ 'data-testid': 'product-row' }) as React.HTMLAttributes<HTMLElement>}
    />
  );

  return (
    <>
      <PageHeader
        title={t('products.title')}
        subtitle={isPhone ? undefined : t('products.subtitle')}
        extra={
          canManage && (
            <>
              <Button icon={<SettingOutlined />} onClick={() => setManaging(true)} data-testid="manage-categories">
                {t('products.categories.manage')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
                {t('products.create')}
              </Button>
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        {!isPhone && (
          <Col xs={24} md={7} xl={5}>
            <Card size="small" title={t('products.categories')} styles={{ body: { padding: 12 } }}>
              <CategoryPanel selectedId={filter.categoryId} onSelect={selectCategory} />
            </Card>
          </Col>
        )}
        <Col xs={24} md={isPhone ? 24 : 17} xl={isPhone ? 24 : 19}>
          <Card size={isPhone ? 'small' : 'medium'}>
            {filters}
            {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
            {isPhone ? cards : table}
            {footer}
          </Card>
        </Col>
      </Row>
      {isPhone && (
        <Drawer
          open={treeOpen}
          onClose={() => setTreeOpen(false)}
          placement="left"
          size="85%"
          title={t('products.categories')}
        >
          <CategoryPanel selectedId={filter.categoryId} onSelect={selectCategory} />
        </Drawer>
      )}
      <ProductDrawer
        open={drawer.open}
        product={drawer.product}
        defaultCategoryId={filter.categoryId}
        onClose={() => setDrawer({ open: false, product: null })}
      />
      {canManage && <CategoryManager open={managing} onClose={() => setManaging(false)} />}
    </>
  );
}
