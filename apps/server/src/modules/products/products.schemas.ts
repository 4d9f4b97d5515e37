import { z } from 'zod';
import { listQuery, name, optionalText } from '../../platform/http/schemas.ts';
import { productStatuses } from './products.table.ts';

/* Money and factors travel as decimal strings ("60.00", "0.5"), exactly as NUMERIC stores them. */

export const category = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  sortOrder: z.number().int(),
  /** Names from the root down to this category, e.g. ["办公用品", "纸张"]. */
  path: z.array(z.string()),
  depth: z.number().int(),
  /** Products directly in this category (sub-categories not included). */
  productCount: z.number().int(),
  childCount: z.number().int(),
});
export type Category = z.infer<typeof category>;

export const productUnit = z.object({
  id: z.uuid(),
  name: z.string(),
  /** How many base units one of this unit holds, e.g. "24" (1 箱 = 24 袋). */
  factor: z.string(),
  /** The unit's own list price; null when it follows the base price. */
  price: z.string().nullable(),
  /** What one of this unit costs: its own price, else base price × factor rounded to fen; null without a list price. */
  effectivePrice: z.string().nullable(),
});

export const product = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  specification: z.string().nullable(),
  baseUnit: z.string(),
  /** List price per base unit; null means none (价格面议). */
  price: z.string().nullable(),
  status: z.enum(productStatuses),
  description: z.string().nullable(),
  units: z.array(productUnit),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Product = z.infer<typeof product>;

/** A decimal given as a string or a JSON number, checked against a pattern with no rounding. */
const decimal = (pattern: RegExp, message: string) =>
  z
    .union([z.string().trim(), z.number()])
    .transform((v) => String(v))
    .pipe(z.string().regex(pattern, { message }));

/** Money: ≥ 0, at most 12 digits before the point and 2 after (NUMERIC(14,2)). */
export const money = () => decimal(/^\d{1,12}(\.\d{1,2})?$/, 'products.invalid_price');
/** A conversion factor: > 0, at most 12 digits before the point and 6 after (NUMERIC(18,6)). */
export const factor = () =>
  decimal(/^\d{1,12}(\.\d{1,6})?$/, 'products.invalid_factor').refine((v) => /[1-9]/.test(v), {
    message: 'products.invalid_factor',
  });
export const unitName = () => name(10);
const nullableMoney = () =>
  money()
    .nullish()
    .transform((v) => v ?? null);

export const unitInput = z.strictObject({
  name: unitName(),
  factor: factor(),
  /** Omit or null: the unit costs base price × factor. */
  price: nullableMoney(),
});
export type UnitInput = z.infer<typeof unitInput>;

const productFields = {
  code: z.string().trim().min(1).max(50),
  name: name(100),
  categoryId: z.uuid().nullish(),
  specification: optionalText(200),
  baseUnit: unitName(),
  price: nullableMoney(),
  status: z.enum(productStatuses),
  description: optionalText(2000),
  /** Extra units; on update the list replaces the product's extra units (a unit keeps its id while its name stays). */
  units: z.array(unitInput).max(10),
};

export const createProductBody = z.strictObject({
  ...productFields,
  status: productFields.status.default('active'),
  units: productFields.units.default([]),
});
export type CreateProduct = z.infer<typeof createProductBody>;

export const updateProductBody = z.strictObject({
  code: productFields.code.optional(),
  name: productFields.name.optional(),
  categoryId: z.uuid().nullable().optional(),
  specification: productFields.specification.optional(),
  baseUnit: productFields.baseUnit.optional(),
  price: money().nullable().optional(),
  status: productFields.status.optional(),
  description: productFields.description.optional(),
  units: productFields.units.optional(),
});
export type UpdateProduct = z.infer<typeof updateProductBody>;

const bool = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional();

export const productListQuery = listQuery.extend({
  /** Substring of the code or the name. */
  q: z.string().trim().max(100).optional(),
  categoryId: z.uuid().optional(),
  /** With categoryId: also products in its sub-categories, at any depth (default true). */
  includeSubcategories: bool(),
  status: z.enum(productStatuses).optional(),
});
export type ProductListQuery = z.infer<typeof productListQuery>;

const sortOrder = () => z.number().int().min(0).max(1_000_000);

export const createCategoryBody = z.strictObject({
  name: name(50),
  /** Omit or null: a top-level category. */
  parentId: z.uuid().nullish(),
  sortOrder: sortOrder().optional(),
});
export type CreateCategory = z.infer<typeof createCategoryBody>;

export const updateCategoryBody = z.strictObject({
  name: name(50).optional(),
  /** Move the category; null makes it top-level. */
  parentId: z.uuid().nullable().optional(),
  sortOrder: sortOrder().optional(),
});
export type UpdateCategory = z.infer<typeof updateCategoryBody>;
