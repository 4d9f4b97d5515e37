import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';

// The only file other modules may import. Quotes, orders and stock use the unit library and read products here.
export type { ProductContext } from './categories.service.ts';
export { productRoutes } from './products.routes.ts';
export type { Category, Product } from './products.schemas.ts';
export { getProduct, getProducts } from './products.service.ts';
export { productCategories, products, productUnits } from './products.table.ts';
export { type ProductUsage, registerProductUsage } from './products.usage.ts';
export * from './units.ts';

declareModule({
  module: 'products',
  label: { 'zh-CN': '产品', en: 'Products' },
  // Company-wide master data: no owner, so no data scope. Viewing covers categories; managing covers both.
  actions: { view: a.view, manage: a.manage },
  scoped: false,
});

defineMessages({
  'products.code_taken': { 'zh-CN': '产品编码“{code}”已存在', en: 'The product code "{code}" is already in use' },
  'products.invalid_price': {
    'zh-CN': '请输入不小于 0 的金额，最多两位小数',
    en: 'Enter an amount of at least 0 with at most two decimals',
  },
  'products.invalid_factor': {
    'zh-CN': '换算系数须大于 0，最多六位小数',
    en: 'The conversion factor must be greater than 0, with at most six decimals',
  },
  'products.duplicate_unit': {
    'zh-CN': '单位“{name}”在本产品中重复（含基本单位）',
    en: 'The unit "{name}" appears twice in this product (base unit included)',
  },
  'products.unknown_unit': {
    'zh-CN': '产品没有单位“{unit}”（可用单位：{units}）',
    en: 'The product has no unit "{unit}" (its units: {units})',
  },
  'products.inexact_conversion': {
    'zh-CN': '{quantity} {from} 无法精确换算为{to}',
    en: '{quantity} {from} cannot be converted to {to} exactly',
  },
  'products.in_use': {
    'zh-CN': '产品“{name}”已被业务单据引用，不能删除，可将其下架',
    en: 'The product "{name}" is used by documents and cannot be deleted; take it off sale instead',
  },
  'products.category_cycle': {
    'zh-CN': '不能把分类移动到它自己或它的子分类之下',
    en: 'A category cannot be moved under itself or one of its sub-categories',
  },
  'products.category_name_taken': {
    'zh-CN': '同一上级分类下已有名为“{name}”的分类',
    en: 'A category named "{name}" already exists at this level',
  },
  'products.category_not_empty': {
    'zh-CN': '分类「{name}」下还有 {products} 个产品和 {children} 个子分类，请先移走或删除后再删除该分类',
    en: 'Category "{name}" still has {products} products and {children} sub-categories; move or delete them first',
  },
});
