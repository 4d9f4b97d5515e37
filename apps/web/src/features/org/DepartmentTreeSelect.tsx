import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useDepartments } from './api.ts';
import { buildTree, type DepartmentNode } from './tree.ts';

interface Option {
  value: string;
  title: string;
  children: Option[];
}

const toOptions = (nodes: DepartmentNode[]): Option[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, children: toOptions(n.children) }));

/** Pick a department from the tree (searchable, expanded). */
export function DepartmentTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const departments = useDepartments();
  const treeData = useMemo(() => toOptions(buildTree(departments.data ?? [])), [departments.data]);
  return (
    <TreeSelect<string>
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={departments.isPending}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
