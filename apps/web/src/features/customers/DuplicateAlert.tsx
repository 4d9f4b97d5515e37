import { Alert, Typography } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import type { DuplicateMatch } from './api.ts';

/** The possible duplicates (查重): visible ones link to the record; others show only name and owner. */
export function DuplicateAlert({ matches }: { matches: DuplicateMatch[] }) {
  const t = useT();
  if (!matches.length) return null;
  const on = (m: DuplicateMatch) => m.matchedOn.map((f) => t(`customers.field.${f}`)).join('、');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      title={t('customers.dup.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {matches.map((m, i) => (
            <li key={m.id ?? `${m.name}-${i}`}>
              {m.visible && m.id ? (
                // A plain link: this alert also renders in a confirm dialog, outside the router.
                <a href={`/customers/${m.id}`} target="_blank" rel="noreferrer">
                  {m.name}
                </a>
              ) : (
                <Typography.Text strong>{m.name}</Typography.Text>
              )}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.visible
                  ? `${t('customers.dup.owner', { owner: m.ownerName ?? t('customers.dup.pool') })} · ${t('customers.dup.on', { fields: on(m) })}`
                  : `${t('customers.dup.invisible', { owner: m.ownerName ?? t('customers.dup.pool') })} · ${t('customers.dup.on', { fields: on(m) })}`}
              </Typography.Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}
