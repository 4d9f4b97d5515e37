import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import {
  type BusinessType,
  type BusinessTypeInput,
  type Competitor,
  useBusinessTypes,
  useCompetitors,
  useDeleteBusinessType,
  useDeleteCompetitor,
  useSaveBusinessType,
  useSaveCompetitor,
} from './api.ts';
import './messages.ts';

interface TypeValues {
  name: string;
  stages: { id?: string; name: string; probability: number }[];
  won: string;
  lost: string;
  lossReasons: string[];
}

function TypeDrawer({ open, record, onClose }: { open: boolean; record: BusinessType | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<TypeValues>();
  const save = useSaveBusinessType();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) {
      form.setFieldsValue({
        name: record.name,
        stages: record.stages
          .filter((s) => s.kind === 'open')
          .map(({ id, name, probability }) => ({ id, name, probability })),
        won: record.stages.find((s) => s.kind === 'won')?.name,
        lost: record.stages.find((s) => s.kind === 'lost')?.name,
        lossReasons: record.lossReasons,
      });
    } else {
      form.setFieldsValue({
        stages: [
          { name: '初步接洽', probability: 10 },
          { name: '需求确认', probability: 30 },
          { name: '方案报价', probability: 50 },
          { name: '谈判审核', probability: 70 },
        ],
        won: '赢单',
        lost: '输单',
        lossReasons: [],
      });
    }
  }, [open, record, form]);
  const submit = (v: TypeValues) => {
    const body: BusinessTypeInput = {
      name: v.name,
      stages: v.stages.map((s) => ({ ...(s.id ? { id: s.id } : {}), name: s.name, probability: s.probability })),
      finalStages: { won: v.won, lost: v.lost },
      lossReasons: v.lossReasons ?? [],
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
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={record ? record.name : t('opportunities.types.create')}
      size={isPhone ? '100%' : 560}
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
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('opportunities.types.name')} rules={[{ required: true, max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Typography.Text strong>{t('opportunities.types.stages')}</Typography.Text>
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={4} style={{ marginTop: 8, marginBottom: 16 }}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={6} align="baseline">
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, max: 30 }]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Input maxLength={30} placeholder={t('opportunities.field.stage')} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'probability']}
                    rules={[{ required: true }]}
                    style={{ width: 96, marginBottom: 8 }}
                  >
                    <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
                  </Form.Item>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                    aria-label="up"
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, i + 1)}
                    aria-label="down"
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', probability: 50 })}>
                {t('opportunities.types.add_stage')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Flex gap={12}>
          <Form.Item name="won" label={t('opportunities.types.won')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input maxLength={30} suffix="100%" />
          </Form.Item>
          <Form.Item name="lost" label={t('opportunities.types.lost')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input maxLength={30} suffix="0%" />
          </Form.Item>
        </Flex>
        <Form.Item name="lossReasons" label={t('opportunities.types.loss_reasons')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function TypesTab() {
  const t = useT();
  const { message } = App.useApp();
  const types = useBusinessTypes();
  const remove = useDeleteBusinessType();
  const [drawer, setDrawer] = useState<{ open: boolean; record: BusinessType | null }>({ open: false, record: null });
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Typography.Text type="secondary">{t('opportunities.types.subtitle')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, record: null })}>
          {t('opportunities.types.create')}
        </Button>
      </Flex>
      {types.isError && <Alert type="error" showIcon title={types.error.message} />}
      {!types.data ? (
        <Skeleton active />
      ) : !types.data.length ? (
        <Empty />
      ) : (
        <Flex vertical gap={12}>
          {types.data.map((bt) => (
            <Card
              key={bt.id}
              size="small"
              title={bt.name}
              extra={
                <Flex gap={8} align="center">
                  <Typography.Text type="secondary">
                    {t('opportunities.types.in_use', { count: bt.opportunityCount })}
                  </Typography.Text>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setDrawer({ open: true, record: bt })}
                    aria-label={t('common.edit')}
                  />
                  <Popconfirm
                    title={t('common.confirm_delete', { name: bt.name })}
                    onConfirm={() =>
                      remove.mutate(bt.id, {
                        onSuccess: () => message.success(t('common.deleted')),
                        onError: (e) => message.error(e.message),
                      })
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Flex>
              }
            >
              <Flex wrap gap={6}>
                {bt.stages.map((s) => (
                  <Tag key={s.id} color={s.kind === 'won' ? 'success' : s.kind === 'lost' ? 'error' : 'processing'}>
                    {s.name} {s.probability}%
                  </Tag>
                ))}
              </Flex>
              {bt.lossReasons.length > 0 && (
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  {t('opportunities.types.loss_reasons')}：{bt.lossReasons.join('、')}
                </Typography.Paragraph>
              )}
            </Card>
          ))}
        </Flex>
      )}
      <TypeDrawer open={drawer.open} record={drawer.record} onClose={() => setDrawer({ open: false, record: null })} />
    </>
  );
}

function CompetitorsTab() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const list = useCompetitors();
  const save = useSaveCompetitor();
  const remove = useDeleteCompetitor();
  const [form] = Form.useForm<Omit<Competitor, 'id' | 'opportunityCount'>>();
  const [editing, setEditing] = useState<Competitor | 'new' | null>(null);
  const rows = (list.data?.pages ?? []).flatMap((p) => p.items);
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing);
  }, [editing, form]);
  return (
    <>
      {can('competitors.create') && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('opportunities.competitors.create')}
          </Button>
        </Flex>
      )}
      <Table<Competitor>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: t('opportunities.types.name'), dataIndex: 'name', width: 140 },
          { title: t('opportunities.strengths'), dataIndex: 'strengths' },
          { title: t('opportunities.weaknesses'), dataIndex: 'weaknesses' },
          { title: t('opportunities.title'), dataIndex: 'opportunityCount', width: 72 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 96,
            render: (_, c) => (
              <Flex gap={4}>
                {can('competitors.edit') && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(c)}
                    aria-label={t('common.edit')}
                  />
                )}
                {can('competitors.delete') && (
                  <Popconfirm
                    title={t('common.confirm_delete', { name: c.name })}
                    onConfirm={() =>
                      remove.mutate(c.id, {
                        onSuccess: () => message.success(t('common.deleted')),
                        onError: (e) => message.error(e.message),
                      })
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(editing)}
        title={editing === 'new' ? t('opportunities.competitors.create') : t('common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate(
              { id: editing && editing !== 'new' ? editing.id : undefined, body: v },
              {
                onSuccess: () => {
                  message.success(t('common.saved'));
                  setEditing(null);
                },
                onError: (e) => {
                  if (!applyFieldErrors(form, e)) message.error(e.message);
                },
              },
            )
          }
        >
          <Form.Item name="name" label={t('opportunities.types.name')} rules={[{ required: true, max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="strengths" label={t('opportunities.strengths')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="weaknesses" label={t('opportunities.weaknesses')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="notes" label={t('opportunities.field.notes')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 商机设置: business types (administrators) and competitors. */
export function OpportunitySettingsPage() {
  const t = useT();
  const can = useCan();
  const items = [
    ...(can('opportunity_types.manage')
      ? [{ key: 'types', label: t('opportunities.type'), children: <TypesTab /> }]
      : []),
    ...(can('competitors.view')
      ? [{ key: 'competitors', label: t('opportunities.competitors'), children: <CompetitorsTab /> }]
      : []),
  ];
  return (
    <>
      <PageHeader title={t('opportunities.types')} />
      <Tabs items={items} />
    </>
  );
}
