/**
 * Text normalisation for Chinese business data (数据清洗/统一标准): the same rules serve duplicate keys,
 * import cleaning and search, so "演示科技（中国）有限公司" typed in a full-width IME and "演示科技" match.
 */

/** Full-width ASCII (U+FF01–U+FF5E) to half-width, and the ideographic space (U+3000) to a plain space. */
export function normalizeWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Width-normalise, trim and collapse runs of whitespace to one space (import cleaning, display values). */
export function cleanText(text: string): string {
  return normalizeWidth(text).replace(/\s+/gu, ' ').trim();
}

/** Brackets that only say "China" add nothing: 西门子（中国）有限公司 is 西门子有限公司 for 查重. */
const CHINA_MARKER = /[([【〔［]\s*(?:中国|中國|china|prc)\s*[)\]】〕］]/giu;

/**
 * Legal-form suffixes removed from the end of a company name, longest first. Decisions:
 * - 集团 stays: "某某集团有限公司" keys as "某某集团", never as "某某" (the group is not its subsidiary 某某有限公司).
 * - a bare trailing 公司 goes (某某科技公司 = 某某科技有限公司), but not in 分公司 (a branch is its own record).
 * - branch and region words (北京分公司, (上海)) stay: they name different legal entities.
 */
const CHINESE_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '股份公司',
  '有限合伙',
  '(普通合伙)',
  '(有限合伙)',
  '(特殊普通合伙)',
];
const BARE_COMPANY = /(?<!分)公司$/u;

/** English legal forms, matched as whole words at the end: "Acme Co., Ltd." → "acme". */
const ENGLISH_SUFFIX =
  /(?:^|[\s,.])(?:co\.?,?\s*ltd|company\s+limited|pte\.?\s*ltd|limited|ltd|incorporated|inc|l\.?l\.?c|corporation|corp|company|co|gmbh|plc|s\.?a|a\.?g)\.?$/u;

const TRAILING_SEPARATORS = /[\s,.;:·、，。]+$/u;

function stripLegalForms(name: string): string {
  let rest = name;
  for (let changed = true; changed; ) {
    changed = false;
    rest = rest.replace(TRAILING_SEPARATORS, '');
    if (CHINESE_SUFFIXES.includes(rest)) break;
    for (const suffix of CHINESE_SUFFIXES) {
      if (rest.endsWith(suffix) && rest.length > suffix.length) {
        rest = rest.slice(0, -suffix.length);
        changed = true;
      }
    }
    if (BARE_COMPANY.test(rest) && rest.length > 2) {
      rest = rest.slice(0, -2);
      changed = true;
    }
    const english = rest.match(ENGLISH_SUFFIX);
    if (english && english.index! > 0) {
      rest = rest.slice(0, english.index);
      changed = true;
    }
  }
  return rest;
}

/** Every whitespace, punctuation and symbol character. */
const NOISE = /[\s\p{P}\p{S}]+/gu;

/**
 * The duplicate-check key of a customer name: half-width, lower case, legal-form suffixes and (中国) removed,
 * then every space and punctuation mark removed. A name that is nothing but a legal form keeps its own key.
 */
export function companyNameKey(name: string): string {
  const base = normalizeWidth(name).toLowerCase().replace(/\s+/gu, ' ').trim();
  const stripped = stripLegalForms(base.replace(CHINA_MARKER, ' ').trim()).replace(NOISE, '');
  return stripped || base.replace(NOISE, '');
}

/** Where a second number or an extension starts: "010-1234567 转 801", "139…/138…". */
const PHONE_CUT = /\s*(?:转|分机|ext\.?|x|#|[/,;、，；])/iu;

/**
 * The duplicate-check key of a phone number: digits only, the country code +86 / 0086 removed, the landline
 * area code kept (and restored when written internationally: +86 10 1234 5678 → 01012345678). An extension
 * or a second number after the first is ignored. Null when no digits are left.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const first = normalizeWidth(phone).trim().split(PHONE_CUT)[0] ?? '';
  const international = /^\s*(?:\+|00)\s*86/u.test(first);
  let digits = first.replace(/\D/gu, '');
  if (international) digits = digits.replace(/^(?:00)?86/u, '');
  else if (/^86\d{11}$/u.test(digits) && digits[2] === '1') digits = digits.slice(2);
  if (!digits) return null;
  const mobile = /^1\d{10}$/u.test(digits);
  if (international && !mobile && !digits.startsWith('0')) digits = `0${digits}`;
  return digits;
}

/** The duplicate-check key of an e-mail address: trimmed, half-width, lower case. Null when empty. */
export function emailKey(email: string | null | undefined): string | null {
  if (!email) return null;
  const key = normalizeWidth(email).trim().toLowerCase();
  return key || null;
}
