import { Button, DatePicker, Drawer, Flex, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { type CustomerFilter, DEAL_STATUSES, INDUSTRIES, LEVELS, SOURCES, STATUSES, useCustomFields } from './api.ts';
import { CustomFieldInput } from './CustomFieldInput.tsx';

type Values = Omit<CustomerFilter, 'createdFrom' | 'createdTo' | 'isKey'> & {
  created?: [Dayjs | null, Dayjs | null] | null;
  isKey?: 'yes' | 'no';
};

const opts = (list: string[]) => list.map((v) => ({ value: v, label: v }));

/** Every standard field and every custom field of customers as a filter. */
export function CustomerFilterDrawer({
  open,
  value,
  onClose,
  onApply,
}: {
  open: boolean;
  value: CustomerFilter;
  onClose: () => void;
  onApply: (filter: CustomerFilter) => void;
}) {
  const t = useT();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const fields = useCustomFields('customer');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      ...value,
      isKey: value.isKey === undefined ? undefined : value.isKey ? 'yes' : 'no',
      created:
        value.createdFrom || value.createdTo
          ? [value.createdFrom ? dayjs(value.createdFrom) : null, value.createdTo ? dayjs(value.createdTo) : null]
          : null,
    });
  }, [open, value, form]);

  const apply = (v: Values) => {
    const { created, isKey, custom, q: _q, ...rest } = v;
    const out: CustomerFilter = { q: value.q };
    for (const [k, x] of Object.entries(rest))
      if (x !== undefined && x !== null && x !== '') (out as Record<string, unknown>)[k] = x;
    if (isKey) out.isKey = isKey === 'yes';
    if (created?.[0]) out.createdFrom = created[0].format('YYYY-MM-DD');
    if (created?.[1]) out.createdTo = created[1].format('YYYY-MM-DD');
    const c = Object.fromEntries(
      Object.entries(custom ?? {})
        .filter(([, x]) => x !== undefined && x !== null && x !== '')
        .map(([k, x]) => [k, String(x)]),
    );
    if (Object.keys(c).length) out.custom = c;
    onApply(out);
    onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('customers.filter_title')}
      size={isPhone ? '100%' : 420}
      extra={
        <Space>
          <Button
            onClick={() => {
              onApply({ q: value.q });
              onClose();
            }}
          >
            {t('customers.filter_reset')}
          </Button>
          <Button type="primary" onClick={() => form.submit()} data-testid="filter-apply">
            {t('customers.filter_apply')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={apply} data-testid="customer-filter">
        <Form.Item name="kind" label={t('customers.field.kind')}>
          <Select
            allowClear
            options={[
              { value: 'enterprise', label: t('customers.kind.enterprise') },
              { value: 'individual', label: t('customers.kind.individual') },
            ]}
          />
        </Form.Item>
        <Form.Item name="level" label={t('customers.field.level')}>
          <Select allowClear options={opts(LEVELS)} />
        </Form.Item>
        <Form.Item name="source" label={t('customers.field.source')}>
          <Select allowClear options={opts(SOURCES)} />
        </Form.Item>
        <Form.Item name="status" label={t('customers.field.status')}>
          <Select allowClear options={opts(STATUSES)} />
        </Form.Item>
        <Form.Item name="industry" label={t('customers.field.industry')}>
          <Select allowClear options={opts(INDUSTRIES)} />
        </Form.Item>
        <Form.Item name="tag" label={t('customers.field.tags')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="ownerId" label={t('customers.field.owner')}>
          <EmployeeSelect />
        </Form.Item>
        <Form.Item name="departmentId" label={t('customers.field.department')}>
          <DepartmentTreeSelect allowClear />
        </Form.Item>
        <Form.Item name="isKey" label={t('customers.field.isKey')}>
          <Select
            allowClear
            options={[
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
            ]}
          />
        </Form.Item>
        <Form.Item name="dealStatus" label={t('customers.field.dealStatus')}>
          <Select allowClear options={DEAL_STATUSES.map((d) => ({ value: d, label: t(`customers.deal.${d}`) }))} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="province" label={t('customers.field.province')} style={{ flex: 1 }}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="city" label={t('customers.field.city')} style={{ flex: 1 }}>
            <Input allowClear />
          </Form.Item>
        </Flex>
        <Form.Item name="created" label={t('customers.field.created_range')}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
        </Form.Item>
        {(fields.data ?? []).map((f) => (
          <Form.Item key={f.key} name={['custom', f.key]} label={f.label}>
            <CustomFieldInput field={f} mode="filter" />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
