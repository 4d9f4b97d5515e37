import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, isApiError, type Page } from '../../ui/api.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { type ConvertInput, convertLead, type Lead, useConversionSteps, useInvalidateLeads } from './api.ts';
import './messages.ts';

interface Values {
  customerMode: 'new' | 'existing';
  customerName?: string;
  customerId?: string;
  contactMode: 'new' | 'existing' | 'none';
  contactId?: string;
  opportunity?: boolean;
  opportunityAmount?: string;
  opportunityCloseDate?: string;
}

/** 转化: to a new or an existing customer, with a contact, and (once opportunities exist) an opportunity. */
export function ConvertModal({ lead, onClose }: { lead: Lead | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateLeads();
  const [form] = Form.useForm<Values>();
  const customerMode = Form.useWatch('customerMode', form);
  const customerId = Form.useWatch('customerId', form);
  const contactMode = Form.useWatch('contactMode', form);
  const withOpportunity = Form.useWatch('opportunity', form);
  const [error, setError] = useState<string | null>(null);
  const steps = useConversionSteps();
  const hasOpportunity = steps.data?.items.includes('opportunity') ?? false;
  const contacts = useQuery({
    queryKey: ['customers', customerId, 'contacts', 'pick'],
    queryFn: () =>
      api<Page<{ id: string; name: string; title: string | null }>>(`/api/v1/customers/${customerId}/contacts`, {
        query: { limit: 50 },
      }),
    enabled: customerMode === 'existing' && Boolean(customerId),
  });

  const toBody = (v: Values, force = false): ConvertInput => ({
    customer:
      v.customerMode === 'new'
        ? { mode: 'new', name: v.customerName?.trim() || undefined, force }
        : { mode: 'existing', customerId: v.customerId ?? '' },
    contact:
      v.contactMode === 'existing'
        ? { mode: 'existing', contactId: v.contactId ?? '' }
        : v.contactMode === 'new'
          ? { mode: 'new' }
          : { mode: 'none' },
    // Name, business type and stage default on the server (the company name, the first type, its first stage).
    steps:
      v.opportunity && hasOpportunity
        ? {
            opportunity: {
              amount: v.opportunityAmount?.trim() || undefined,
              expectedCloseDate: v.opportunityCloseDate || undefined,
            },
          }
        : {},
  });

  const convert = useMutation({
    mutationFn: (body: ConvertInput) => convertLead(lead?.id ?? '', body),
    onSuccess: (res) => {
      message.success(t('leads.convert.done'));
      invalidate();
      onClose();
      navigate(`/customers/${res.customerId}`);
    },
    onError: (e, body) => {
      const asked = body.customer;
      if (isApiError(e) && e.code === 'customers.duplicate' && asked.mode === 'new') {
        const names = [...new Set(((e.data.duplicates as { name: string }[] | undefined) ?? []).map((d) => d.name))];
        modal.confirm({
          title: t('leads.dup.confirm_title'),
          content: (
            <>
              <Typography.Paragraph>{t('leads.convert.dup')}</Typography.Paragraph>
              <ul>
                {names.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          ),
          okText: t('leads.dup.force'),
          cancelText: t('common.cancel'),
          onOk: () => convert.mutateAsync({ ...body, customer: { ...asked, force: true } }).catch(() => undefined),
        });
        return;
      }
      const fields = isApiError(e) ? Object.values(e.fields) : [];
      setError([e.message, ...fields].join('：'));
    },
  });

  return (
    <Modal
      open={lead !== null}
      title={lead ? t('leads.convert_title', { name: lead.companyName }) : ''}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => convert.mutate(toBody(v)))}
      okText={t('leads.convert')}
      confirmLoading={convert.isPending}
      width={isPhone ? '100%' : 560}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          customerMode: 'new',
          customerName: lead?.companyName,
          contactMode: lead?.contactName ? 'new' : 'none',
          opportunity: false,
        }}
        data-testid="lead-convert-form"
      >
        <Form.Item name="customerMode" label={t('leads.convert.customer')}>
          <Radio.Group
            options={[
              { value: 'new', label: t('leads.convert.new_customer') },
              { value: 'existing', label: t('leads.convert.existing_customer') },
            ]}
            onChange={() => form.setFieldsValue({ contactId: undefined })}
          />
        </Form.Item>
        {customerMode === 'existing' ? (
          <Form.Item name="customerId" rules={[{ required: true, message: t('leads.convert.pick_customer') }]}>
            <CustomerPicker placeholder={t('leads.convert.pick_customer')} />
          </Form.Item>
        ) : (
          <Form.Item name="customerName" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="contactMode" label={t('leads.convert.contact')}>
          <Radio.Group
            options={[
              { value: 'new', label: t('leads.convert.new_contact'), disabled: !lead?.contactName },
              { value: 'existing', label: t('leads.convert.existing_contact'), disabled: customerMode !== 'existing' },
              { value: 'none', label: t('leads.convert.no_contact') },
            ]}
          />
        </Form.Item>
        {contactMode === 'new' && lead?.contactName && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {[lead.contactName, lead.title, lead.mobile, lead.email].filter(Boolean).join(' · ')}
          </Typography.Paragraph>
        )}
        {contactMode === 'existing' && customerMode === 'existing' && (
          <Form.Item name="contactId" rules={[{ required: true }]}>
            <Select
              loading={contacts.isFetching}
              options={(contacts.data?.items ?? []).map((c) => ({
                value: c.id,
                label: [c.name, c.title].filter(Boolean).join(' · '),
              }))}
            />
          </Form.Item>
        )}
        <Space>
          <Tooltip title={hasOpportunity ? undefined : t('leads.convert.opportunity_soon')}>
            <Form.Item name="opportunity" valuePropName="checked" noStyle>
              <Switch disabled={!hasOpportunity} data-testid="convert-opportunity" />
            </Form.Item>
          </Tooltip>
          <Typography.Text type={hasOpportunity ? undefined : 'secondary'}>
            {t('leads.convert.opportunity')}
          </Typography.Text>
        </Space>
        {withOpportunity && hasOpportunity && (
          <Space wrap style={{ marginTop: 12 }}>
            <Form.Item
              name="opportunityAmount"
              label={t('leads.convert.opportunity_amount')}
              style={{ marginBottom: 0 }}
            >
              <Input inputMode="decimal" placeholder="0.00" data-testid="convert-opportunity-amount" />
            </Form.Item>
            <Form.Item
              name="opportunityCloseDate"
              label={t('leads.convert.opportunity_close')}
              style={{ marginBottom: 0 }}
            >
              <Input type="date" data-testid="convert-opportunity-close" />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
