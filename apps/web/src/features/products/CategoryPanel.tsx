import { AppstoreOutlined } from '@ant-design/icons';
import { Alert, Input, Skeleton, Tree, type TreeDataNode, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { useCategories } from './api.ts';
import { buildTree, type CategoryNode } from './tree.ts';

/** The key of the "all products" node at the top of the tree. */
const ALL = '__all__';

interface NodeData extends TreeDataNode {
  key: string;
  children: NodeData[];
}

function toNodes(nodes: CategoryNode[], filter: string): NodeData[] {
  const out: NodeData[] = [];
  for (const n of nodes) {
    const children = toNodes(n.children, filter);
    if (filter && !n.name.toLowerCase().includes(filter) && children.length === 0) continue;
    out.push({
      key: n.id,
      children,
      title: (
        <span data-testid={`category-node-${n.name}`} style={{ whiteSpace: 'nowrap' }}>
          {n.name}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
            ({n.totalCount})
          </Typography.Text>
        </span>
      ),
    });
  }
  return out;
}

/** The category tree that filters the product list: "all products" on top, counts include sub-categories. */
export function CategoryPanel({
  selectedId,
  onSelect,
}: {
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
}) {
  const t = useT();
  const categories = useCategories();
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const items = categories.data ?? [];
  const needle = filter.trim().toLowerCase();

  const treeData = useMemo<NodeData[]>(() => {
    const roots = buildTree(items);
    const total = roots.reduce((acc, r) => acc + r.totalCount, 0);
    return [
      {
        key: ALL,
        icon: <AppstoreOutlined />,
        title: (
          <span data-testid="category-node-all" style={{ whiteSpace: 'nowrap' }}>
            {t('products.categories.all')}
            {items.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                ({total})
              </Typography.Text>
            )}
          </span>
        ),
        children: toNodes(roots, needle),
      },
    ];
  }, [items, needle, t]);

  const expanded = [ALL, ...items.filter((c) => needle || !collapsed.has(c.id)).map((c) => c.id)];

  return (
    <>
      <Input.Search
        placeholder={t('products.categories.search')}
        allowClear
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {categories.isError && <Alert type="error" showIcon title={categories.error.message} />}
      {categories.isPending ? (
        <Skeleton active />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Tree<NodeData>
            blockNode
            showLine
            treeData={treeData}
            expandedKeys={expanded}
            onExpand={(keys) => {
              const open = new Set(keys.map(String));
              setCollapsed(new Set(items.filter((c) => !open.has(c.id)).map((c) => c.id)));
            }}
            selectedKeys={[selectedId ?? ALL]}
            onSelect={(keys) => {
              const key = keys[0] === undefined ? undefined : String(keys[0]);
              // Clicking the selected node again keeps it selected rather than clearing the filter by surprise.
              if (key !== undefined) onSelect(key === ALL ? undefined : key);
            }}
            data-testid="category-tree"
          />
        </div>
      )}
    </>
  );
}
