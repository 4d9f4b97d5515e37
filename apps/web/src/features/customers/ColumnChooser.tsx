import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import type { CustomerColumn } from './columns.tsx';

/** Pick the list's columns (name always shows). */
export function ColumnChooser({
  columns,
  value,
  onChange,
}: {
  columns: CustomerColumn[];
  value: string[];
  onChange: (keys: string[]) => void;
}) {
  const t = useT();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      content={
        <Checkbox.Group
          value={value}
          onChange={(keys) => onChange(['name', ...keys.filter((k) => k !== 'name')])}
          data-testid="column-chooser"
        >
          <Flex vertical gap={4} style={{ maxHeight: 360, overflow: 'auto' }}>
            {columns.map((c) => (
              <Checkbox key={c.key} value={c.key} disabled={c.key === 'name'}>
                {c.title as string}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      }
    >
      <Button icon={<SettingOutlined />} aria-label={t('customers.columns')}>
        {t('customers.columns')}
      </Button>
    </Popover>
  );
}
