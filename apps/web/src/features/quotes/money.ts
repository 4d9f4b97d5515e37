/*
 * The quote arithmetic of apps/server/src/modules/quotes/quotes.totals.ts, in the browser, for the editor's live
 * preview: BigInt fixed point, half up (四舍五入) per line, then sums, the extra discount spread over the lines in
 * proportion to their nets (the last line takes the remainder). What is saved is always the server's figures.
 */

const DEC = /^(\d+)(?:\.(\d+))?$/;

/** A decimal string as an integer number of 10^-scale units, or null when it is not a plain decimal ≥ 0. */
function toUnits(value: string, scale: number): bigint | null {
  const m = DEC.exec(value.trim());
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(scale + 1, '0');
  // Round the digits past `scale` half up.
  let units = BigInt(`${m[1]}${frac.slice(0, scale)}`);
  if (Number(frac[scale]) >= 5) units += 1n;
  return units;
}

/** Divide and round half up (both ≥ 0). */
const divRound = (a: bigint, b: bigint) => (a * 2n + b) / (2n * b);

/** fen → "1234.56" */
export const fen = (v: bigint) => {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

export interface LiveLine {
  quantity: string;
  unitPrice: string;
  discountRate: string;
  taxRate: string;
}

export interface LiveTotals {
  lines: { net: string; total: string }[];
  subtotal: string;
  discountTotal: string;
  amountExclTax: string;
  tax: string;
  total: string;
}

/** The preview totals, or null while some input is not a valid number. */
export function liveTotals(lines: LiveLine[], extraDiscount: string): LiveTotals | null {
  const pre: { gross: bigint; discount: bigint; net: bigint; tax: bigint }[] = [];
  for (const l of lines) {
    const q = toUnits(l.quantity, 4); // 10^-4
    const p = toUnits(l.unitPrice, 2); // fen
    const d = toUnits(l.discountRate || '0', 2); // 10^-2 %
    const t = toUnits(l.taxRate || '0', 2);
    if (q === null || p === null || d === null || t === null) return null;
    const gross = divRound(q * p, 10_000n);
    const discount = divRound(gross * d, 10_000n);
    pre.push({ gross, discount, net: gross - discount, tax: t });
  }
  const extra = toUnits(extraDiscount || '0', 2);
  if (extra === null) return null;
  const netSum = pre.reduce((s, l) => s + l.net, 0n);
  const shares = pre.map(() => 0n);
  if (extra > 0n && netSum > 0n) {
    // (BigInt: no Math.min)
    let left = extra;
    if (left > netSum) left = netSum;
    const lastIdx = pre.map((l) => l.net > 0n).lastIndexOf(true);
    pre.forEach((l, i) => {
      if (i === lastIdx || l.net === 0n) return;
      let share = divRound(extra * l.net, netSum);
      if (share > left) share = left;
      shares[i] = share;
      left -= share;
    });
    if (lastIdx >= 0) shares[lastIdx] = left;
  }
  let subtotal = 0n;
  let discountTotal = 0n;
  let tax = 0n;
  const out = pre.map((l, i) => {
    const net = l.net - (shares[i] ?? 0n);
    const lineTax = divRound(net * l.tax, 10_000n);
    subtotal += l.gross;
    discountTotal += l.discount + (shares[i] ?? 0n);
    tax += lineTax;
    return { net: fen(net), total: fen(net + lineTax) };
  });
  const exclTax = subtotal - discountTotal;
  return {
    lines: out,
    subtotal: fen(subtotal),
    discountTotal: fen(discountTotal),
    amountExclTax: fen(exclTax),
    tax: fen(tax),
    total: fen(exclTax + tax),
  };
}

/** 12345.6 → "12,345.60" */
export function formatMoney(v: string | null | undefined): string {
  if (v == null || v === '') return '—';
  const [i = '0', f = ''] = v.split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f.padEnd(2, '0').slice(0, 2)}`;
}
