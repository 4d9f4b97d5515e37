import { normalizeWidth } from './normalize.ts';

/*
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 *   1      registration authority (登记管理部门代码)
 *   2      organisation category (机构类别代码)
 *   3–8    administrative division (登记管理机关行政区划码), digits
 *   9–17   subject identifier = the organisation code (组织机构代码, GB 11714: 8 characters + its check character)
 *   18     check character over the first 17, modulo 31
 * The alphabet leaves out I, O, S, V and Z.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 11714 weights for the 8 body characters of an organisation code; digits 0–9, letters A=10 … Z=35. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const orgValue = (ch: string) => (ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55);

export type CreditCodeProblem = 'length' | 'charset' | 'checksum' | 'org_code';

/** The canonical form a code is stored and compared in: half-width, no spaces or dashes, upper case. */
export function normalizeCreditCode(code: string): string {
  return normalizeWidth(code).replace(/[\s-]/gu, '').toUpperCase();
}

/** The check character (position 18) for the first 17 characters of a code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an organisation code's first 8 characters: 0–9 or X. */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(first8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** What is wrong with a (normalised) credit code, or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'charset';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'checksum';
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return 'org_code';
  return null;
}

/**
 * True when the code is a well-formed 统一社会信用代码: 18 characters of the GB 32100 alphabet, digits in the
 * division code, a correct check character, and a correct check character of the embedded organisation code.
 * Full-width characters, spaces and lower case are accepted (normalised first).
 */
export function validateCreditCode(code: string): boolean {
  return creditCodeProblem(normalizeCreditCode(code)) === null;
}
