import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../ui/form-errors.ts';
import { useI18n } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import {
  type Figures,
  type Forecast,
  formatMoney,
  quarterKeyLabel,
  shiftQuarterKey,
  useForecast,
  useForecastOptions,
  useTrend,
} from './api.ts';
import { QuotaEditor } from './QuotaEditor.tsx';
import { TrendChart } from './TrendChart.tsx';
import './messages.ts';

const percent = (a: string | null) => (a == null ? 0 : Math.min(100, Number(a)));

/** 销售预测: a quarter's quota, closed, attainment, expected and best case for me, a department or the company. */
export function ForecastPage() {
  const { t, lang } = useI18n();
  const phone = useIsPhone();
  const options = useForecastOptions();
  const [params, setParams] = useSearchParams();
  const current = options.data?.currentQuarter.key;
  const quarter = params.get('quarter') ?? current;
  // By default the widest figure the actor may see: the company, else their first department tree, else their own.
  const defaultScope = options.data?.company
    ? 'company'
    : options.data?.departments[0]
      ? `department:${options.data.departments[0].id}`
      : 'me';
  const scope = params.get('scope') ?? defaultScope;
  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        p.set(k, v);
        return p;
      },
      { replace: true },
    );

  const forecast = useForecast(quarter, scope, Boolean(quarter && options.data));
  const trend = useTrend(quarter, scope, Boolean(options.data));

  const quarterOptions = useMemo(() => {
    if (!current) return [];
    return [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3].map((n) => {
      const key = shiftQuarterKey(current, n);
      return { value: key, label: quarterKeyLabel(key, lang) };
    });
  }, [current, lang]);

  const scopeOptions = useMemo(() => {
    const o = options.data;
    if (!o) return [];
    const depth = (id: string) => {
      let n = 0;
      let at = o.departments.find((d) => d.id === id)?.parentId;
      while (at && n < 20) {
        n++;
        at = o.departments.find((d) => d.id === at)?.parentId;
      }
      return n;
    };
    return [
      { value: 'me', label: t('forecast.scope.me') },
      ...(o.company ? [{ value: 'company', label: t('forecast.scope.company') }] : []),
      ...o.departments.map((d) => ({ value: `department:${d.id}`, label: `${'　'.repeat(depth(d.id))}${d.name}` })),
    ];
  }, [options.data, t]);

  const canEdit = options.data && (options.data.canSetQuotas || options.data.canSetDepartmentQuotas);

  const figuresView = (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {forecast.error && <Alert type="error" showIcon title={errorMessage(forecast.error)} />}
      {forecast.data ? <Kpis data={forecast.data} /> : forecast.isLoading && <Spin />}
      <Card title={t('forecast.trend')} size="small">
        {trend.data ? <TrendChart trend={trend.data} height={phone ? 240 : 300} /> : <Spin />}
      </Card>
      {forecast.data && forecast.data.scope.kind !== 'me' && (
        <Card title={t('forecast.people')} size="small">
          <PeopleTable data={forecast.data} phone={phone} />
        </Card>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader
        title={t('forecast.title')}
        subtitle={t('forecast.subtitle')}
        extra={
          <Space wrap>
            <Select
              aria-label={t('forecast.quarter')}
              style={{ width: 150 }}
              value={quarter}
              options={quarterOptions}
              onChange={(v) => set('quarter', v)}
              data-testid="forecast-quarter"
            />
            <Select
              aria-label={t('forecast.scope')}
              style={{ minWidth: 160 }}
              value={scope}
              options={scopeOptions}
              onChange={(v) => set('scope', v)}
              data-testid="forecast-scope"
            />
          </Space>
        }
      />
      {options.error && <Alert type="error" showIcon title={errorMessage(options.error)} />}
      {canEdit && quarter && options.data ? (
        <Tabs
          items={[
            { key: 'figures', label: t('forecast.title'), children: figuresView },
            {
              key: 'quotas',
              label: t('forecast.quotas'),
              children: (
                <QuotaEditor
                  key={`${quarter}|${scope}`}
                  quarter={quarter}
                  options={options.data}
                  initialDepartmentId={scope.startsWith('department:') ? scope.slice('department:'.length) : undefined}
                />
              ),
            },
          ]}
        />
      ) : (
        figuresView
      )}
    </Space>
  );
}

function Kpis({ data }: { data: Forecast }) {
  const { t } = useI18n();
  const f = data.totals;
  const card = (key: string, title: string, value: string | null, footer?: string) => (
    <Col xs={12} sm={12} md={8} lg={5} key={key}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={formatMoney(value)} styles={{ content: { fontSize: 20 } }} />
        {footer && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {footer}
          </Typography.Text>
        )}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} data-testid="forecast-kpis">
      {card(
        'quota',
        t('forecast.quota'),
        f.quota,
        f.quota === null
          ? t('forecast.no_quota')
          : f.quotaRolledUp && f.quotaRolledUp !== f.quota
            ? t('forecast.rolled_up', { amount: formatMoney(f.quotaRolledUp) })
            : undefined,
      )}
      {card('closed', t('forecast.closed'), f.closed, t('forecast.closed_count', { count: f.closedCount }))}
      <Col xs={24} sm={12} md={8} lg={4}>
        <Card size="small" style={{ height: '100%', textAlign: 'center' }}>
          <Typography.Text type="secondary">{t('forecast.attainment')}</Typography.Text>
          <div style={{ marginTop: 4 }} data-testid="forecast-attainment">
            <Progress
              type="circle"
              size={84}
              percent={percent(f.attainment)}
              format={() => (f.attainment == null ? '—' : `${f.attainment}%`)}
              status={f.attainment != null && Number(f.attainment) >= 100 ? 'success' : 'normal'}
            />
          </div>
        </Card>
      </Col>
      {card(
        'expected',
        t('forecast.expected'),
        f.expected,
        t('forecast.pipeline_count', { count: f.pipelineCount, amount: formatMoney(f.pipelineAmount) }),
      )}
      {card('best', t('forecast.best'), f.best)}
    </Row>
  );
}

function PeopleTable({ data, phone }: { data: Forecast; phone: boolean }) {
  const { t } = useI18n();
  type Row = Forecast['people'][number];
  const money = (key: keyof Figures) => ({
    title: t(`forecast.${key}`),
    dataIndex: key,
    align: 'right' as const,
    render: (v: string | null) => formatMoney(v),
    sorter: (a: Row, b: Row) => Number(a[key] ?? -1) - Number(b[key] ?? -1),
  });
  return (
    <Table<Row>
      rowKey="userId"
      size="small"
      pagination={false}
      scroll={{ x: phone ? 640 : undefined }}
      dataSource={data.people}
      locale={{ emptyText: <Empty description={t('forecast.empty')} /> }}
      columns={[
        {
          title: t('forecast.col.name'),
          dataIndex: 'name',
          fixed: phone ? 'left' : undefined,
          render: (name: string, r) => (
            <span>
              {name} {!r.active && <Tag>{t('forecast.disabled')}</Tag>}
            </span>
          ),
        },
        ...(phone ? [] : [{ title: t('forecast.col.department'), dataIndex: 'departmentName' }]),
        money('quota'),
        money('closed'),
        {
          title: t('forecast.attainment'),
          dataIndex: 'attainment',
          align: 'right' as const,
          render: (v: string | null) => (v == null ? '—' : `${v}%`),
          sorter: (a: Row, b: Row) => Number(a.attainment ?? -1) - Number(b.attainment ?? -1),
        },
        money('expected'),
        money('best'),
      ]}
    />
  );
}
