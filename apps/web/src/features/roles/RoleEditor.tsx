import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useCan } from '../auth/index.ts';
import { createRole, deleteRole, type PermissionCatalogue, ROLES_KEY, type Role, updateRole } from './api.ts';
import { type MatrixValue, PermissionMatrix } from './PermissionMatrix.tsx';

interface Values {
  name: string;
  description?: string;
}

function allGranted(catalogue: PermissionCatalogue): MatrixValue {
  return {
    permissions: catalogue.modules.flatMap((m) => m.actions.map((a) => `${m.module}.${a.action}`)),
    scopes: Object.fromEntries(catalogue.modules.filter((m) => m.scoped).map((m) => [m.module, 'all' as const])),
  };
}

/** Edit one role (or create one when role is null): name, description and the permission × scope matrix. */
export function RoleEditor({
  role,
  catalogue,
  onSaved,
  onDeleted,
}: {
  role: Role | null;
  catalogue: PermissionCatalogue;
  onSaved: (role: Role) => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isAdminRole = role?.code === 'admin';
  const [matrix, setMatrix] = useState<MatrixValue>({ permissions: [], scopes: {} });
  const readOnly = !can('roles.manage') || isAdminRole || (role !== null && !role.editable);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ name: role?.name ?? '', description: role?.description ?? '' });
    setMatrix(
      isAdminRole ? allGranted(catalogue) : { permissions: role?.permissions ?? [], scopes: role?.scopes ?? {} },
    );
  }, [role, form, catalogue, isAdminRole]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const scoped = new Set(catalogue.modules.filter((m) => m.scoped).map((m) => m.module));
      const scopes = Object.fromEntries(
        Object.entries(matrix.scopes).filter(
          ([m]) => scoped.has(m) && matrix.permissions.some((p) => p.startsWith(`${m}.`)),
        ),
      );
      const body = {
        name: v.name.trim(),
        description: v.description?.trim() || null,
        permissions: matrix.permissions,
        scopes,
      };
      return role ? updateRole(role.id, body) : createRole(body);
    },
    onSuccess: (saved) => {
      message.success(role ? t('roles.saved') : t('roles.created'));
      client.invalidateQueries({ queryKey: ROLES_KEY });
      client.invalidateQueries({ queryKey: ['history'] });
      client.invalidateQueries({ queryKey: ['auth', 'me'] });
      onSaved(saved);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteRole(role!.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      client.invalidateQueries({ queryKey: ROLES_KEY });
      onDeleted();
    },
    onError: (e) => message.error(e.message),
  });

  const editor = (
    <>
      {isAdminRole && <Alert type="info" showIcon title={t('roles.admin_locked')} style={{ marginBottom: 16 }} />}
      {!isAdminRole && !can('roles.manage') && (
        <Alert type="info" showIcon title={t('roles.readonly')} style={{ marginBottom: 16 }} />
      )}
      {!isAdminRole && can('roles.manage') && role && !role.editable && (
        <Alert type="info" showIcon title={t('roles.not_editable')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" disabled={readOnly} onFinish={(v) => save.mutate(v)} data-testid="role-form">
        <Form.Item name="name" label={t('roles.field.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input maxLength={50} style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item name="description" label={t('roles.field.description')} rules={[{ max: 200 }]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('roles.matrix')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('roles.scope_hint')}</Typography.Paragraph>
      <PermissionMatrix catalogue={catalogue} value={matrix} onChange={setMatrix} disabled={readOnly} />
    </>
  );

  return (
    <Card
      data-testid="role-editor"
      title={
        <Space wrap size={4}>
          <span>{role ? role.name : t('roles.create')}</span>
          {role && (
            <Tag color={role.builtin ? 'gold' : 'blue'}>{role.builtin ? t('roles.builtin') : t('roles.custom')}</Tag>
          )}
        </Space>
      }
      extra={
        !readOnly && (
          <Space wrap size={4}>
            {role && !role.builtin && (
              <Popconfirm
                title={t('roles.delete_confirm', { name: role.name })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync().catch(() => undefined)}
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {role ? (
        <Tabs
          items={[
            { key: 'edit', label: t('roles.matrix'), children: editor },
            {
              key: 'history',
              label: t('common.history'),
              children: (
                <RecordHistory
                  path={`/api/v1/roles/${role.id}`}
                  fieldLabels={{
                    name: t('roles.field.name'),
                    description: t('roles.field.description'),
                    permissions: t('roles.col.actions'),
                    scopes: t('roles.col.scope'),
                  }}
                />
              ),
            },
          ]}
        />
      ) : (
        editor
      )}
    </Card>
  );
}
