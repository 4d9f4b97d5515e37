import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Skeleton,
  Spin,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, isApiError, type Page } from '../../ui/api.ts';
import { applyFieldErrors, errorMessage } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { listCustomerContacts } from '../customers/related-api.ts';
import { listProducts, type Product, productPath } from '../products/api.ts';
import { type LineInput, type QuoteInput, useQuote, useQuoteSettings, useSaveQuote } from './api.ts';
import './messages.ts';
import { formatMoney, liveTotals } from './money.ts';

interface EditLine extends LineInput {
  key: string;
  productName?: string;
}

interface HeaderValues {
  customerId?: string;
  contactId?: string | null;
  opportunityId?: string | null;
  title?: string;
  validUntil?: Dayjs;
  extraDiscount?: string;
  notes?: string;
  terms?: string;
}

let keySeq = 0;
const newKey = () => `l${++keySeq}`;

/** The product's units, base first, with the list price of each (its own, or base × factor). */
function unitsOf(p: Product | undefined): { name: string; price: string | null }[] {
  if (!p) return [];
  return [{ name: p.baseUnit, price: p.price }, ...p.units.map((u) => ({ name: u.name, price: u.effectivePrice }))];
}

function useProduct(id: string | undefined) {
  return useQuery({
    queryKey: ['products', 'one', id],
    queryFn: () => api<Product>(productPath(id!)),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

/** Search active products by name or code. */
function ProductPicker({
  value,
  label,
  onPick,
  status,
}: {
  value?: string;
  label?: string;
  onPick: (p: Product) => void;
  status?: 'error';
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useQuery({
    queryKey: ['products', 'pick', q],
    queryFn: () => listProducts({ q: q || undefined, status: 'active', limit: 20 }),
    staleTime: 15_000,
  });
  const items = query.data?.items ?? [];
  const options = items.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: label ?? value });
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      options={options}
      status={status}
      placeholder={t('quotes.line.product')}
      style={{ width: '100%', minWidth: 180 }}
      notFoundContent={query.isFetching ? <Spin size="small" /> : undefined}
      onChange={(id) => {
        const p = items.find((x) => x.id === id);
        if (p) onPick(p);
      }}
      aria-label={t('quotes.line.product')}
    />
  );
}

function UnitSelect({
  line,
  onChange,
  status,
}: {
  line: EditLine;
  onChange: (unit: string, price: string | null) => void;
  status?: 'error';
}) {
  const product = useProduct(line.productId || undefined);
  const units = unitsOf(product.data);
  return (
    <Select
      value={line.unit || undefined}
      status={status}
      style={{ width: 80 }}
      options={units.map((u) => ({ value: u.name, label: u.name }))}
      onChange={(u) => onChange(u, units.find((x) => x.name === u)?.price ?? null)}
      aria-label="unit"
    />
  );
}

/** 新建 / 编辑报价: header fields, an editable lines table and live totals (the server's are what is saved). */
export function QuoteEditorPage() {
  const t = useT();
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<HeaderValues>();
  const existing = useQuote(id);
  const settings = useQuoteSettings();
  const save = useSaveQuote();
  const [lines, setLines] = useState<EditLine[]>([]);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [loaded, setLoaded] = useState(!id);
  const customerId = Form.useWatch('customerId', form);
  const extraDiscount = Form.useWatch('extraDiscount', form);

  useEffect(() => {
    if (!id) {
      form.setFieldsValue({
        customerId: search.get('customerId') ?? undefined,
        opportunityId: search.get('opportunityId') ?? undefined,
        validUntil: dayjs().add(30, 'day'),
        extraDiscount: '0',
      });
      return;
    }
    const q = existing.data;
    if (!q || loaded) return;
    form.setFieldsValue({
      customerId: q.customerId,
      contactId: q.contactId,
      opportunityId: q.opportunityId,
      title: q.title ?? undefined,
      validUntil: dayjs(q.validUntil),
      extraDiscount: q.extraDiscount,
      notes: q.notes ?? undefined,
      terms: q.terms ?? undefined,
    });
    setLines(
      q.lines.map((l) => ({
        key: newKey(),
        productId: l.productId,
        productName: `${l.productName}（${l.productCode}）`,
        unit: l.unit,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountRate: l.discountRate,
        taxRate: l.taxRate,
      })),
    );
    setLoaded(true);
  }, [id, existing.data, loaded, form, search]);

  useEffect(() => {
    if (!id && settings.data?.defaultTerms && !form.getFieldValue('terms')) {
      form.setFieldsValue({ terms: settings.data.defaultTerms });
    }
  }, [id, settings.data, form]);

  const contacts = useQuery({
    queryKey: ['quotes', 'contacts-of', customerId],
    queryFn: () => listCustomerContacts(customerId!),
    enabled: Boolean(customerId),
  });
  const opportunities = useQuery({
    queryKey: ['quotes', 'opportunities-of', customerId],
    queryFn: () =>
      api<Page<{ id: string; name: string }>>('/api/v1/opportunities', { query: { customerId, limit: 100 } }),
    enabled: Boolean(customerId),
  });

  const totals = useMemo(
    () =>
      liveTotals(
        lines.filter((l) => l.productId && l.unit).map((l) => ({ ...l, unitPrice: l.unitPrice ?? '' })),
        String(extraDiscount ?? '0'),
      ),
    [lines, extraDiscount],
  );
  const threshold = Number(settings.data?.discountThreshold ?? '20');
  const overThreshold = lines.some((l) => Number(l.discountRate) > threshold);

  const update = (key: string, patch: Partial<EditLine>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const errorAt = (i: number, field: string) => lineErrors[`lines.${i}.${field}`];
  const cell = (i: number, field: string, node: React.ReactNode) => (
    <div>
      {node}
      {errorAt(i, field) && (
        <Typography.Text type="danger" style={{ fontSize: 12, display: 'block', maxWidth: 200 }}>
          {errorAt(i, field)}
        </Typography.Text>
      )}
    </div>
  );

  const submit = async () => {
    const v = await form.validateFields();
    setLineErrors({});
    const body: QuoteInput = {
      customerId: v.customerId,
      contactId: v.contactId ?? null,
      opportunityId: v.opportunityId ?? null,
      title: v.title || null,
      validUntil: v.validUntil?.format('YYYY-MM-DD'),
      extraDiscount: String(v.extraDiscount || '0'),
      notes: v.notes || null,
      terms: v.terms || null,
      lines: lines.map(({ productId, unit, quantity, unitPrice, discountRate, taxRate }) => ({
        productId,
        unit,
        quantity,
        ...(unitPrice ? { unitPrice } : {}),
        discountRate: discountRate || '0',
        taxRate: taxRate || '0',
      })),
    };
    try {
      const saved = await save.mutateAsync({ id, body });
      message.success(t('common.saved'));
      navigate(`/quotes/${saved.id}`);
    } catch (e) {
      if (isApiError(e)) {
        setLineErrors(Object.fromEntries(Object.entries(e.fields).filter(([k]) => k.startsWith('lines.'))));
        const marked = applyFieldErrors(form, e);
        if (!marked) message.error(e.message);
      } else message.error(errorMessage(e));
    }
  };

  if (id && existing.isError) return <Alert type="error" showIcon title={existing.error.message} />;
  if (id && !loaded) return <Skeleton active />;
  const locked = id && existing.data && existing.data.status !== 'draft';

  return (
    <>
      <PageHeader
        title={id ? `${t('quotes.edit')} ${existing.data?.number ?? ''}` : t('quotes.new')}
        extra={
          <>
            <Button onClick={() => navigate(id ? `/quotes/${id}` : '/quotes')}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={submit} loading={save.isPending} disabled={Boolean(locked)}>
              {t('common.save')}
            </Button>
          </>
        }
      />
      {locked && <Alert type="warning" showIcon title={t('quotes.locked')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={12} wrap>
            <Form.Item
              name="customerId"
              label={t('quotes.field.customer')}
              rules={[{ required: true }]}
              style={{ flex: '1 1 240px' }}
            >
              <CustomerPicker
                placeholder={t('common.search')}
                onChange={(v) => form.setFieldsValue({ customerId: v, contactId: null, opportunityId: null })}
                labelRender={(p) =>
                  p.label ?? (p.value === existing.data?.customerId ? existing.data?.customerName : p.value)
                }
              />
            </Form.Item>
            <Form.Item name="contactId" label={t('quotes.field.contact')} style={{ flex: '1 1 180px' }}>
              <Select
                allowClear
                disabled={!customerId}
                loading={contacts.isFetching}
                options={(contacts.data?.items ?? []).map((c) => ({
                  value: c.id,
                  label: c.email ? `${c.name} <${c.email}>` : c.name,
                }))}
              />
            </Form.Item>
            <Form.Item name="opportunityId" label={t('quotes.field.opportunity')} style={{ flex: '1 1 180px' }}>
              <Select
                allowClear
                disabled={!customerId}
                loading={opportunities.isFetching}
                options={(opportunities.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="title" label={t('quotes.field.title')} style={{ flex: '2 1 240px' }}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="validUntil"
              label={t('quotes.field.validUntil')}
              rules={[{ required: true }]}
              style={{ flex: '1 1 160px' }}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="extraDiscount" label={t('quotes.field.extraDiscount')} style={{ flex: '1 1 140px' }}>
              <Input prefix="¥" inputMode="decimal" />
            </Form.Item>
          </Flex>
        </Card>

        <Card size="small" title={t('quotes.lines')} style={{ marginBottom: 12 }}>
          <Table<EditLine>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={lines}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('quotes.no_lines') }}
            columns={[
              {
                title: t('quotes.line.product'),
                key: 'product',
                width: 240,
                render: (_, l, i) =>
                  cell(
                    i,
                    'productId',
                    <ProductPicker
                      value={l.productId || undefined}
                      label={l.productName}
                      status={errorAt(i, 'productId') ? 'error' : undefined}
                      onPick={(p) =>
                        update(l.key, {
                          productId: p.id,
                          productName: `${p.name}（${p.code}）`,
                          unit: p.baseUnit,
                          unitPrice: p.price ?? '',
                        })
                      }
                    />,
                  ),
              },
              {
                title: t('quotes.line.unit'),
                key: 'unit',
                render: (_, l, i) =>
                  cell(
                    i,
                    'unit',
                    <UnitSelect
                      line={l}
                      status={errorAt(i, 'unit') ? 'error' : undefined}
                      onChange={(unit, price) => update(l.key, { unit, unitPrice: price ?? l.unitPrice })}
                    />,
                  ),
              },
              ...(['quantity', 'unitPrice', 'discountRate', 'taxRate'] as const).map((field) => ({
                title: t(`quotes.line.${field}`),
                key: field,
                render: (_: unknown, l: EditLine, i: number) =>
                  cell(
                    i,
                    field,
                    <Input
                      value={l[field] ?? ''}
                      inputMode="decimal"
                      status={errorAt(i, field) ? 'error' : undefined}
                      style={{ width: field === 'unitPrice' || field === 'quantity' ? 100 : 70, textAlign: 'right' }}
                      onChange={(e) => update(l.key, { [field]: e.target.value.trim() })}
                      aria-label={`${field} ${i + 1}`}
                    />,
                  ),
              })),
              {
                title: t('quotes.totals.total'),
                key: 'amount',
                align: 'right' as const,
                render: (_, l) => {
                  const idx = lines.filter((x) => x.productId && x.unit).indexOf(l);
                  const lt = idx >= 0 ? totals?.lines[idx] : undefined;
                  return lt ? `¥${formatMoney(lt.total)}` : '—';
                },
              },
              {
                key: 'remove',
                render: (_, l) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                    onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                  />
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() =>
              setLines((ls) => [
                ...ls,
                {
                  key: newKey(),
                  productId: '',
                  unit: '',
                  quantity: '1',
                  unitPrice: '',
                  discountRate: '0',
                  taxRate: '13',
                },
              ])
            }
          >
            {t('quotes.line.add')}
          </Button>
        </Card>

        <Flex gap={12} wrap align="flex-start">
          <Card size="small" style={{ flex: '2 1 320px' }}>
            <Form.Item name="terms" label={t('quotes.field.terms')}>
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
            <Form.Item name="notes" label={t('quotes.field.notes')} style={{ marginBottom: 0 }}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Card>
          <Card size="small" style={{ flex: '1 1 260px' }} data-testid="live-totals">
            {overThreshold && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={t('quotes.needs_approval_hint', { threshold })}
              />
            )}
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 's', label: t('quotes.totals.subtotal'), children: `¥${formatMoney(totals?.subtotal)}` },
                { key: 'd', label: t('quotes.totals.discount'), children: `-¥${formatMoney(totals?.discountTotal)}` },
                { key: 'e', label: t('quotes.totals.exclTax'), children: `¥${formatMoney(totals?.amountExclTax)}` },
                { key: 't', label: t('quotes.totals.tax'), children: `¥${formatMoney(totals?.tax)}` },
                {
                  key: 'g',
                  label: <strong>{t('quotes.totals.total')}</strong>,
                  children: <strong>¥{formatMoney(totals?.total)}</strong>,
                },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('quotes.totals.preview')}
            </Typography.Text>
          </Card>
        </Flex>
      </Form>
      {isPhone && (
        <Button type="primary" block onClick={submit} loading={save.isPending} style={{ marginTop: 12 }}>
          {t('common.save')}
        </Button>
      )}
    </>
  );
}
