import { sql } from 'drizzle-orm';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import { registerProductUsage } from '../products/index.ts';
import './quotes.object.ts';
import './quotes.approval.ts';

// The only file other modules may import. Approvals use quoteNeedsApproval and the statuses.
export { seedDemoQuotes } from './quotes.demo.ts';
export { quoteObject } from './quotes.object.ts';
export { quoteAccess, quoteVisibility } from './quotes.policy.ts';
export { toChineseCapital } from './quotes.rmb.ts';
export { quotesRoutes } from './quotes.routes.ts';
export { readQuoteSettings } from './quotes.service.ts';
export { type QuoteStatus, quoteCounters, quoteLines, quoteSettings, quoteStatuses, quotes } from './quotes.table.ts';
export { computeTotals, quoteNeedsApproval } from './quotes.totals.ts';

// A product on a quote line cannot be deleted (it is taken off sale instead).
registerProductUsage({
  type: 'quote_lines',
  label: { 'zh-CN': '报价明细', en: 'Quote lines' },
  count: async (tx, tenantId, productId) => {
    const res = await tx.execute(
      sql`SELECT count(*)::int AS n FROM quote_lines WHERE tenant_id = ${tenantId} AND product_id = ${productId}`,
    );
    return Number(res.rows[0]?.n ?? 0);
  },
});

defineMessages({
  'quotes.invalid_money': {
    'zh-CN': '请输入不小于 0 的金额，最多两位小数',
    en: 'Enter an amount ≥ 0 with at most two decimals',
  },
  'quotes.invalid_quantity': {
    'zh-CN': '数量须大于 0，最多四位小数',
    en: 'The quantity must be greater than 0, with at most four decimals',
  },
  'quotes.invalid_percent': {
    'zh-CN': '请输入 0–100 之间的百分比，最多两位小数',
    en: 'Enter a percentage between 0 and 100 with at most two decimals',
  },
  'quotes.invalid_rate': { 'zh-CN': '比例须在 0–100 之间', en: 'Rates must be between 0 and 100' },
  'quotes.invalid_date': { 'zh-CN': '日期格式不正确（YYYY-MM-DD）', en: 'Invalid date (YYYY-MM-DD)' },
  'quotes.contact_not_of_customer': {
    'zh-CN': '联系人不属于所选客户',
    en: 'The contact does not belong to the customer',
  },
  'quotes.opportunity_not_of_customer': {
    'zh-CN': '商机不属于所选客户',
    en: 'The opportunity does not belong to the customer',
  },
  'quotes.product_inactive': {
    'zh-CN': '产品“{name}”已下架，不能报价',
    en: 'The product "{name}" is off sale and cannot be quoted',
  },
  'quotes.price_required': {
    'zh-CN': '产品“{name}”没有标准价，请填写单价',
    en: 'The product "{name}" has no list price; enter a unit price',
  },
  'quotes.extra_discount_too_large': {
    'zh-CN': '整单优惠不能超过折后金额 {max}',
    en: 'The extra discount cannot exceed the amount after discounts ({max})',
  },
  'quotes.not_editable': {
    'zh-CN': '只有草稿状态的报价可以修改或删除',
    en: 'Only a draft quote can be changed or deleted',
  },
  'quotes.not_submittable': {
    'zh-CN': '只有草稿状态的报价可以提交审批',
    en: 'Only a draft quote can be submitted for approval',
  },
  'quotes.invalid_transition': {
    'zh-CN': '报价当前状态不能改为该状态',
    en: 'The quote cannot move to that status from its current one',
  },
  'quotes.not_sendable': {
    'zh-CN': '该报价当前状态不能发送',
    en: 'The quote cannot be sent in its current status',
  },
  'quotes.approval_required': {
    'zh-CN': '折扣超过审批阈值，需审批通过后才能发送',
    en: 'The discount exceeds the approval threshold; the quote must be approved before it is sent',
  },
  'quotes.no_contact': { 'zh-CN': '请先为报价选择联系人', en: 'Choose a contact for the quote first' },
  'quotes.contact_no_email': {
    'zh-CN': '联系人“{name}”没有电子邮箱，无法发送',
    en: 'The contact "{name}" has no e-mail address',
  },
  'quotes.pdf_font_missing': {
    'zh-CN': '服务器缺少中文字体（文泉驿微米黑 fonts-wqy-microhei），暂时无法生成 PDF，请使用打印预览',
    en: 'The server has no Chinese font (fonts-wqy-microhei installed), so no PDF can be made; use the print view',
  },
});
