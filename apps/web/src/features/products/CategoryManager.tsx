import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Skeleton,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import {
  CATEGORIES_KEY,
  type Category,
  type CategoryInput,
  createCategory,
  deleteCategory,
  PRODUCTS_KEY,
  updateCategory,
  useCategories,
} from './api.ts';
import { CategoryTreeSelect } from './CategoryTreeSelect.tsx';
import { buildTree, type CategoryNode, subtreeIds } from './tree.ts';

type Target = { mode: 'create'; parentId: string | null } | { mode: 'edit'; category: Category };

interface Values {
  name: string;
  parentId?: string | null;
  sortOrder?: number | null;
}

/** Add or edit one category: name, parent (not itself or below) and order among its siblings. */
function CategoryFormModal({ target, onClose }: { target: Target | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const categories = useCategories();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.category : null;
  const exclude = useMemo(
    () => (editing ? subtreeIds(categories.data ?? [], editing.id) : undefined),
    [categories.data, editing],
  );

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const c = target.category;
      form.setFieldsValue({ name: c.name, parentId: c.parentId, sortOrder: c.sortOrder });
    } else {
      form.setFieldsValue({ parentId: target.parentId });
    }
  }, [target, form]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body: CategoryInput = { name: v.name.trim(), parentId: v.parentId ?? null };
      if (v.sortOrder !== undefined && v.sortOrder !== null) body.sortOrder = v.sortOrder;
      return editing ? updateCategory(editing.id, body) : createCategory(body);
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      client.invalidateQueries({ queryKey: CATEGORIES_KEY });
      client.invalidateQueries({ queryKey: PRODUCTS_KEY });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });

  return (
    <Modal
      open={target !== null}
      title={editing ? t('products.categories.edit') : t('products.categories.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      width={isPhone ? '100%' : 480}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} data-testid="category-form">
        <Form.Item
          name="name"
          label={t('products.categories.name')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="parentId" label={t('products.categories.parent')} extra={t('products.categories.parent_hint')}>
          <CategoryTreeSelect exclude={exclude} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('products.categories.sort_order')}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface NodeData extends TreeDataNode {
  key: string;
  children: NodeData[];
  category: CategoryNode;
}

/** 管理分类: the whole tree with add / edit / delete on every node. */
export function CategoryManager({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const client = useQueryClient();
  const categories = useCategories(open);
  const [target, setTarget] = useState<Target | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const items = categories.data ?? [];

  const remove = useMutation({
    mutationFn: (id: string) => deleteCategory(id),
    onSuccess: () => message.success(t('common.deleted')),
    onError: (e) => message.error(e.message),
    onSettled: () => client.invalidateQueries({ queryKey: CATEGORIES_KEY }),
  });

  const treeData = useMemo(() => {
    const toNodes = (nodes: CategoryNode[]): NodeData[] =>
      nodes.map((n) => ({
        key: n.id,
        category: n,
        children: toNodes(n.children),
        title: (
          <Flex align="center" gap={4} wrap={false} data-testid={`category-row-${n.name}`}>
            <span style={{ whiteSpace: 'nowrap' }}>{n.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              ({n.productCount})
            </Typography.Text>
            <span style={{ flex: 1 }} />
            <Button
              type="text"
              size="small"
              icon={<PlusOutlined />}
              aria-label={`${t('products.categories.add_child')} ${n.name}`}
              title={t('products.categories.add_child')}
              onClick={(e) => {
                e.stopPropagation();
                setTarget({ mode: 'create', parentId: n.id });
              }}
            />
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={`${t('common.edit')} ${n.name}`}
              title={t('common.edit')}
              onClick={(e) => {
                e.stopPropagation();
                setTarget({ mode: 'edit', category: n });
              }}
            />
            <Popconfirm
              title={t('products.categories.delete_confirm', { name: n.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(n.id).catch(() => undefined)}
            >
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`${t('common.delete')} ${n.name}`}
                title={t('common.delete')}
                onClick={(e) => e.stopPropagation()}
              />
            </Popconfirm>
          </Flex>
        ),
      }));
    return toNodes(buildTree(items));
  }, [items, t, remove]);

  return (
    <Modal
      open={open}
      title={t('products.categories.manage')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.ok')}</Button>}
      width={isPhone ? '100%' : 560}
    >
      <Button
        icon={<PlusOutlined />}
        onClick={() => setTarget({ mode: 'create', parentId: null })}
        style={{ marginBottom: 12 }}
      >
        {t('products.categories.add_top')}
      </Button>
      {categories.isError && <Alert type="error" showIcon title={categories.error.message} />}
      {categories.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('products.categories.empty')} />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Tree<NodeData>
            blockNode
            showLine
            selectable={false}
            treeData={treeData}
            // Everything open, new categories included, except what the user folded.
            expandedKeys={items.filter((c) => !collapsed.has(c.id)).map((c) => c.id)}
            onExpand={(keys) => {
              const open = new Set(keys.map(String));
              setCollapsed(new Set(items.filter((c) => !open.has(c.id)).map((c) => c.id)));
            }}
          />
        </div>
      )}
      {/* Inside the manager, so it stacks above it. */}
      <CategoryFormModal target={target} onClose={() => setTarget(null)} />
    </Modal>
  );
}
