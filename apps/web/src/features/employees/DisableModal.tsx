import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, List, Modal, Skeleton, Tag, Typography } from 'antd';
import { useI18n } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { disableEmployee, type Employee, handoverPreview } from './api.ts';
import { EmployeeSelect } from './EmployeeSelect.tsx';

/** 离职: show what the employee owns, pick the colleague who takes it over, disable in one step. */
export function DisableModal({ employee, onClose }: { employee: Employee | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ handoverToId: string }>();
  const preview = useQuery({
    queryKey: ['employees', 'handover-preview', employee?.id],
    queryFn: () => handoverPreview(employee!.id),
    enabled: employee !== null,
  });
  const mutation = useMutation({
    mutationFn: (v: { handoverToId: string }) => disableEmployee(employee!.id, v.handoverToId),
    onSuccess: () => {
      message.success(t('employees.disabled_ok'));
      client.invalidateQueries({ queryKey: ['employees'] });
      client.invalidateQueries({ queryKey: ['departments'] });
      client.invalidateQueries({ queryKey: ['history'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  const items = preview.data?.items.filter((i) => i.count > 0) ?? [];

  return (
    <Modal
      open={employee !== null}
      title={employee ? t('employees.disable_title', { name: employee.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('employees.disable')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      width={isPhone ? '100%' : 520}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('employees.disable_desc')} style={{ marginBottom: 16 }} />
      <Typography.Text strong>{t('employees.handover_items')}</Typography.Text>
      {preview.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : preview.isError ? (
        <Alert type="error" title={preview.error.message} style={{ margin: '8px 0 16px' }} />
      ) : (
        <List
          size="small"
          style={{ margin: '8px 0 16px' }}
          dataSource={items}
          locale={{ emptyText: t('employees.handover_none') }}
          data-testid="handover-preview"
          renderItem={(i) => <List.Item extra={<Tag color="blue">{i.count}</Tag>}>{pick(i.label) || i.type}</List.Item>}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} preserve={false}>
        <Form.Item name="handoverToId" label={t('employees.handover_to')} rules={[{ required: true }]}>
          <EmployeeSelect exclude={employee ? [employee.id] : []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
