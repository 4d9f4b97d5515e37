import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Tabs,
  Tree,
  type TreeDataNode,
  type TreeProps,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useCan } from '../auth/index.ts';
import { DEPARTMENTS_KEY, type Department, deleteDepartment, updateDepartment, useDepartments } from './api.ts';
import { DepartmentFormModal, type DepartmentFormTarget } from './DepartmentFormModal.tsx';
import { DepartmentMembers } from './DepartmentMembers.tsx';
import { KindTags } from './KindTags.tsx';
import './messages.ts';
import { buildTree, type DepartmentNode, pathOf } from './tree.ts';

interface TreeNodeData extends TreeDataNode {
  key: string;
  children: TreeNodeData[];
  department: Department;
}

function toTreeData(nodes: DepartmentNode[], filter: string): TreeNodeData[] {
  const out: TreeNodeData[] = [];
  for (const n of nodes) {
    const children = toTreeData(n.children, filter);
    if (filter && !n.name.includes(filter) && children.length === 0) continue;
    out.push({
      key: n.id,
      department: n,
      children,
      title: (
        <span data-testid={`dept-node-${n.name}`} style={{ whiteSpace: 'nowrap' }}>
          {n.name}
          <KindTags department={n} compact />
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
            ({n.memberCount})
          </Typography.Text>
        </span>
      ),
    });
  }
  return out;
}

/** 组织架构: the department tree (drag to move) and the selected department's details and members. */
export function OrgPage() {
  const t = useT();
  const can = useCan();
  const canManage = can('org.manage');
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const departments = useDepartments();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [form, setForm] = useState<DepartmentFormTarget | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);

  const items = departments.data ?? [];
  const tree = useMemo(() => buildTree(items), [items]);
  const treeData = useMemo(() => toTreeData(tree, filter.trim()), [tree, filter]);
  const selected = items.find((d) => d.id === selectedId) ?? null;

  useEffect(() => {
    if (!selectedId && tree[0]) setSelectedId(tree[0].id);
  }, [tree, selectedId]);

  const move = useMutation({
    mutationFn: ({ id, parentId }: { id: string; parentId: string }) => updateDepartment(id, { parentId }),
    onSuccess: () => message.success(t('org.moved')),
    onError: (e) => message.error(e.message),
    onSettled: () => client.invalidateQueries({ queryKey: DEPARTMENTS_KEY }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteDepartment(id),
    onSuccess: (_, id) => {
      message.success(t('common.deleted'));
      if (id === selectedId) setSelectedId(null);
    },
    onError: (e) => message.error(e.message),
    onSettled: () => client.invalidateQueries({ queryKey: DEPARTMENTS_KEY }),
  });

  const onDrop: TreeProps<TreeNodeData>['onDrop'] = (info) => {
    const dragged = info.dragNode.department;
    const target = info.node.department;
    const parentId = info.dropToGap ? target.parentId : target.id;
    if (!parentId || parentId === dragged.parentId) return;
    const parent = items.find((d) => d.id === parentId);
    modal.confirm({
      title: t('org.move_confirm', { name: dragged.name, parent: parent?.name ?? '' }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => move.mutateAsync({ id: dragged.id, parentId }).catch(() => undefined),
    });
  };

  const allKeys = items.map((d) => d.id);
  const isRoot = selected !== null && selected.parentId === null;

  return (
    <>
      <PageHeader title={t('org.title')} subtitle={t('org.subtitle')} />
      {departments.isError && (
        <Alert type="error" showIcon title={departments.error.message} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} xl={8}>
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <Input.Search
              placeholder={t('org.search')}
              allowClear
              onChange={(e) => setFilter(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            {departments.isPending ? (
              <Skeleton active />
            ) : (
              <div style={{ overflowX: 'auto' }}>
                <Tree<TreeNodeData>
                  blockNode
                  showLine
                  draggable={
                    canManage
                      ? { icon: false, nodeDraggable: (n) => (n as TreeNodeData).department.parentId !== null }
                      : false
                  }
                  allowDrop={({ dropNode, dropPosition }) =>
                    dropPosition === 0 || dropNode.department.parentId !== null
                  }
                  treeData={treeData}
                  expandedKeys={filter ? allKeys : (expanded ?? allKeys)}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                  onDrop={onDrop}
                  data-testid="org-tree"
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16}>
          {!selected ? (
            <Card>
              <Empty description={t('org.select_hint')} />
            </Card>
          ) : (
            <Card
              data-testid="department-detail"
              title={
                <Space wrap size={4}>
                  <span>{selected.name}</span>
                  <KindTags department={selected} />
                </Space>
              }
              extra={
                canManage && (
                  <Space wrap size={4}>
                    <Button
                      type="primary"
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => setForm({ mode: 'create', parent: selected })}
                    >
                      {t('org.add_child')}
                    </Button>
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setForm({ mode: 'edit', department: selected })}
                    >
                      {t('common.edit')}
                    </Button>
                    {!isRoot && (
                      <Popconfirm
                        title={t('org.delete_confirm', { name: selected.name })}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(selected.id).catch(() => undefined)}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                      </Popconfirm>
                    )}
                  </Space>
                )
              }
            >
              {isRoot && canManage && (
                <Alert type="info" showIcon title={t('org.root_hint')} style={{ marginBottom: 12 }} />
              )}
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'path', label: t('org.field.path'), children: pathOf(items, selected.id).join(' / ') },
                  { key: 'kind', label: t('org.field.kind'), children: t(`org.kind.${selected.kind}`) },
                  { key: 'head', label: t('org.field.head'), children: selected.headName ?? '—' },
                  { key: 'members', label: t('org.field.members'), children: selected.memberCount },
                  ...(selected.kind === 'subsidiary' || selected.kind === 'branch'
                    ? [
                        {
                          key: 'independent',
                          label: t('org.independent'),
                          children: selected.independentAccounting ? t('common.yes') : t('common.no'),
                        },
                      ]
                    : []),
                ]}
              />
              <Tabs
                style={{ marginTop: 8 }}
                items={[
                  {
                    key: 'members',
                    label: t('org.members'),
                    children: can('employees.view') ? (
                      <DepartmentMembers departmentId={selected.id} />
                    ) : (
                      <Typography.Text type="secondary">{t('org.no_members_permission')}</Typography.Text>
                    ),
                  },
                  {
                    key: 'history',
                    label: t('common.history'),
                    children: (
                      <RecordHistory
                        path={`/api/v1/departments/${selected.id}`}
                        fieldLabels={{
                          name: t('org.field.name'),
                          kind: t('org.field.kind'),
                          parentId: t('org.field.parent'),
                          headUserId: t('org.field.head'),
                          independentAccounting: t('org.independent'),
                        }}
                        formatValue={(field, value) => {
                          if (field === 'parentId' && typeof value === 'string')
                            return items.find((d) => d.id === value)?.name;
                          if (field === 'kind' && typeof value === 'string') return t(`org.kind.${value}`);
                          return undefined;
                        }}
                      />
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      <DepartmentFormModal
        target={form}
        departments={items}
        onClose={() => setForm(null)}
        onSaved={(d) => {
          if (form?.mode === 'create') setSelectedId(d.id);
        }}
      />
    </>
  );
}
