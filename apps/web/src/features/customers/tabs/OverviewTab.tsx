import { Descriptions, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useT } from '../../../ui/i18n.tsx';
import { useIsPhone } from '../../../ui/use-is-phone.ts';
import { type Customer, useCustomFields } from '../api.ts';
import { formatCustomValue } from '../CustomFieldInput.tsx';
import { DealTag } from '../columns.tsx';

const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** 概况: every standard field and the custom fields. */
export function OverviewTab({ customer: c }: { customer: Customer }) {
  const t = useT();
  const isPhone = useIsPhone();
  const fields = useCustomFields('customer');
  const f = (key: string) => t(`customers.field.${key}`);
  const items = [
    { key: 'kind', label: f('kind'), children: t(`customers.kind.${c.kind}`) },
    { key: 'shortName', label: f('shortName'), children: c.shortName ?? '—' },
    ...(c.kind === 'enterprise' ? [{ key: 'creditCode', label: f('creditCode'), children: c.creditCode ?? '—' }] : []),
    { key: 'industry', label: f('industry'), children: c.industry ?? '—' },
    { key: 'level', label: f('level'), children: c.level ?? '—' },
    { key: 'source', label: f('source'), children: c.source ?? '—' },
    { key: 'status', label: f('status'), children: c.status ?? '—' },
    { key: 'dealStatus', label: f('dealStatus'), children: <DealTag status={c.dealStatus} t={t} /> },
    { key: 'phone', label: f('phone'), children: c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : '—' },
    { key: 'email', label: f('email'), children: c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—' },
    { key: 'website', label: f('website'), children: c.website ?? '—' },
    {
      key: 'address',
      label: f('street'),
      children: [c.province, c.city, c.district, c.street].filter(Boolean).join(' ') || '—',
    },
    {
      key: 'location',
      label: f('location'),
      children: c.latitude && c.longitude ? `${c.latitude}, ${c.longitude}` : '—',
    },
    { key: 'owner', label: f('owner'), children: c.ownerName ?? <Tag>{t('customers.in_pool')}</Tag> },
    { key: 'department', label: f('department'), children: c.departmentName ?? '—' },
    {
      key: 'parent',
      label: f('parent'),
      children: c.parentId ? <Link to={`/customers/${c.parentId}`}>{c.parentName ?? c.parentId}</Link> : '—',
    },
    { key: 'lastFollowUpAt', label: f('lastFollowUpAt'), children: when(c.lastFollowUpAt) },
    { key: 'nextContactAt', label: f('nextContactAt'), children: when(c.nextContactAt) },
    { key: 'createdAt', label: f('createdAt'), children: when(c.createdAt) },
    { key: 'updatedAt', label: f('updatedAt'), children: when(c.updatedAt) },
    ...(fields.data ?? []).map((cf) => ({
      key: `custom.${cf.key}`,
      label: cf.label,
      children: formatCustomValue(cf, c.custom?.[cf.key]),
    })),
  ];
  return (
    <Descriptions
      size="small"
      bordered={!isPhone}
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={items}
      data-testid="customer-overview"
    />
  );
}
