/*
 * Just enough exact decimal arithmetic for the product form's previews (base price × factor), with BigInt, so the
 * page shows what the server will compute: money rounded to fen half up (四舍五入), as in apps/server's units.ts.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(value: string): { units: bigint; scale: number } | null {
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] ? -units : units, scale: fraction.length };
}

/** round(a × b) to `dp` decimals, half away from zero; null when either is not a plain decimal. */
export function multiply(a: string, b: string, dp = 2): string | null {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  let units = x.units * y.units;
  const scale = x.scale + y.scale;
  if (scale > dp) {
    const div = 10n ** BigInt(scale - dp);
    const negative = units < 0n;
    const abs = negative ? -units : units;
    let q = abs / div;
    if ((abs % div) * 2n >= div) q += 1n;
    units = negative ? -q : q;
  } else {
    units *= 10n ** BigInt(dp - scale);
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(dp + 1, '0');
  const whole = digits.slice(0, digits.length - dp);
  const frac = dp > 0 ? `.${digits.slice(-dp)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** A decimal without trailing zeros: "24.000" → "24", "0.50" → "0.5". */
export function plain(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** Is it a decimal with at most `dp` places (and not negative)? */
export const isDecimal = (value: string, dp: number) => new RegExp(`^\\d{1,12}(\\.\\d{1,${dp}})?$`).test(value.trim());
