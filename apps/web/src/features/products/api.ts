import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../ui/api.ts';

export type ProductStatus = 'active' | 'inactive';

export interface ProductUnit {
  id: string;
  name: string;
  /** How many base units one of this unit holds, e.g. "24". */
  factor: string;
  /** The unit's own list price, or null when it follows base price × factor. */
  price: string | null;
  effectivePrice: string | null;
}

export interface Product {
  id: string;
  code: string;
  name: string;
  categoryId: string | null;
  categoryName: string | null;
  specification: string | null;
  baseUnit: string;
  price: string | null;
  status: ProductStatus;
  description: string | null;
  units: ProductUnit[];
  createdAt: string;
  updatedAt: string;
}

export interface ProductInput {
  code?: string;
  name?: string;
  categoryId?: string | null;
  specification?: string | null;
  baseUnit?: string;
  price?: string | null;
  status?: ProductStatus;
  description?: string | null;
  units?: { name: string; factor: string; price: string | null }[];
}

export interface ProductFilter {
  q?: string;
  categoryId?: string;
  status?: ProductStatus;
}

export interface Category {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  path: string[];
  depth: number;
  productCount: number;
  childCount: number;
}

export interface CategoryInput {
  name?: string;
  parentId?: string | null;
  sortOrder?: number;
}

const PRODUCTS = '/api/v1/products';
const CATEGORIES = '/api/v1/product-categories';
export const PRODUCTS_KEY = ['products'] as const;
export const CATEGORIES_KEY = ['product-categories'] as const;

export const productPath = (id: string) => `${PRODUCTS}/${id}`;
export const categoryPath = (id: string) => `${CATEGORIES}/${id}`;

export const listProducts = (filter: ProductFilter & { limit?: number; cursor?: string | null }) =>
  api<Page<Product>>(PRODUCTS, { query: { ...filter, cursor: filter.cursor ?? undefined } });
export const createProduct = (body: ProductInput) => api<Product>(PRODUCTS, { method: 'POST', body });
export const updateProduct = (id: string, body: ProductInput) =>
  api<Product>(productPath(id), { method: 'PATCH', body });
export const deleteProduct = (id: string) => api<null>(productPath(id), { method: 'DELETE' });

/** Every category, in tree order (the server sorts and adds path and depth). */
export function useCategories(enabled = true) {
  return useQuery({
    queryKey: CATEGORIES_KEY,
    queryFn: () => api<{ items: Category[] }>(CATEGORIES).then((r) => r.items),
    staleTime: 30_000,
    enabled,
  });
}
export const createCategory = (body: CategoryInput) => api<Category>(CATEGORIES, { method: 'POST', body });
export const updateCategory = (id: string, body: CategoryInput) =>
  api<Category>(categoryPath(id), { method: 'PATCH', body });
export const deleteCategory = (id: string) => api<null>(categoryPath(id), { method: 'DELETE' });
