import Decimal from 'decimal.js';

/*
 * Units of measure of a product and exact conversion between them (多单位换算). Pure: no database, no request.
 * Quotes, orders and stock import this; nothing here knows where the product came from.
 *
 * A product has one base unit (基本单位, e.g. 袋) and any number of extra units, each with a factor: how many base
 * units one of it holds. 1 箱 = 24 袋 → 箱 has factor 24; with kg as the base, 1 斤 = 0.5 kg → 斤 has factor 0.5;
 * 1 盒 = 0.5 箱 = 12 袋 → 盒 has factor 12. Choose the smallest unit as the base so every factor is a whole number or a
 * short decimal: 1 个 = 1/12 打 is not a finite decimal, so with 打 as the base 个 cannot be exact (use 个 as the base).
 *
 * Arithmetic and rounding rules:
 * - Everything is decimal (decimal.js, 40 significant digits), never binary floating point; inputs are strings
 *   (or Decimals) exactly as the API and the database (NUMERIC) carry them.
 * - Factors: positive, at most FACTOR_DP = 6 decimals (NUMERIC(18,6)).
 * - Quantities: at most QUANTITY_DP = 4 decimals (NUMERIC(18,4) where later modules store them). A conversion
 *   multiplies by the source factor and divides by the target factor, then rounds to 4 decimals ROUND_HALF_UP
 *   (half away from zero, so −0.00005 → −0.0001 like +0.00005 → 0.0001). With `{ exact: true }` it refuses
 *   instead of rounding (UnitError 'products.inexact_conversion'): stock movements use that, so 5 袋 never become
 *   0.2083 箱 and silently 4.9992 袋 on the way back. Converting into the base unit only multiplies, so it is exact
 *   whenever the quantity has ≤ 4 decimals and the factor is whole, and within 10 decimals in any case.
 * - Money: MONEY_DP = 2 decimals, ROUND_HALF_UP (四舍五入, as Chinese invoices round). An extra unit without a price
 *   of its own costs round(base price × factor), rounded once. A line amount (金额) is round(quantity × unit price)
 *   with the unit price of the line's own unit, the way 金额 = 数量 × 单价 reads on the invoice, not recomputed
 *   through the base unit; so 3 箱 at ¥60.00 is ¥180.00 even if 72 袋 × ¥2.49 would be ¥179.28.
 * - An unknown unit name is refused (UnitError 'products.unknown_unit'), never treated as the base unit. Unit names
 *   match after trimming and ignoring case (the API keeps them unique within a product on that basis).
 */

export const QUANTITY_DP = 4;
export const MONEY_DP = 2;
export const FACTOR_DP = 6;

/** A private Decimal: enough precision that no intermediate result of a conversion is ever rounded. */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const HALF_UP = Decimal.ROUND_HALF_UP;

export type DecimalValue = string | number | Decimal;

/** The unit data of one product, as the products API returns it (prices per unit as money strings). */
export interface ProductUnits {
  baseUnit: string;
  /** List price per base unit; null when the product has none (价格面议). */
  price: string | null;
  units: ReadonlyArray<{ name: string; factor: string; price?: string | null }>;
}

export type UnitErrorCode = 'products.unknown_unit' | 'products.inexact_conversion';

/** A conversion the product's units cannot do. `code` doubles as the message key, so callers can answer 400 with it. */
export class UnitError extends Error {
  constructor(
    readonly code: UnitErrorCode,
    readonly params: Record<string, string>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'UnitError';
  }
}

const key = (name: string) => name.trim().toLowerCase();

function findUnit(p: ProductUnits, unit: string): { name: string; factor: Decimal; price: string | null } {
  const k = key(unit);
  if (k === key(p.baseUnit)) return { name: p.baseUnit, factor: new D(1), price: p.price };
  const extra = p.units.find((u) => key(u.name) === k);
  if (!extra) throw new UnitError('products.unknown_unit', { unit, units: unitNames(p).join('、') });
  return { name: extra.name, factor: new D(extra.factor), price: extra.price ?? null };
}

/** The product's unit names, base unit first. */
export function unitNames(p: ProductUnits): string[] {
  return [p.baseUnit, ...p.units.map((u) => u.name)];
}

/** Is this one of the product's units (base or extra)? */
export function hasUnit(p: ProductUnits, unit: string): boolean {
  const k = key(unit);
  return k === key(p.baseUnit) || p.units.some((u) => key(u.name) === k);
}

/** How many base units one `unit` holds (1 for the base unit). */
export function factorOf(p: ProductUnits, unit: string): Decimal {
  return findUnit(p, unit).factor;
}

/**
 * `quantity` in unit `from`, expressed in unit `to`: quantity × factor(from) ÷ factor(to), rounded to 4 decimals
 * half up; with `exact`, a result that needs more than 4 decimals is refused instead.
 */
export function convertQuantity(
  p: ProductUnits,
  quantity: DecimalValue,
  from: string,
  to: string,
  opts: { exact?: boolean } = {},
): Decimal {
  const source = findUnit(p, from);
  const target = findUnit(p, to);
  const raw = new D(quantity).times(source.factor).dividedBy(target.factor);
  const rounded = raw.toDecimalPlaces(QUANTITY_DP, HALF_UP);
  if (opts.exact && !rounded.equals(raw)) {
    throw new UnitError('products.inexact_conversion', {
      quantity: new D(quantity).toFixed(),
      from: source.name,
      to: target.name,
    });
  }
  return rounded;
}

/** `quantity` in `unit`, expressed in the base unit (what stock counts in). */
export function toBaseQuantity(
  p: ProductUnits,
  quantity: DecimalValue,
  unit: string,
  opts: { exact?: boolean } = {},
): Decimal {
  return convertQuantity(p, quantity, unit, p.baseUnit, opts);
}

/** Round a money amount to fen (分), half up. */
export function roundMoney(amount: DecimalValue): Decimal {
  return new D(amount).toDecimalPlaces(MONEY_DP, HALF_UP);
}

/**
 * The list price of one `unit`: its own price when it has one, else round(base price × factor). Null when neither
 * is set (a product without a list price).
 */
export function unitPrice(p: ProductUnits, unit: string): Decimal | null {
  const u = findUnit(p, unit);
  if (u.price !== null && u.price !== undefined) return roundMoney(u.price);
  if (p.price === null || p.price === undefined) return null;
  return roundMoney(new D(p.price).times(u.factor));
}

/** 金额 of a line: round(quantity × unit price) to fen, half up. */
export function lineAmount(quantity: DecimalValue, price: DecimalValue): Decimal {
  return roundMoney(new D(quantity).times(price));
}

/**
 * A line of `quantity` in `unit` at the list price: the unit price and the amount, or null without a list price.
 * Also checks that the unit is the product's.
 */
export function priceLine(
  p: ProductUnits,
  quantity: DecimalValue,
  unit: string,
): { unitPrice: Decimal; amount: Decimal } | null {
  const price = unitPrice(p, unit);
  return price === null ? null : { unitPrice: price, amount: lineAmount(quantity, price) };
}

/** Money as the API writes it: always two decimals, e.g. "60.00". */
export const formatMoney = (amount: DecimalValue): string => roundMoney(amount).toFixed(MONEY_DP);

/** A quantity or factor as the API writes it: plain notation, no trailing zeros, e.g. "24", "0.5". */
export const formatDecimal = (value: DecimalValue): string => new D(value).toFixed();
