import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { listCustomerContacts } from '../customers/related-api.ts';
import { type BusinessType, type Opportunity, useCompetitors, useSaveOpportunity } from './api.ts';
import './messages.ts';

interface Values {
  name: string;
  customerId: string;
  contactId?: string | null;
  typeId: string;
  stageId: string;
  amount: string;
  expectedCloseDate: Dayjs;
  competitorIds: string[];
  lossReason?: string | null;
  notes?: string | null;
}

/** Create or edit an opportunity in a drawer (full width on phones). */
export function OpportunityDrawer({
  open,
  record,
  types,
  defaultTypeId,
  onClose,
}: {
  open: boolean;
  record: Opportunity | null;
  types: BusinessType[];
  defaultTypeId?: string;
  onClose: () => void;
}) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveOpportunity();
  const competitors = useCompetitors(open);
  const customerId = Form.useWatch('customerId', form);
  const typeId = Form.useWatch('typeId', form);
  const stageId = Form.useWatch('stageId', form);
  const type = types.find((x) => x.id === typeId);
  const stage = type?.stages.find((s) => s.id === stageId);
  const contacts = useQuery({
    queryKey: ['opportunities', 'contacts-of', customerId],
    queryFn: () => listCustomerContacts(customerId),
    enabled: open && Boolean(customerId),
    retry: false,
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) {
      form.setFieldsValue({
        name: record.name,
        customerId: record.customerId,
        contactId: record.contactId,
        typeId: record.typeId,
        stageId: record.stageId,
        amount: record.amount,
        expectedCloseDate: dayjs(record.expectedCloseDate),
        competitorIds: record.competitors.map((c) => c.id),
        lossReason: record.lossReason,
        notes: record.notes,
      });
    } else {
      const first = types.find((x) => x.id === defaultTypeId) ?? types[0];
      form.setFieldsValue({
        typeId: first?.id,
        stageId: first?.stages[0]?.id,
        competitorIds: [],
        expectedCloseDate: dayjs().add(1, 'month'),
      });
    }
  }, [open, record, types, defaultTypeId, form]);

  const submit = (v: Values) => {
    const body = {
      ...v,
      contactId: v.contactId ?? null,
      expectedCloseDate: v.expectedCloseDate.format('YYYY-MM-DD'),
      lossReason: stage?.kind === 'lost' ? (v.lossReason ?? null) : null,
    };
    save.mutate(
      { id: record?.id, body },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e)) message.error(e.message);
        },
      },
    );
  };

  const competitorOptions = (competitors.data?.pages ?? []).flatMap((p) =>
    p.items.map((c) => ({ value: c.id, label: c.name })),
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={record ? t('opportunities.edit') : t('opportunities.create')}
      size={isPhone ? '100%' : 520}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="name" label={t('opportunities.field.name')} rules={[{ required: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="customerId" label={t('opportunities.field.customer')} rules={[{ required: true }]}>
          <CustomerPicker
            placeholder={t('common.search')}
            onChange={(v) => form.setFieldsValue({ customerId: v, contactId: null })}
            labelRender={(p) => p.label ?? (p.value === record?.customerId ? record?.customerName : p.value)}
          />
        </Form.Item>
        <Form.Item name="contactId" label={t('opportunities.field.contact')}>
          <Select
            allowClear
            disabled={!customerId}
            loading={contacts.isFetching}
            options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Flex gap={12} wrap={isPhone}>
          <Form.Item
            name="typeId"
            label={t('opportunities.type')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 180 }}
          >
            <Select
              options={types.map((x) => ({ value: x.id, label: x.name }))}
              onChange={(v) => form.setFieldsValue({ stageId: types.find((x) => x.id === v)?.stages[0]?.id })}
            />
          </Form.Item>
          <Form.Item
            name="stageId"
            label={t('opportunities.field.stage')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 180 }}
          >
            <Select
              options={(type?.stages ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.probability}%）` }))}
            />
          </Form.Item>
        </Flex>
        {stage?.kind === 'lost' && (
          <Form.Item name="lossReason" label={t('opportunities.field.lossReason')} rules={[{ required: true }]}>
            {type?.lossReasons.length ? (
              <Select options={type.lossReasons.map((r) => ({ value: r, label: r }))} />
            ) : (
              <Input maxLength={200} />
            )}
          </Form.Item>
        )}
        <Flex gap={12} wrap={isPhone}>
          <Form.Item
            name="amount"
            label={t('opportunities.field.amount')}
            rules={[
              { required: true },
              { pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('opportunities.field.amount') },
            ]}
            style={{ flex: 1, minWidth: 180 }}
          >
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item
            name="expectedCloseDate"
            label={t('opportunities.field.expectedCloseDate')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 180 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="competitorIds" label={t('opportunities.field.competitors')}>
          <Select mode="multiple" allowClear options={competitorOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="notes" label={t('opportunities.field.notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
