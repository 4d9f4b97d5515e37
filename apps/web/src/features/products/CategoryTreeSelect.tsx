import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useCategories } from './api.ts';
import { buildTree, type CategoryNode } from './tree.ts';

interface Option {
  value: string;
  title: string;
  disabled?: boolean;
  children: Option[];
}

const toOptions = (nodes: CategoryNode[], exclude?: Set<string>): Option[] =>
  nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: exclude?.has(n.id),
    children: toOptions(n.children, exclude),
  }));

/** Pick a product category from the tree (searchable); `exclude` greys out ids that may not be chosen. */
export function CategoryTreeSelect({
  exclude,
  ...props
}: Omit<TreeSelectProps<string>, 'treeData'> & { exclude?: Set<string> }) {
  const categories = useCategories();
  const treeData = useMemo(() => toOptions(buildTree(categories.data ?? []), exclude), [categories.data, exclude]);
  return (
    <TreeSelect<string>
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={categories.isPending}
      allowClear
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
