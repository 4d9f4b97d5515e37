import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Modal } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import { transferCustomers } from './api.ts';

/** Transfer one or many customers to a colleague (转移), optionally with their contacts. */
export function TransferModal({
  ids,
  onClose,
  onDone,
}: {
  ids: string[] | null;
  onClose: () => void;
  onDone?: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ toUserId: string; withContacts: boolean }>();
  const transfer = useMutation({
    mutationFn: (v: { toUserId: string; withContacts: boolean }) =>
      transferCustomers(ids ?? [], v.toUserId, v.withContacts),
    onSuccess: () => {
      message.success(t('customers.transferred'));
      client.invalidateQueries({ queryKey: ['customers'] });
      client.invalidateQueries({ queryKey: ['history'] });
      onDone?.();
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open={ids !== null}
      title={t('customers.transfer_title', { count: ids?.length ?? 0 })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={transfer.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ withContacts: true }}
        onFinish={(v) => transfer.mutate(v)}
        preserve={false}
      >
        <Form.Item name="toUserId" label={t('customers.transfer_to')} rules={[{ required: true }]}>
          <EmployeeSelect />
        </Form.Item>
        <Form.Item name="withContacts" valuePropName="checked">
          <Checkbox>{t('customers.transfer_contacts')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
