import { Checkbox, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { type Text, useI18n } from '../../ui/i18n.tsx';
import type { DataScope } from '../auth/index.ts';
import type { PermissionCatalogue, PermissionModule } from './api.ts';

export interface MatrixValue {
  permissions: string[];
  scopes: Record<string, DataScope>;
}

const DEFAULT_SCOPES: DataScope[] = ['own', 'subordinates', 'department', 'department_tree', 'all'];

function scopeOptions(catalogue: PermissionCatalogue, t: (k: string) => string, pick: (l: Text | string) => string) {
  const list = catalogue.scopes?.length ? catalogue.scopes : DEFAULT_SCOPES;
  return list.map((s) => {
    if (typeof s === 'string') return { value: s, label: t(`roles.scope.${s}`) };
    const value = (s.scope ?? s.value ?? 'own') as DataScope;
    return { value, label: s.label ? pick(s.label) : t(`roles.scope.${value}`) };
  });
}

/** Permission × scope matrix: a row per module, a checkbox per action, a data scope for modules with owners. */
export function PermissionMatrix({
  catalogue,
  value,
  onChange,
  disabled,
}: {
  catalogue: PermissionCatalogue;
  value: MatrixValue;
  onChange: (next: MatrixValue) => void;
  disabled: boolean;
}) {
  const { t, pick } = useI18n();
  const granted = new Set(value.permissions);
  const options = scopeOptions(catalogue, t, pick);

  const setModule = (m: PermissionModule, actions: string[]) => {
    const others = value.permissions.filter((p) => !p.startsWith(`${m.module}.`));
    const next = [...others, ...actions.map((a) => `${m.module}.${a}`)];
    const scopes = { ...value.scopes };
    if (m.scoped && actions.length > 0 && !scopes[m.module]) scopes[m.module] = 'own';
    if (actions.length === 0) delete scopes[m.module];
    onChange({ permissions: next, scopes });
  };

  const columns: TableColumnsType<PermissionModule> = [
    {
      key: 'module',
      title: t('roles.col.module'),
      width: 150,
      fixed: 'left',
      render: (_, m) => {
        const checked = m.actions.filter((a) => granted.has(`${m.module}.${a.action}`));
        return (
          <Checkbox
            disabled={disabled}
            checked={checked.length === m.actions.length}
            indeterminate={checked.length > 0 && checked.length < m.actions.length}
            onChange={(e) => setModule(m, e.target.checked ? m.actions.map((a) => a.action) : [])}
            aria-label={`${pick(m.label)} ${t('roles.select_all')}`}
          >
            <Typography.Text strong>{pick(m.label)}</Typography.Text>
          </Checkbox>
        );
      },
    },
    {
      key: 'actions',
      title: t('roles.col.actions'),
      render: (_, m) => (
        <Flex wrap gap={4} style={{ rowGap: 4 }}>
          {m.actions.map((a) => {
            const key = `${m.module}.${a.action}`;
            return (
              <Checkbox
                key={key}
                disabled={disabled}
                checked={granted.has(key)}
                data-testid={`perm-${key}`}
                onChange={(e) => {
                  const current = m.actions.map((x) => x.action).filter((x) => granted.has(`${m.module}.${x}`));
                  setModule(m, e.target.checked ? [...current, a.action] : current.filter((x) => x !== a.action));
                }}
              >
                {pick(a.label)}
              </Checkbox>
            );
          })}
        </Flex>
      ),
    },
    {
      key: 'scope',
      title: t('roles.col.scope'),
      width: 190,
      render: (_, m) =>
        m.scoped ? (
          <Select<DataScope>
            size="small"
            style={{ width: '100%' }}
            disabled={disabled || !m.actions.some((a) => granted.has(`${m.module}.${a.action}`))}
            value={value.scopes[m.module] ?? 'own'}
            options={options}
            data-testid={`scope-${m.module}`}
            aria-label={`${pick(m.label)} ${t('roles.col.scope')}`}
            onChange={(scope) => onChange({ ...value, scopes: { ...value.scopes, [m.module]: scope } })}
          />
        ) : (
          <Typography.Text type="secondary">{t('roles.scope.na')}</Typography.Text>
        ),
    },
  ];

  return (
    <Table<PermissionModule>
      rowKey="module"
      size="small"
      columns={columns}
      dataSource={catalogue.modules}
      pagination={false}
      scroll={{ x: 640 }}
      bordered
      onRow={(m) => ({ 'data-testid': `perm-row-${m.module}` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
