import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { type Query, withQuery } from '../../ui/api.ts';
import { useT } from '../../ui/i18n.tsx';
import { useCan } from '../auth/session.ts';
import './messages.ts';

/**
 * Export the customer list with its current filters (the same query parameters as GET /api/v1/customers);
 * the browser downloads the file straight from the server, which applies the user's data scope.
 */
export function CustomerExportButton({ filters }: { filters: Query }) {
  const t = useT();
  const can = useCan();
  if (!can('customers.export')) return null;
  const { cursor: _c, limit: _l, ...rest } = filters;
  const href = (format: 'csv' | 'xlsx') => withQuery('/api/v1/customers/export', { ...rest, format });
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'xlsx', label: <a href={href('xlsx')}>{t('imports.export_xlsx')}</a> },
          { key: 'csv', label: <a href={href('csv')}>{t('imports.export_csv')}</a> },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />}>{t('imports.export')}</Button>
    </Dropdown>
  );
}
