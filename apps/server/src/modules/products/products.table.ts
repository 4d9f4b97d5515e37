import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  numeric,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';

export const productStatuses = ['active', 'inactive'] as const;
export type ProductStatus = (typeof productStatuses)[number];

/** Stands in for "no parent" in the sibling-name index (NULLs are distinct in a plain unique index). */
const NO_PARENT = sql.raw(`'00000000-0000-0000-0000-000000000000'::uuid`);

/**
 * Product categories (产品分类), a tree per tenant: company-wide master data, no owner. Names are unique among
 * siblings. Cycles are refused by the service; a category with products or children cannot be deleted.
 */
export const productCategories = pgTable(
  'product_categories',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'product_categories_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    index('product_categories_parent_idx').on(t.tenantId, t.parentId, t.sortOrder),
    uniqueIndex('product_categories_sibling_name_uq').on(
      t.tenantId,
      sql`coalesce(${t.parentId}, ${NO_PARENT})`,
      sql`lower(${t.name})`,
    ),
    tenantIsolation('product_categories'),
  ],
);

/**
 * Products (产品): company-wide master data, no owner and so no data scope. Money and factors are NUMERIC
 * (drizzle hands them over as strings, never floats). `price` is the list price per base unit; null means none
 * (价格面议). Extra units live in product_units.
 */
export const products = pgTable(
  'products',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    /** 产品编码, unique per tenant ignoring case. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    categoryId: uuid('category_id'),
    /** 规格型号, e.g. 70g 500张/包. */
    specification: text('specification'),
    /** 基本单位: what stock counts in and every extra unit's factor refers to. */
    baseUnit: text('base_unit').notNull(),
    price: numeric('price', { precision: 14, scale: 2 }),
    status: text('status', { enum: productStatuses }).notNull().default('active'),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'products_category_fk',
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [productCategories.tenantId, productCategories.id],
    }),
    index('products_category_idx').on(t.tenantId, t.categoryId),
    // Also serves the list, which pages in code order.
    uniqueIndex('products_code_uq').on(t.tenantId, sql`lower(${t.code})`),
    check('products_price_nonnegative', sql`${t.price} >= 0`),
    tenantIsolation('products'),
  ],
);

/**
 * Extra units of a product (辅助单位): 1 <name> = <factor> base units. `price` is the unit's own list price; null
 * means base price × factor. Unit names are unique within a product (the base unit's name included, checked by
 * the service). Replaced as a set when a product's units are edited; a unit keeps its id while its name stays.
 */
export const productUnits = pgTable(
  'product_units',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    productId: uuid('product_id').notNull(),
    name: text('name').notNull(),
    factor: numeric('factor', { precision: 18, scale: 6 }).notNull(),
    price: numeric('price', { precision: 14, scale: 2 }),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'product_units_product_fk',
      columns: [t.tenantId, t.productId],
      foreignColumns: [products.tenantId, products.id],
    }).onDelete('cascade'),
    // Leads with the foreign key's columns, so it also indexes product_units_product_fk.
    uniqueIndex('product_units_name_uq').on(t.tenantId, t.productId, sql`lower(${t.name})`),
    check('product_units_factor_positive', sql`${t.factor} > 0`),
    check('product_units_price_nonnegative', sql`${t.price} >= 0`),
    tenantIsolation('product_units'),
  ],
);

export type ProductCategoryRow = typeof productCategories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type ProductUnitRow = typeof productUnits.$inferSelect;
