import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../ui/api.ts';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import {
  type Customer,
  type CustomerInput,
  createCustomer,
  DEAL_STATUSES,
  type DuplicateMatch,
  duplicateCheck,
  INDUSTRIES,
  LEVELS,
  SOURCES,
  STATUSES,
  updateCustomer,
  useCustomFields,
} from './api.ts';
import { CustomFieldInput } from './CustomFieldInput.tsx';
import { isValidCreditCode } from './credit-code.ts';
import { DuplicateAlert } from './DuplicateAlert.tsx';
import './messages.ts';

type Values = Omit<CustomerInput, 'nextContactAt'> & { nextContactAt?: Dayjs | null };

const DUP_KEYS = ['name', 'phone', 'email', 'creditCode'] as const;
const blank = (v: unknown) => (typeof v === 'string' ? v.trim() || null : v);
const options = (list: string[]) => list.map((v) => ({ value: v, label: v }));

/** New / edit customer: standard and custom fields, a live duplicate check, and the "create anyway" path. */
export function CustomerDrawer({
  open,
  customer,
  onClose,
}: {
  open: boolean;
  customer: Customer | null;
  onClose: () => void;
}) {
  const t = useT();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const fields = useCustomFields('customer');
  const [duplicates, setDuplicates] = useState<DuplicateMatch[]>([]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setDuplicates([]);
    if (customer)
      form.setFieldsValue({
        ...customer,
        nextContactAt: customer.nextContactAt ? dayjs(customer.nextContactAt) : null,
      } as Values);
  }, [open, customer, form]);

  const check = async () => {
    const v = form.getFieldsValue(DUP_KEYS as unknown as string[]) as Record<string, string | undefined>;
    const body = Object.fromEntries(DUP_KEYS.map((k) => [k, v[k]?.trim() || undefined]).filter(([, x]) => x));
    if (!Object.keys(body).length) return setDuplicates([]);
    try {
      const res = await duplicateCheck({ ...body, excludeId: customer?.id });
      setDuplicates(res.items);
    } catch {
      // The check is advisory; the create still refuses real duplicates with a 409.
    }
  };

  const toBody = (v: Values): CustomerInput => {
    const body: CustomerInput = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'nextContactAt' || k === 'custom') continue;
      (body as Record<string, unknown>)[k] = blank(x);
    }
    body.tags = v.tags ?? [];
    body.isKey = Boolean(v.isKey);
    body.nextContactAt = v.nextContactAt ? v.nextContactAt.toISOString() : null;
    if (v.custom) body.custom = Object.fromEntries(Object.entries(v.custom).filter(([, x]) => x !== undefined));
    // The owner changes through transfer once the customer exists; on create an empty owner means "me".
    if (!body.ownerId || body.ownerId === customer?.ownerId) delete body.ownerId;
    if (!body.dealStatus) delete body.dealStatus;
    if (body.creditCode) body.creditCode = String(body.creditCode).toUpperCase();
    return body;
  };

  const save = useMutation({
    mutationFn: (body: CustomerInput) => (customer ? updateCustomer(customer.id, body) : createCustomer(body)),
    onSuccess: (saved) => {
      message.success(customer ? t('common.saved') : t('customers.created'));
      client.invalidateQueries({ queryKey: ['customers'] });
      client.invalidateQueries({ queryKey: ['history'] });
      onClose();
      if (!customer) navigate(`/customers/${saved.id}`);
    },
    onError: (e, body) => {
      if (isApiError(e) && e.code === 'customers.duplicate') {
        const found = (e.data.duplicates as DuplicateMatch[] | undefined) ?? [];
        setDuplicates(found);
        modal.confirm({
          title: t('customers.dup.confirm_title'),
          content: <DuplicateAlert matches={found} />,
          okText: t('customers.dup.force'),
          cancelText: t('common.cancel'),
          width: 520,
          onOk: () => save.mutateAsync({ ...body, force: true }).catch(() => undefined),
        });
        return;
      }
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });

  const span = isPhone ? 24 : 12;
  const customFields = fields.data ?? [];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={customer ? t('customers.edit_title', { name: customer.name }) : t('customers.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <DuplicateAlert matches={duplicates} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'enterprise', isKey: false, dealStatus: 'none', tags: [] }}
        onFinish={(v) => save.mutate(toBody(v))}
        data-testid="customer-form"
      >
        <Form.Item name="kind" label={t('customers.field.kind')}>
          <Segmented
            options={[
              { value: 'enterprise', label: t('customers.kind.enterprise') },
              { value: 'individual', label: t('customers.kind.individual') },
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={span}>
            <Form.Item
              name="name"
              label={t('customers.field.name')}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input maxLength={200} onBlur={check} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="shortName" label={t('customers.field.shortName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {kind !== 'individual' && (
            <Col span={span}>
              <Form.Item
                name="creditCode"
                label={t('customers.field.creditCode')}
                rules={[
                  {
                    validator: (_, v?: string) =>
                      !v?.trim() || isValidCreditCode(v)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('customers.credit_code_invalid'))),
                  },
                ]}
              >
                <Input maxLength={18} onBlur={check} style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
          )}
          <Col span={span}>
            <Form.Item name="industry" label={t('customers.field.industry')}>
              <Select allowClear showSearch options={options(INDUSTRIES)} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="level" label={t('customers.field.level')}>
              <Select allowClear options={options(LEVELS)} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="source" label={t('customers.field.source')}>
              <Select allowClear options={options(SOURCES)} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="status" label={t('customers.field.status')}>
              <Select allowClear options={options(STATUSES)} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="dealStatus" label={t('customers.field.dealStatus')}>
              <Select options={DEAL_STATUSES.map((d) => ({ value: d, label: t(`customers.deal.${d}`) }))} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 24 : 16}>
            <Form.Item name="tags" label={t('customers.field.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="ownerId" label={t('customers.field.owner')}>
              <EmployeeSelect currentLabel={customer?.ownerName} placeholder={t('customers.field.owner')} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 14 : 8}>
            <Form.Item name="nextContactAt" label={t('customers.field.nextContactAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 10 : 4}>
            <Form.Item name="isKey" label={t('customers.field.isKey')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('customers.section.contact')}
        </Divider>
        <Row gutter={16}>
          <Col span={span}>
            <Form.Item name="phone" label={t('customers.field.phone')}>
              <Input inputMode="tel" maxLength={40} onBlur={check} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="email" label={t('customers.field.email')} rules={[{ type: 'email' }]}>
              <Input inputMode="email" maxLength={200} onBlur={check} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="website" label={t('customers.field.website')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="province" label={t('customers.field.province')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="city" label={t('customers.field.city')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="district" label={t('customers.field.district')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="street" label={t('customers.field.street')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="latitude" label={t('customers.field.latitude')}>
              <Input inputMode="decimal" maxLength={12} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="longitude" label={t('customers.field.longitude')}>
              <Input inputMode="decimal" maxLength={12} />
            </Form.Item>
          </Col>
        </Row>
        {customFields.length > 0 && (
          <>
            <Divider titlePlacement="start" plain>
              {t('customers.section.custom')}
            </Divider>
            <Row gutter={16}>
              {customFields.map((f) => (
                <Col span={span} key={f.key}>
                  <Form.Item name={['custom', f.key]} label={f.label} rules={[{ required: f.required }]}>
                    <CustomFieldInput field={f} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        )}
      </Form>
    </Drawer>
  );
}
