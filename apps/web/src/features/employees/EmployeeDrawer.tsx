import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Space, Tabs } from 'antd';
import { useEffect } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { DEPARTMENTS_KEY } from '../org/api.ts';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { useRoles } from '../roles/api.ts';
import { createEmployee, type Employee, type EmployeeInput, employeePath, updateEmployee } from './api.ts';
import { EmployeeSelect } from './EmployeeSelect.tsx';

interface Values {
  name: string;
  mobile?: string;
  email?: string;
  password?: string;
  departmentId: string;
  supervisorId?: string | null;
  positionTitle?: string;
  roleIds?: string[];
}

const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** Create or edit one employee; editing also shows the record's history. */
export function EmployeeDrawer({
  open,
  employee,
  onClose,
}: {
  open: boolean;
  employee: Employee | null;
  onClose: () => void;
}) {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const canViewRoles = can('roles.view');
  const roles = useRoles(open && canViewRoles);
  const readOnly = employee ? !can('employees.edit') : !can('employees.create');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (employee) {
      form.setFieldsValue({
        name: employee.name,
        mobile: employee.mobile ?? undefined,
        email: employee.email ?? undefined,
        departmentId: employee.departmentId,
        supervisorId: employee.supervisorId,
        positionTitle: employee.positionTitle ?? undefined,
        roleIds: employee.roles.map((r) => r.id),
      });
    }
  }, [open, employee, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body: EmployeeInput = {
        name: v.name.trim(),
        mobile: blankToNull(v.mobile),
        email: blankToNull(v.email),
        departmentId: v.departmentId,
        supervisorId: v.supervisorId ?? null,
        positionTitle: blankToNull(v.positionTitle),
      };
      if (canViewRoles) body.roleIds = v.roleIds ?? [];
      if (employee) return updateEmployee(employee.id, body);
      // On create, no supervisor means "the department head" (the server's default), so leave it out.
      const { supervisorId, ...rest } = body;
      return createEmployee({
        ...rest,
        ...(supervisorId ? { supervisorId } : {}),
        password: v.password,
        roleIds: body.roleIds ?? [],
      });
    },
    onSuccess: () => {
      message.success(employee ? t('common.saved') : t('employees.created'));
      client.invalidateQueries({ queryKey: ['employees'] });
      client.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
      client.invalidateQueries({ queryKey: ['roles'] });
      client.invalidateQueries({ queryKey: ['history'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });

  const fieldLabels = {
    name: t('employees.field.name'),
    mobile: t('employees.field.mobile'),
    email: t('employees.field.email'),
    departmentId: t('employees.field.department'),
    supervisorId: t('employees.field.supervisor'),
    positionTitle: t('employees.field.position'),
    roleIds: t('employees.field.roles'),
    status: t('employees.field.status'),
  };

  const formNode = (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => mutation.mutate(v)}
      disabled={readOnly}
      data-testid="employee-form"
    >
      <Form.Item name="name" label={t('employees.field.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('employees.field.mobile')}
        extra={t('employees.login_hint')}
        dependencies={['email']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value?.trim() || getFieldValue('email')?.trim()
                ? Promise.resolve()
                : Promise.reject(new Error(t('employees.need_login'))),
          }),
        ]}
      >
        <Input inputMode="tel" maxLength={20} />
      </Form.Item>
      <Form.Item name="email" label={t('employees.field.email')} rules={[{ type: 'email' }]}>
        <Input inputMode="email" maxLength={254} />
      </Form.Item>
      {!employee && (
        <Form.Item
          name="password"
          label={t('employees.field.password')}
          extra={t('employees.password_hint')}
          rules={[{ required: true }, { min: 8, message: t('employees.password_hint') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="departmentId" label={t('employees.field.department')} rules={[{ required: true }]}>
        <DepartmentTreeSelect />
      </Form.Item>
      <Form.Item
        name="supervisorId"
        label={t('employees.field.supervisor')}
        extra={t('employees.field.supervisor_hint')}
      >
        <EmployeeSelect exclude={employee ? [employee.id] : []} currentLabel={employee?.supervisorName} />
      </Form.Item>
      <Form.Item name="positionTitle" label={t('employees.field.position')} rules={[{ max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      {canViewRoles ? (
        <Form.Item name="roleIds" label={t('employees.field.roles')}>
          <Select
            mode="multiple"
            loading={roles.isPending}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      ) : (
        <Form.Item label={t('employees.field.roles')} extra={t('employees.no_roles_permission')}>
          {employee?.roles.map((r) => r.name).join('、') || '—'}
        </Form.Item>
      )}
    </Form>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={employee ? t('employees.edit_title', { name: employee.name }) : t('employees.create')}
      destroyOnHidden
      forceRender
      footer={
        !readOnly && (
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {employee ? (
        <Tabs
          items={[
            { key: 'info', label: t('employees.tab.info'), children: formNode },
            {
              key: 'history',
              label: t('common.history'),
              children: <RecordHistory path={employeePath(employee.id)} fieldLabels={fieldLabels} />,
            },
          ]}
        />
      ) : (
        formNode
      )}
    </Drawer>
  );
}
