import { EditOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, Modal, Row, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { applyFieldErrors } from '../../../ui/form-errors.ts';
import { useT } from '../../../ui/i18n.tsx';
import { type Customer, useCustomFields } from '../api.ts';
import { CustomFieldInput, formatCustomValue } from '../CustomFieldInput.tsx';
import { type Contact, createContact, listCustomerContacts, updateContact } from '../related-api.ts';
import { TabState } from './TabState.tsx';

type Values = Omit<Contact, 'birthday' | 'id' | 'customerId' | 'customerName' | 'createdAt' | 'updatedAt'> & {
  birthday?: Dayjs | null;
};

function ContactModal({
  customerId,
  contact,
  open,
  onClose,
}: {
  customerId: string;
  contact: Contact | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const fields = useCustomFields('contact');
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (contact) form.setFieldsValue({ ...contact, birthday: contact.birthday ? dayjs(contact.birthday) : null });
  }, [open, contact, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        title: v.title?.trim() || null,
        mobile: v.mobile?.trim() || null,
        email: v.email?.trim() || null,
        wechat: v.wechat?.trim() || null,
        birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
        isKey: Boolean(v.isKey),
        ...(v.custom ? { custom: v.custom } : {}),
      };
      return contact ? updateContact(contact.id, body) : createContact({ ...body, customerId });
    },
    onSuccess: () => {
      message.success(t('contacts.saved'));
      client.invalidateQueries({ queryKey: ['customers', customerId] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });
  return (
    <Modal
      open={open}
      title={contact ? t('contacts.edit') : t('contacts.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="contact-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('contacts.field.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label={t('contacts.field.title')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mobile" label={t('contacts.field.mobile')}>
              <Input inputMode="tel" maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('contacts.field.email')} rules={[{ type: 'email' }]}>
              <Input inputMode="email" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="wechat" label={t('contacts.field.wechat')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={14} sm={8}>
            <Form.Item name="birthday" label={t('contacts.field.birthday')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={10} sm={4}>
            <Form.Item name="isKey" label={t('contacts.field.isKey')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {(fields.data ?? []).map((f) => (
            <Col xs={24} sm={12} key={f.key}>
              <Form.Item name={['custom', f.key]} label={f.label} rules={[{ required: f.required }]}>
                <CustomFieldInput field={f} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}

/** 联系人: the customer's people, key contacts first. */
export function ContactsTab({ customer, canCreate }: { customer: Customer; canCreate: boolean }) {
  const t = useT();
  const fields = useCustomFields('contact');
  const [editing, setEditing] = useState<{ open: boolean; contact: Contact | null }>({ open: false, contact: null });
  const contacts = useQuery({
    queryKey: ['customers', customer.id, 'contacts'],
    queryFn: () => listCustomerContacts(customer.id),
    retry: false,
  });
  const writable = customer.access === 'write' && canCreate;
  const items = [...(contacts.data?.items ?? [])].sort((a, b) => Number(b.isKey) - Number(a.isKey));
  return (
    <>
      {writable && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ open: true, contact: null })}
          style={{ marginBottom: 12 }}
          disabled={contacts.isError}
        >
          {t('contacts.add')}
        </Button>
      )}
      <TabState query={contacts}>
        {items.length === 0 ? (
          <Empty description={t('contacts.empty')} />
        ) : (
          <Row gutter={[12, 12]} data-testid="contact-list">
            {items.map((c) => (
              <Col xs={24} md={12} xl={8} key={c.id}>
                <Card size="small" data-testid="contact-card">
                  <Flex justify="space-between" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong>{c.name}</Typography.Text>{' '}
                      {c.isKey && <StarFilled style={{ color: '#faad14' }} aria-label={t('contacts.field.isKey')} />}
                      {c.title && <Typography.Text type="secondary"> · {c.title}</Typography.Text>}
                      <div style={{ fontSize: 13, marginTop: 4 }}>
                        {c.mobile && (
                          <div>
                            📱 <a href={`tel:${c.mobile}`}>{c.mobile}</a>
                          </div>
                        )}
                        {c.email && <div>✉️ {c.email}</div>}
                        {c.wechat && (
                          <div>
                            {t('contacts.field.wechat')}：{c.wechat}
                          </div>
                        )}
                        {c.birthday && (
                          <div>
                            {t('contacts.field.birthday')}：{c.birthday}
                          </div>
                        )}
                        {(fields.data ?? []).map((f) =>
                          c.custom?.[f.key] != null ? (
                            <div key={f.key}>
                              {f.label}：{formatCustomValue(f, c.custom[f.key])}
                            </div>
                          ) : null,
                        )}
                      </div>
                    </div>
                    {writable && (
                      <Button
                        type="text"
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={`${t('common.edit')} ${c.name}`}
                        onClick={() => setEditing({ open: true, contact: c })}
                      />
                    )}
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </TabState>
      <ContactModal
        customerId={customer.id}
        contact={editing.contact}
        open={editing.open}
        onClose={() => setEditing({ open: false, contact: null })}
      />
    </>
  );
}
