import { roundMoney } from '../products/units.ts';

/*
 * Amounts in Chinese capital numerals (人民币大写金额), as invoices and quotes print them:
 * 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分; 100 → 壹佰元整; 1000.5 → 壹仟元伍角整; 1.05 → 壹元零伍分; 0.3 → 叁角整;
 * 10 → 壹拾元整 (a leading ten keeps 壹, as financial writing requires); 100010000 → 壹亿零壹万元整; 0 → 零元整.
 * Zeros inside the integer part collapse to one 零; a group of four after a non-zero group that starts with zeros
 * gets a 零 (壹万零壹拾). "整" ends the text when there are no 分. Negative amounts get 负. Input is rounded to fen
 * half up first; up to 16 integer digits (NUMERIC(18,2)).
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['仟', '佰', '拾', ''];
const GROUPS = ['万亿', '亿', '万', ''];

/** Four digits (1–9999) without leading 零; zeros inside collapse to one 零. */
function group(n: number): string {
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out) zero = true;
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + PLACES[i]!;
  });
  return out;
}

export function toChineseCapital(amount: string | number): string {
  const fixed = roundMoney(String(amount)).toFixed(2);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [intText = '0', frac = '00'] = fixed.replace('-', '').split('.');
  if (intText.length > 16) throw new RangeError(`amount too large: ${amount}`);
  const padded = intText.padStart(16, '0');
  let integer = '';
  let pendingZero = false;
  for (let g = 0; g < 4; g++) {
    const n = Number(padded.slice(g * 4, g * 4 + 4));
    if (n === 0) {
      if (integer) pendingZero = true;
      continue;
    }
    if (integer && (pendingZero || n < 1000)) integer += '零';
    integer += group(n) + GROUPS[g]!;
    pendingZero = false;
  }
  const jiao = Number(frac[0]);
  const fen = Number(frac[1]);
  let out = integer ? `${integer}元` : '';
  if (jiao === 0 && fen === 0) out = `${out || '零元'}整`;
  else if (jiao > 0) out += `${DIGITS[jiao]}角${fen > 0 ? `${DIGITS[fen]}分` : '整'}`;
  else out += `${integer ? '零' : ''}${DIGITS[fen]}分`;
  return (negative ? '负' : '') + out;
}
