import { Alert, Tag, Typography } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import type { LeadDuplicates } from './api.ts';
import './messages.ts';

/** Possible duplicates among leads and customers: visible ones link to the record; others show name and owner only. */
export function LeadDuplicateAlert({ matches }: { matches: LeadDuplicates | null }) {
  const t = useT();
  if (!matches || (!matches.leads.length && !matches.customers.length)) return null;
  const on = (fields: string[]) => fields.map((f) => t(`leads.field.${f === 'name' ? 'companyName' : f}`)).join('、');
  const rows = [
    ...matches.customers.map((m) => ({ kind: 'customer' as const, href: `/customers/${m.id}`, ...m })),
    ...matches.leads.map((m) => ({ kind: 'lead' as const, href: `/leads/${m.id}`, name: m.companyName, ...m })),
  ];
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="lead-duplicate-warning"
      style={{ marginBottom: 16 }}
      title={t('leads.dup.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {rows.map((m, i) => (
            <li key={`${m.kind}-${m.id ?? i}`}>
              <Tag color={m.kind === 'customer' ? 'blue' : 'default'}>{t(`leads.dup.${m.kind}`)}</Tag>
              {m.visible && m.id ? (
                // A plain link: this alert also renders in a confirm dialog, outside the router.
                <a href={m.href} target="_blank" rel="noreferrer">
                  {m.name}
                </a>
              ) : (
                <Typography.Text strong>{m.name}</Typography.Text>
              )}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(m.visible ? 'leads.dup.owner' : 'leads.dup.invisible', {
                  owner: m.ownerName ?? t('leads.in_pool'),
                })}{' '}
                · {t('leads.dup.on', { fields: on(m.matchedOn) })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}
