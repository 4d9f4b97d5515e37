import Decimal from 'decimal.js';
import { formatMoney, lineAmount, MONEY_DP, roundMoney } from '../products/units.ts';

/*
 * Quote arithmetic (报价金额计算). Pure: strings in, strings out, decimal.js throughout, never floats.
 *
 * Rounding (四舍五入 = ROUND_HALF_UP, to fen, 2 decimals), per line first, then sums:
 * 1. gross        = round(quantity × unit price)              — products/units.ts lineAmount: 金额 = 数量 × 单价
 * 2. discount     = round(gross × discount% / 100)            — the line's own discount (折扣, 0–100 %)
 * 3. net          = gross − discount                          — 不含税金额 of the line (exact: both are fen)
 * 4. tax          = round(net × tax rate% / 100)              — 增值税 on the line (13, 9, 6, 0 …)
 * 5. total        = net + tax                                 — 价税合计 of the line
 * Quote: subtotal = Σ gross; line discounts = Σ discount; the extra whole-quote discount (整单优惠, an amount)
 * is then spread over the lines in proportion to their net amounts, each share rounded half up and the last
 * line taking the remainder, so the shares add up to the extra discount exactly and the tax stays per line
 * (each line's tax rate applies to its own net after its share). Then:
 *   discountTotal = Σ line discounts + extra discount
 *   amountExclTax = subtotal − discountTotal        (= Σ line nets after the extra discount)
 *   tax           = Σ line taxes (computed on the nets after the share)
 *   total         = amountExclTax + tax
 * All sums are exact (adding fen never rounds). An extra discount larger than Σ nets is refused
 * (QuoteTotalsError), as is a discount or tax rate outside 0–100.
 */

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const HALF_UP = Decimal.ROUND_HALF_UP;
const pct = (amount: Decimal, rate: Decimal) => amount.times(rate).dividedBy(100).toDecimalPlaces(MONEY_DP, HALF_UP);

export interface LineInput {
  quantity: string;
  unitPrice: string;
  /** Percent off, 0–100, at most 2 decimals. */
  discountRate: string;
  /** VAT rate in percent, 0–100. */
  taxRate: string;
}

export interface LineTotals {
  /** quantity × unit price, rounded. */
  gross: string;
  /** The line's own discount. */
  discount: string;
  /** This line's share of the whole-quote extra discount. */
  extraDiscount: string;
  /** gross − discount − extraDiscount: the amount excluding tax. */
  net: string;
  tax: string;
  /** net + tax (价税合计). */
  total: string;
}

export interface QuoteTotals {
  lines: LineTotals[];
  subtotal: string;
  lineDiscount: string;
  extraDiscount: string;
  discountTotal: string;
  amountExclTax: string;
  tax: string;
  total: string;
}

export class QuoteTotalsError extends Error {
  constructor(
    readonly code: 'quotes.extra_discount_too_large' | 'quotes.invalid_rate',
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'QuoteTotalsError';
  }
}

function rate(v: string): Decimal {
  const r = new D(v);
  if (r.isNegative() || r.greaterThan(100)) throw new QuoteTotalsError('quotes.invalid_rate', { rate: v });
  return r;
}

/** Totals of a quote's lines and its extra discount, rounded as documented above. */
export function computeTotals(lines: readonly LineInput[], extraDiscount: string = '0'): QuoteTotals {
  const pre = lines.map((l) => {
    const gross = lineAmount(l.quantity, l.unitPrice);
    const discount = pct(gross, rate(l.discountRate));
    return { gross, discount, net: gross.minus(discount), taxRate: rate(l.taxRate) };
  });
  const netSum = pre.reduce((s, l) => s.plus(l.net), new D(0));
  const extra = roundMoney(extraDiscount);
  if (extra.isNegative() || extra.greaterThan(netSum)) {
    throw new QuoteTotalsError('quotes.extra_discount_too_large', { max: formatMoney(netSum) });
  }
  // Spread the extra discount in proportion to the nets; the last line with a net takes the remainder.
  const shares = pre.map(() => new D(0));
  if (!extra.isZero()) {
    let left = extra;
    const lastIdx = pre.map((l) => !l.net.isZero()).lastIndexOf(true);
    pre.forEach((l, i) => {
      if (i === lastIdx || l.net.isZero()) return;
      const share = Decimal.min(extra.times(l.net).dividedBy(netSum).toDecimalPlaces(MONEY_DP, HALF_UP), left);
      shares[i] = share;
      left = left.minus(share);
    });
    if (lastIdx >= 0) shares[lastIdx] = left;
  }
  let subtotal = new D(0);
  let lineDiscount = new D(0);
  let tax = new D(0);
  const out: LineTotals[] = pre.map((l, i) => {
    const share = shares[i] ?? new D(0);
    const net = l.net.minus(share);
    const lineTax = pct(net, l.taxRate);
    subtotal = subtotal.plus(l.gross);
    lineDiscount = lineDiscount.plus(l.discount);
    tax = tax.plus(lineTax);
    return {
      gross: l.gross.toFixed(MONEY_DP),
      discount: l.discount.toFixed(MONEY_DP),
      extraDiscount: share.toFixed(MONEY_DP),
      net: net.toFixed(MONEY_DP),
      tax: lineTax.toFixed(MONEY_DP),
      total: net.plus(lineTax).toFixed(MONEY_DP),
    };
  });
  const discountTotal = lineDiscount.plus(extra);
  const amountExclTax = subtotal.minus(discountTotal);
  return {
    lines: out,
    subtotal: subtotal.toFixed(MONEY_DP),
    lineDiscount: lineDiscount.toFixed(MONEY_DP),
    extraDiscount: extra.toFixed(MONEY_DP),
    discountTotal: discountTotal.toFixed(MONEY_DP),
    amountExclTax: amountExclTax.toFixed(MONEY_DP),
    tax: tax.toFixed(MONEY_DP),
    total: amountExclTax.plus(tax).toFixed(MONEY_DP),
  };
}

/**
 * The approval seam (审批): true when any line's discount rate, or the whole-quote extra discount as a percent
 * of the amount after line discounts, exceeds the tenant's threshold (default 20 %). Exactly at the threshold
 * needs no approval. The approvals module decides what happens with it; this only says whether it applies.
 */
export function quoteNeedsApproval(
  quote: {
    lines: ReadonlyArray<{ discountRate: string }>;
    extraDiscount: string;
    totals?: Pick<QuoteTotals, 'subtotal' | 'lineDiscount'>;
  },
  settings: { discountThreshold: string },
): boolean {
  const threshold = new D(settings.discountThreshold);
  if (quote.lines.some((l) => new D(l.discountRate).greaterThan(threshold))) return true;
  const extra = new D(quote.extraDiscount || '0');
  if (extra.isZero()) return false;
  const totals = quote.totals;
  if (!totals) return false;
  const base = new D(totals.subtotal).minus(totals.lineDiscount);
  if (base.isZero()) return true;
  return extra.dividedBy(base).times(100).greaterThan(threshold);
}
