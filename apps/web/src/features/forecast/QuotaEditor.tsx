import { App, Button, Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { type ForecastOptions, formatMoney, useQuotas, useSetDepartmentQuotas, useSetQuotas } from './api.ts';

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
/** "" clears a quota; otherwise the decimal string as typed (exact, no float). */
const normalise = (v: string) => v.trim().replace(/,/g, '');
const valid = (v: string) => v === '' || AMOUNT.test(v);
const same = (a: string | null, typed: string) =>
  typed === '' ? a === null : a !== null && Number(a).toFixed(2) === Number(typed).toFixed(2);

/** 设置定额 (keyed by quarter by its parent, so another quarter starts afresh): an editable table of a department's people (those in the manager's scope) for one quarter. */
export function QuotaEditor({
  quarter,
  options,
  initialDepartmentId,
}: {
  quarter: string;
  options: ForecastOptions;
  /** The department the page is looking at, else the first the actor may see (else the server's default: theirs). */
  initialDepartmentId?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [departmentId, setDepartmentId] = useState<string | undefined>(
    initialDepartmentId ?? options.departments[0]?.id,
  );
  const quotas = useQuotas(quarter, departmentId, true);
  const setQuotas = useSetQuotas();
  const setDepartment = useSetDepartmentQuotas();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [own, setOwn] = useState<string | undefined>(undefined);

  const data = quotas.data;
  const departments = useMemo(() => {
    const depth = new Map<string, number>();
    const byId = new Map(options.departments.map((d) => [d.id, d]));
    const level = (id: string, seen = new Set<string>()): number => {
      if (depth.has(id)) return depth.get(id)!;
      const p = byId.get(id)?.parentId;
      const n = p && !seen.has(p) ? level(p, seen.add(id)) + 1 : 0;
      depth.set(id, n);
      return n;
    };
    return options.departments.map((d) => ({ value: d.id, label: `${'　'.repeat(level(d.id))}${d.name}` }));
  }, [options.departments]);

  const changedPeople = (data?.members ?? []).filter(
    (m) => m.editable && draft[m.userId] !== undefined && !same(m.quota, draft[m.userId]!),
  );
  const ownChanged = data && own !== undefined && !same(data.department.explicit, own);
  const invalid = Object.values(draft).some((v) => !valid(v)) || (own !== undefined && !valid(own));

  async function save() {
    if (!data) return;
    try {
      if (changedPeople.length) {
        await setQuotas.mutateAsync({
          quarter,
          items: changedPeople.map((m) => ({ userId: m.userId, amount: draft[m.userId] || null })),
        });
      }
      if (ownChanged) {
        await setDepartment.mutateAsync({
          quarter,
          items: [{ departmentId: data.department.id, amount: own || null }],
        });
      }
      setDraft({});
      setOwn(undefined);
      message.success(t('forecast.quotas.saved'));
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const input = (value: string, onChange: (v: string) => void, testId: string) => (
    <Input
      value={value}
      inputMode="decimal"
      prefix="¥"
      allowClear
      status={valid(value) ? undefined : 'error'}
      placeholder={t('forecast.no_quota')}
      onChange={(e) => onChange(normalise(e.target.value))}
      style={{ maxWidth: 200 }}
      data-testid={testId}
    />
  );

  return (
    <Card
      title={t('forecast.quotas')}
      extra={
        <Button
          type="primary"
          onClick={save}
          disabled={invalid || (!changedPeople.length && !ownChanged)}
          loading={setQuotas.isPending || setDepartment.isPending}
          data-testid="quota-save"
        >
          {t('forecast.quotas.save')}
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {departments.length > 0 && (
          <Space wrap>
            <span>{t('forecast.quotas.department')}</span>
            <Select
              style={{ minWidth: 200 }}
              value={departmentId ?? data?.department.id}
              options={departments}
              onChange={(id) => {
                // Another department starts from what is stored.
                setDepartmentId(id);
                setDraft({});
                setOwn(undefined);
              }}
              data-testid="quota-department"
            />
          </Space>
        )}
        {invalid && <Typography.Text type="danger">{t('forecast.quotas.invalid')}</Typography.Text>}
        {data && (
          <Space wrap align="center">
            <Typography.Text strong>
              {data.department.name} · {t('forecast.quotas.effective')}: {formatMoney(data.department.effective)}
            </Typography.Text>
            {data.department.rolledUp && data.department.explicit && (
              <Typography.Text type="secondary">
                {t('forecast.rolled_up', { amount: formatMoney(data.department.rolledUp) })}
              </Typography.Text>
            )}
          </Space>
        )}
        {data && options.canSetDepartmentQuotas && (
          <Space wrap>
            <span>{t('forecast.quotas.own')}</span>
            {input(own ?? data.department.explicit ?? '', setOwn, 'quota-department-own')}
            <Typography.Text type="secondary">{t('forecast.quotas.own_hint')}</Typography.Text>
          </Space>
        )}
        {data && data.children.length > 0 && (
          <Space wrap size={[8, 8]}>
            <span>{t('forecast.quotas.children')}:</span>
            {data.children.map((c) => (
              <Tag key={c.id} color={c.explicit ? 'blue' : undefined}>
                {c.name} {formatMoney(c.effective)}
              </Tag>
            ))}
          </Space>
        )}
        <Table
          rowKey="userId"
          size="small"
          loading={quotas.isLoading}
          pagination={false}
          scroll={phone ? { x: 420 } : undefined}
          locale={{ emptyText: <Empty description={t('forecast.quotas.none')} /> }}
          dataSource={data?.members ?? []}
          columns={[
            { title: t('forecast.col.name'), dataIndex: 'name', width: 120 },
            ...(phone ? [] : [{ title: t('forecast.col.department'), dataIndex: 'departmentName', width: 160 }]),
            {
              title: t('forecast.quota'),
              key: 'quota',
              render: (_: unknown, m: NonNullable<typeof data>['members'][number]) =>
                m.editable
                  ? input(
                      draft[m.userId] ?? m.quota ?? '',
                      (v) => setDraft((d) => ({ ...d, [m.userId]: v })),
                      `quota-${m.name}`,
                    )
                  : formatMoney(m.quota),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
