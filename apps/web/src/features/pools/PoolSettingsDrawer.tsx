import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { blankPool, createPool, deletePool, type Pool, type PoolInput, updatePool } from './api.ts';

const RULES = ['noFollowUpDays', 'noDealDays', 'warnDays'] as const;

/** Pool settings (pools.manage): departments, rules each with a switch and N days, claim limits. */
export function PoolSettingsDrawer({
  open,
  pool,
  onClose,
  onSaved,
}: {
  open: boolean;
  pool: Pool | null;
  onClose: () => void;
  onSaved: (p: Pool | null) => void;
}) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<PoolInput>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(pool ?? blankPool());
  }, [open, pool, form]);
  const save = useMutation({
    mutationFn: (v: PoolInput) => (pool ? updatePool(pool.id, v) : createPool(v)),
    onSuccess: (p) => {
      message.success(t('pools.saved'));
      client.invalidateQueries({ queryKey: ['pools'] });
      onSaved(p);
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });
  const remove = useMutation({
    mutationFn: () => deletePool(pool!.id),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['pools'] });
      onSaved(null);
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      title={pool ? `${t('pools.settings')}：${pool.name}` : t('pools.create')}
      extra={
        <Space>
          {pool && (
            <Popconfirm title={t('pools.delete_confirm', { name: pool.name })} onConfirm={() => remove.mutate()}>
              <Button danger>{t('common.delete')}</Button>
            </Popconfirm>
          )}
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<PoolInput> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="pool-form">
        <Form.Item name="name" label={t('pools.field.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('pools.field.departments')} extra={t('pools.field.departments_hint')}>
          <DepartmentTreeSelect multiple treeCheckable showCheckedStrategy="SHOW_PARENT" allowClear />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('pools.rules')}
        </Divider>
        {RULES.map((r) => (
          <Flex key={r} align="center" gap={8} wrap style={{ marginBottom: 12 }} data-testid={`rule-${r}`}>
            <Form.Item name={['rules', r, 'enabled']} valuePropName="checked" noStyle>
              <Switch aria-label={t(`pools.rule.${r}`)} />
            </Form.Item>
            <Typography.Text style={{ flex: 1, minWidth: 160 }}>{t(`pools.rule.${r}`)}</Typography.Text>
            <Form.Item name={['rules', r, 'days']} noStyle rules={[{ required: true }]}>
              <InputNumber
                min={1}
                max={3650}
                suffix={t('pools.days')}
                style={{ width: 110 }}
                aria-label={`${t(`pools.rule.${r}`)} N`}
              />
            </Form.Item>
          </Flex>
        ))}
        <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
          <Form.Item name={['rules', 'excludeKey']} valuePropName="checked" noStyle>
            <Switch aria-label={t('pools.rule.excludeKey')} />
          </Form.Item>
          <Typography.Text>{t('pools.rule.excludeKey')}</Typography.Text>
        </Flex>
        <Divider titlePlacement="start" plain>
          {t('pools.limits')}
        </Divider>
        <Form.Item name="claimDailyLimit" label={t('pools.field.claimDailyLimit')}>
          <InputNumber min={1} max={10000} placeholder={t('pools.unlimited')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="maxOwned" label={t('pools.field.maxOwned')}>
          <InputNumber min={1} max={1000000} placeholder={t('pools.unlimited')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="cooldownDays" label={t('pools.field.cooldownDays')}>
          <InputNumber min={0} max={3650} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
