import {
  CommentOutlined,
  EnvironmentOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlusOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { applyFieldErrors } from '../../../ui/form-errors.ts';
import { useT } from '../../../ui/i18n.tsx';
import type { Customer } from '../api.ts';
import {
  createFollowUp,
  FOLLOW_UP_KINDS,
  type FollowUpKind,
  listCustomerContacts,
  listFollowUps,
} from '../related-api.ts';
import { TabState } from './TabState.tsx';

const KIND_ICON: Record<FollowUpKind, ReactNode> = {
  call: <PhoneOutlined />,
  visit: <EnvironmentOutlined />,
  email: <MailOutlined />,
  sms: <MessageOutlined />,
  wechat: <WechatOutlined />,
  note: <CommentOutlined />,
};

interface Values {
  kind: FollowUpKind;
  content: string;
  at: Dayjs;
  nextContactAt?: Dayjs | null;
  contactId?: string | null;
}

function FollowUpModal({ customer, open, onClose }: { customer: Customer; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const contacts = useQuery({
    queryKey: ['customers', customer.id, 'contacts'],
    queryFn: () => listCustomerContacts(customer.id),
    enabled: open,
    retry: false,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      createFollowUp({
        customerId: customer.id,
        kind: v.kind,
        content: v.content.trim(),
        at: v.at.toISOString(),
        nextContactAt: v.nextContactAt ? v.nextContactAt.toISOString() : null,
        contactId: v.contactId ?? null,
      }),
    onSuccess: () => {
      message.success(t('followups.saved'));
      client.invalidateQueries({ queryKey: ['customers'] });
      client.invalidateQueries({ queryKey: ['reminders'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });
  return (
    <Modal
      open={open}
      title={t('followups.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'call', at: dayjs() }}
        onFinish={(v) => save.mutate(v)}
        data-testid="followup-form"
      >
        <Form.Item name="kind" label={t('followups.field.kind')} rules={[{ required: true }]}>
          <Select options={FOLLOW_UP_KINDS.map((k) => ({ value: k, label: t(`followups.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="contactId" label={t('followups.field.contact')}>
          <Select
            allowClear
            loading={contacts.isPending}
            options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('followups.field.content')}
          rules={[{ required: true, whitespace: true, max: 5000 }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="at" label={t('followups.field.at')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="nextContactAt" label={t('followups.field.nextContactAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 跟进记录: the timeline, newest first, and "add follow-up". */
export function FollowUpsTab({ customer, canCreate }: { customer: Customer; canCreate: boolean }) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const list = useInfiniteQuery({
    queryKey: ['customers', customer.id, 'follow-ups'],
    queryFn: ({ pageParam }) => listFollowUps(customer.id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry: false,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {customer.access === 'write' && canCreate && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          style={{ marginBottom: 16 }}
          disabled={list.isError}
        >
          {t('followups.add')}
        </Button>
      )}
      <TabState query={list}>
        {items.length === 0 ? (
          <Empty description={t('followups.empty')} />
        ) : (
          <div data-testid="followup-timeline">
            <Timeline
              items={items.map((f) => ({
                key: f.id,
                icon: KIND_ICON[f.kind],
                content: (
                  <div data-testid="followup-item">
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {dayjs(f.at).format('YYYY-MM-DD HH:mm')} · {f.authorName ?? '—'}
                    </Typography.Text>
                    <Tag color="blue">{t(`followups.kind.${f.kind}`)}</Tag>
                    {f.contactName && <Tag>{f.contactName}</Tag>}
                    <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 4 }}>{f.content}</div>
                    {f.nextContactAt && (
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {t('followups.next', { at: dayjs(f.nextContactAt).format('YYYY-MM-DD HH:mm') })}
                      </Typography.Text>
                    )}
                  </div>
                ),
              }))}
            />
            {list.hasNextPage && (
              <Button block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common.load_more')}
              </Button>
            )}
          </div>
        )}
      </TabState>
      <FollowUpModal customer={customer} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
