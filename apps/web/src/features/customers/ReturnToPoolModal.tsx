import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import { listPools } from '../pools/api.ts';
import { returnToPool } from './api.ts';

/** The owner gives a customer back to a pool (退回公海) with a reason. */
export function ReturnToPoolModal({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ poolId: string; reason: string }>();
  const pools = useQuery({ queryKey: ['pools'], queryFn: listPools, enabled: open, retry: false });
  const save = useMutation({
    mutationFn: (v: { poolId: string; reason: string }) => returnToPool(customerId, v.poolId, v.reason.trim()),
    onSuccess: () => {
      message.success(t('customers.returned'));
      client.invalidateQueries({ queryKey: ['customers'] });
      client.invalidateQueries({ queryKey: ['pools'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open={open}
      title={t('customers.return')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="poolId"
          label={t('customers.pool')}
          rules={[{ required: true }]}
          help={pools.isError ? pools.error.message : undefined}
        >
          <Select
            loading={pools.isPending}
            options={(pools.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('customers.return_reason')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
