export type { Category, Product, ProductUnit } from './api.ts';
export { CategoryTreeSelect } from './CategoryTreeSelect.tsx';
export { ProductsPage } from './ProductsPage.tsx';
