export {
  type CreditCodeProblem,
  creditCodeCheckChar,
  creditCodeProblem,
  normalizeCreditCode,
  orgCodeCheckChar,
  validateCreditCode,
} from './credit-code.ts';
export { escapeLike } from './like.ts';
export { cleanText, companyNameKey, emailKey, normalizeWidth, phoneKey } from './normalize.ts';
export { type SearchPatterns, searchPatterns } from './search-patterns.ts';
