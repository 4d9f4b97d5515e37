import { StarFilled } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { TFunction } from '../../ui/i18n.tsx';
import type { Customer, CustomerSort, CustomField } from './api.ts';
import { formatCustomValue } from './CustomFieldInput.tsx';

export interface CustomerColumn extends ColumnType<Customer> {
  key: string;
  /** The server sort this column offers. */
  sortField?: CustomerSort;
}

const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export function KeyStar({ on }: { on: boolean }) {
  return on ? <StarFilled style={{ color: '#faad14' }} aria-label="key" /> : null;
}

export function DealTag({ status, t }: { status: Customer['dealStatus']; t: TFunction }) {
  const color = { none: undefined, in_progress: 'blue', won: 'green', lost: 'default' }[status];
  return <Tag color={color}>{t(`customers.deal.${status}`)}</Tag>;
}

/** Every column the list offers; the column chooser picks which show. Name is always shown. */
export function customerColumns(t: TFunction, custom: CustomField[]): CustomerColumn[] {
  return [
    {
      key: 'name',
      sortField: 'name',
      title: t('customers.field.name'),
      fixed: 'left',
      width: 220,
      render: (_, c) => (
        <span>
          <Link to={`/customers/${c.id}`} data-testid="customer-link">
            {c.name}
          </Link>{' '}
          <KeyStar on={c.isKey} />
          {c.tags.length > 0 && (
            <div>
              {c.tags.slice(0, 3).map((tag) => (
                <Tag key={tag} style={{ fontSize: 11, marginInlineEnd: 4 }}>
                  {tag}
                </Tag>
              ))}
            </div>
          )}
        </span>
      ),
    },
    {
      key: 'kind',
      title: t('customers.field.kind'),
      width: 100,
      render: (_, c) => t(`customers.kind.${c.kind}`),
    },
    { key: 'level', title: t('customers.field.level'), dataIndex: 'level', width: 80 },
    { key: 'industry', title: t('customers.field.industry'), dataIndex: 'industry', width: 110 },
    { key: 'source', title: t('customers.field.source'), dataIndex: 'source', width: 110 },
    { key: 'status', title: t('customers.field.status'), dataIndex: 'status', width: 100 },
    { key: 'phone', title: t('customers.field.phone'), dataIndex: 'phone', width: 140 },
    { key: 'email', title: t('customers.field.email'), dataIndex: 'email', width: 180, ellipsis: true },
    {
      key: 'region',
      title: t('customers.field.region'),
      width: 160,
      render: (_, c) => [c.province, c.city, c.district].filter(Boolean).join(' / ') || '—',
    },
    {
      key: 'owner',
      title: t('customers.field.owner'),
      width: 100,
      render: (_, c) => c.ownerName ?? <Tag>{t('customers.in_pool')}</Tag>,
    },
    { key: 'department', title: t('customers.field.department'), dataIndex: 'departmentName', width: 120 },
    {
      key: 'dealStatus',
      title: t('customers.field.dealStatus'),
      width: 100,
      render: (_, c) => <DealTag status={c.dealStatus} t={t} />,
    },
    {
      key: 'lastFollowUpAt',
      sortField: 'lastFollowUpAt',
      title: t('customers.field.lastFollowUpAt'),
      width: 150,
      render: (_, c) => when(c.lastFollowUpAt),
    },
    {
      key: 'nextContactAt',
      sortField: 'nextContactAt',
      title: t('customers.field.nextContactAt'),
      width: 150,
      render: (_, c) =>
        c.nextContactAt && dayjs(c.nextContactAt).isBefore(dayjs()) ? (
          <Typography.Text type="danger">{when(c.nextContactAt)}</Typography.Text>
        ) : (
          when(c.nextContactAt)
        ),
    },
    {
      key: 'createdAt',
      sortField: 'createdAt',
      title: t('customers.field.createdAt'),
      width: 150,
      render: (_, c) => when(c.createdAt),
    },
    {
      key: 'updatedAt',
      sortField: 'updatedAt',
      title: t('customers.field.updatedAt'),
      width: 150,
      render: (_, c) => when(c.updatedAt),
    },
    ...custom.map<CustomerColumn>((f) => ({
      key: `custom.${f.key}`,
      title: f.label,
      width: 130,
      render: (_, c) => formatCustomValue(f, c.custom?.[f.key]),
    })),
  ];
}

export const DEFAULT_COLUMNS = [
  'name',
  'level',
  'industry',
  'phone',
  'owner',
  'dealStatus',
  'lastFollowUpAt',
  'nextContactAt',
  'updatedAt',
];
