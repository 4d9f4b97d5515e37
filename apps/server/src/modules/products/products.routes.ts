import { z } from 'zod';
import { historyRoute } from '../../platform/audit/history-route.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams, page } from '../../platform/http/schemas.ts';
import {
  CATEGORY_OBJECT_TYPE,
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  updateCategory,
} from './categories.service.ts';
import { existsOrExisted } from './products.queries.ts';
import {
  category,
  createCategoryBody,
  createProductBody,
  product,
  productListQuery,
  updateCategoryBody,
  updateProductBody,
} from './products.schemas.ts';
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  PRODUCT_OBJECT_TYPE,
  updateProduct,
} from './products.service.ts';

const tags = ['products'];
const products = '/api/v1/products';
const categories = '/api/v1/product-categories';

/*
 * Products are company-wide master data (no owner, no data scope): products.view reads everything,
 * products.manage writes. The route table: permission, schemas, one-line handler.
 */
export const productRoutes = [
  defineRoute({
    method: 'GET',
    url: products,
    permission: 'products.view',
    summary: 'List products in code order (keyset-paginated); search code/name, filter by category subtree and status',
    tags,
    query: productListQuery,
    response: page(product),
    handler: (ctx, { query }) => listProducts(ctx.tx, ctx.actor.tenantId, query),
  }),
  defineRoute({
    method: 'GET',
    url: `${products}/:id`,
    permission: 'products.view',
    summary: 'One product with its units and prices',
    tags,
    params: idParams,
    response: product,
    handler: (ctx, { params }) => getProduct(ctx.tx, ctx.actor.tenantId, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: products,
    permission: 'products.manage',
    summary: 'Create a product with its base unit, extra units (conversion factors) and list prices',
    tags,
    body: createProductBody,
    response: product,
    status: 201,
    audit: { objectType: PRODUCT_OBJECT_TYPE, action: 'create' },
    handler: (ctx, { body }) => createProduct(ctx, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: `${products}/:id`,
    permission: 'products.manage',
    summary: 'Change a product; `units`, when given, replaces its extra units',
    tags,
    params: idParams,
    body: updateProductBody,
    response: product,
    audit: { objectType: PRODUCT_OBJECT_TYPE, action: 'update' },
    handler: (ctx, { params, body }) => updateProduct(ctx, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: `${products}/:id`,
    permission: 'products.manage',
    summary: 'Delete a product (refused while quotes, orders or stock refer to it; take it off sale instead)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: { objectType: PRODUCT_OBJECT_TYPE, action: 'delete' },
    handler: (ctx, { params }) => deleteProduct(ctx, params.id),
  }),
  historyRoute({
    url: `${products}/:id/history`,
    objectType: PRODUCT_OBJECT_TYPE,
    permission: 'products.view',
    tags,
    // A deleted product's history stays readable; another tenant's id finds neither (RLS).
    isVisible: (ctx, id) => existsOrExisted(ctx.tx, ctx.actor.tenantId, 'products', PRODUCT_OBJECT_TYPE, id),
  }),

  defineRoute({
    method: 'GET',
    url: categories,
    permission: 'products.view',
    summary: 'Product categories (产品分类) as a flat list in tree order, with path, depth and counts',
    tags,
    response: z.object({ items: z.array(category) }),
    handler: async (ctx) => ({ items: await listCategories(ctx.tx, ctx.actor.tenantId) }),
  }),
  defineRoute({
    method: 'GET',
    url: `${categories}/:id`,
    permission: 'products.view',
    summary: 'One product category',
    tags,
    params: idParams,
    response: category,
    handler: (ctx, { params }) => getCategory(ctx.tx, ctx.actor.tenantId, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: categories,
    permission: 'products.manage',
    summary: 'Add a product category, top-level or under a parent',
    tags,
    body: createCategoryBody,
    response: category,
    status: 201,
    audit: { objectType: CATEGORY_OBJECT_TYPE, action: 'create' },
    handler: (ctx, { body }) => createCategory(ctx, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: `${categories}/:id`,
    permission: 'products.manage',
    summary: 'Rename, reorder or move a product category (moving under itself or a descendant is refused)',
    tags,
    params: idParams,
    body: updateCategoryBody,
    response: category,
    audit: { objectType: CATEGORY_OBJECT_TYPE, action: 'update' },
    handler: (ctx, { params, body }) => updateCategory(ctx, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: `${categories}/:id`,
    permission: 'products.manage',
    summary: 'Delete an empty product category (refused while it has products or sub-categories)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: { objectType: CATEGORY_OBJECT_TYPE, action: 'delete' },
    handler: (ctx, { params }) => deleteCategory(ctx, params.id),
  }),
  historyRoute({
    url: `${categories}/:id/history`,
    objectType: CATEGORY_OBJECT_TYPE,
    permission: 'products.view',
    tags,
    isVisible: (ctx, id) => existsOrExisted(ctx.tx, ctx.actor.tenantId, 'product_categories', CATEGORY_OBJECT_TYPE, id),
  }),
];
