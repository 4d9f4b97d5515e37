import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Switch, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import {
  createDepartment,
  DEPARTMENTS_KEY,
  type Department,
  type DepartmentInput,
  type DepartmentKind,
  updateDepartment,
} from './api.ts';
import { buildTree, type DepartmentNode, subtreeIds } from './tree.ts';

export type DepartmentFormTarget = { mode: 'create'; parent: Department } | { mode: 'edit'; department: Department };

interface Values {
  name: string;
  kind: DepartmentKind;
  independentAccounting: boolean;
  headUserId: string | null;
  parentId: string | null;
}

function toTreeData(nodes: DepartmentNode[], disabled: Set<string>): unknown[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: disabled.has(n.id),
    children: toTreeData(n.children, disabled),
  }));
}

/** Add a sub-department or edit one: name, type, independent accounting, head and (for editing) the parent. */
export function DepartmentFormModal({
  target,
  departments,
  onClose,
  onSaved,
}: {
  target: DepartmentFormTarget | null;
  departments: Department[];
  onClose: () => void;
  onSaved?: (d: Department) => void;
}) {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const editing = target?.mode === 'edit' ? target.department : null;
  const isRoot = editing?.kind === 'company' || (editing !== null && editing.parentId === null);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const d = target.department;
      form.setFieldsValue({
        name: d.name,
        kind: d.kind,
        independentAccounting: d.independentAccounting,
        headUserId: d.headUserId,
        parentId: d.parentId,
      });
    } else {
      form.setFieldsValue({
        kind: 'department',
        independentAccounting: false,
        headUserId: null,
        parentId: target.parent.id,
      });
    }
  }, [target, form]);

  const parentTree = useMemo(() => {
    if (!editing) return [];
    return toTreeData(buildTree(departments), subtreeIds(departments, editing.id));
  }, [departments, editing]);

  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      const independentAccounting = v.kind === 'subsidiary' || v.kind === 'branch' ? v.independentAccounting : false;
      if (target?.mode === 'create') {
        return createDepartment({
          parentId: target.parent.id,
          name: v.name.trim(),
          kind: v.kind,
          independentAccounting,
          headUserId: v.headUserId ?? null,
        });
      }
      const d = editing!;
      const patch: DepartmentInput = {};
      if (v.name.trim() !== d.name) patch.name = v.name.trim();
      if (!isRoot && v.kind !== d.kind) patch.kind = v.kind;
      if (!isRoot && independentAccounting !== d.independentAccounting)
        patch.independentAccounting = independentAccounting;
      if ((v.headUserId ?? null) !== d.headUserId) patch.headUserId = v.headUserId ?? null;
      if (!isRoot && v.parentId && v.parentId !== d.parentId) patch.parentId = v.parentId;
      if (Object.keys(patch).length === 0) return d;
      return updateDepartment(d.id, patch);
    },
    onSuccess: (d) => {
      message.success(target?.mode === 'create' ? t('org.created') : t('common.saved'));
      client.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
      client.invalidateQueries({ queryKey: ['history'] });
      onSaved?.(d);
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });

  const title =
    target?.mode === 'create'
      ? t('org.add_child_of', { name: target.parent.name })
      : editing
        ? t('org.edit_of', { name: editing.name })
        : '';
  const kinds: DepartmentKind[] = isRoot ? ['company'] : ['department', 'subsidiary', 'branch'];

  return (
    <Modal
      open={target !== null}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      width={isPhone ? '100%' : 520}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid="department-form">
        <Form.Item name="name" label={t('org.field.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="kind" label={t('org.field.kind')}>
          <Radio.Group
            disabled={isRoot}
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
          />
        </Form.Item>
        {(kind === 'subsidiary' || kind === 'branch') && (
          <Form.Item
            name="independentAccounting"
            label={t('org.independent')}
            valuePropName="checked"
            extra={t('org.field.independent_hint')}
          >
            <Switch />
          </Form.Item>
        )}
        {editing && !isRoot && (
          <Form.Item name="parentId" label={t('org.field.parent')} rules={[{ required: true }]}>
            <TreeSelect
              treeData={parentTree as never}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
            />
          </Form.Item>
        )}
        <Form.Item name="headUserId" label={t('org.field.head')} extra={t('org.field.head_hint')}>
          <EmployeeSelect disabled={!can('employees.view')} currentLabel={editing?.headName} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
