import { useMutation } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../ui/api.ts';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import {
  createLead,
  duplicateCheck,
  LEAD_SOURCES,
  type Lead,
  type LeadDuplicates,
  type LeadInput,
  updateLead,
  useInvalidateLeads,
} from './api.ts';
import { LeadDuplicateAlert } from './LeadDuplicateAlert.tsx';
import './messages.ts';

type Values = Omit<LeadInput, 'nextContactAt'> & { nextContactAt?: Dayjs | null; toPool?: boolean };
const DUP_KEYS = ['companyName', 'phone', 'mobile', 'email'] as const;
const blank = (v: unknown) => (typeof v === 'string' ? v.trim() || null : v);

/** New / edit lead, with the duplicate check (leads and customers) while typing and the "仍然创建" path. */
export function LeadDrawer({ open, lead, onClose }: { open: boolean; lead: Lead | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateLeads();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const [duplicates, setDuplicates] = useState<LeadDuplicates | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setDuplicates(null);
    if (lead)
      form.setFieldsValue({
        ...lead,
        status: lead.status === 'converted' ? undefined : lead.status,
        nextContactAt: lead.nextContactAt ? dayjs(lead.nextContactAt) : null,
      } as Values);
  }, [open, lead, form]);

  /** Debounced while typing: the check is advisory, the save still answers 409 on real duplicates. */
  const check = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const v = form.getFieldsValue([...DUP_KEYS]) as Record<string, string | undefined>;
      const query = Object.fromEntries(DUP_KEYS.map((k) => [k, v[k]?.trim() || undefined]).filter(([, x]) => x));
      if (!Object.keys(query).length) return setDuplicates(null);
      try {
        setDuplicates(await duplicateCheck({ ...query, excludeId: lead?.id }));
      } catch {}
    }, 400);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const toBody = (v: Values): LeadInput => {
    const body: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'nextContactAt' && k !== 'toPool') body[k] = blank(x);
    body.nextContactAt = v.nextContactAt ? v.nextContactAt.toISOString() : null;
    if (lead) delete body.ownerId;
    else if (v.toPool) body.ownerId = null;
    else if (!body.ownerId) delete body.ownerId;
    if (body.status !== 'invalid') body.invalidReason = null;
    return body as LeadInput;
  };

  const save = useMutation({
    mutationFn: (body: LeadInput) => (lead ? updateLead(lead.id, body) : createLead(body)),
    onSuccess: () => {
      message.success(lead ? t('common.saved') : t('leads.created'));
      invalidate();
      onClose();
    },
    onError: (e, body) => {
      if (isApiError(e) && e.code === 'leads.duplicate') {
        const found = (e.data.duplicates as LeadDuplicates | undefined) ?? null;
        setDuplicates(found);
        modal.confirm({
          title: t('leads.dup.confirm_title'),
          content: <LeadDuplicateAlert matches={found} />,
          okText: t('leads.dup.force'),
          cancelText: t('common.cancel'),
          width: 560,
          onOk: () => save.mutateAsync({ ...body, force: true }).catch(() => undefined),
        });
        return;
      }
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });

  const span = isPhone ? 24 : 12;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={lead ? t('leads.edit_title', { name: lead.companyName }) : t('leads.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="lead-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <LeadDuplicateAlert matches={duplicates} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ status: 'new' }}
        onFinish={(v) => save.mutate(toBody(v))}
        data-testid="lead-form"
      >
        <Row gutter={16}>
          <Col span={span}>
            <Form.Item
              name="companyName"
              label={t('leads.field.companyName')}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input maxLength={200} onChange={check} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="source" label={t('leads.field.source')}>
              <Select allowClear options={LEAD_SOURCES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="contactName" label={t('leads.field.contactName')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="title" label={t('leads.field.title')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="mobile" label={t('leads.field.mobile')}>
              <Input maxLength={20} inputMode="tel" onChange={check} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="phone" label={t('leads.field.phone')}>
              <Input maxLength={30} inputMode="tel" onChange={check} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="email" label={t('leads.field.email')} rules={[{ type: 'email' }]}>
              <Input maxLength={254} inputMode="email" onChange={check} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="nextContactAt" label={t('leads.field.nextContactAt')}>
              <DatePicker style={{ width: '100%' }} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('leads.field.address')} rules={[{ max: 300 }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col span={span}>
            <Form.Item name="status" label={t('leads.field.status')}>
              <Select
                options={(['new', 'following', 'invalid'] as const).map((s) => ({
                  value: s,
                  label: t(`leads.status.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          {status === 'invalid' && (
            <Col span={span}>
              <Form.Item
                name="invalidReason"
                label={t('leads.field.invalidReason')}
                rules={[{ required: true, whitespace: true, max: 200 }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          )}
          {!lead && (
            <Col span={span}>
              <Form.Item
                name="ownerId"
                label={t('leads.field.owner')}
                extra={t('leads.owner_hint')}
                style={{ marginBottom: 8 }}
              >
                <EmployeeSelect
                  onChange={(v) => v && form.setFieldValue('toPool', false)}
                  notFoundContent={null}
                  placeholder={t('leads.field.owner')}
                />
              </Form.Item>
              <Form.Item name="toPool" valuePropName="checked">
                <Checkbox onChange={(e) => e.target.checked && form.setFieldValue('ownerId', undefined)}>
                  {t('leads.to_pool')}
                </Checkbox>
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label={t('leads.field.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
