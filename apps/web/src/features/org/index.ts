export { type Department, useDepartments } from './api.ts';
export { DepartmentTreeSelect } from './DepartmentTreeSelect.tsx';
export { OrgPage } from './OrgPage.tsx';
export { buildTree, type DepartmentNode } from './tree.ts';
