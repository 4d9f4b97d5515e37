import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { type Employee, resetPassword } from './api.ts';

export function ResetPasswordModal({ employee, onClose }: { employee: Employee | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const mutation = useMutation({
    mutationFn: (v: { newPassword: string }) => resetPassword(employee!.id, v.newPassword),
    onSuccess: () => {
      message.success(t('employees.reset_ok'));
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });
  return (
    <Modal
      open={employee !== null}
      title={employee ? t('employees.reset_title', { name: employee.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} preserve={false}>
        <Form.Item
          name="newPassword"
          label={t('employees.new_password')}
          extra={t('employees.password_hint')}
          rules={[{ required: true }, { min: 8, message: t('employees.password_hint') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
