// Where the customers core meets the modules written alongside it (查重, credit codes, custom fields).

export { creditCodeProblem, normalizeCreditCode, validateCreditCode } from '../../platform/text/index.ts';
export {
  customFilterFromQuery,
  listCustomFields,
  liveCustomValues,
  mergeCustomValues,
  validateCustomValues,
} from '../customfields/index.ts';
export { customerKeys, findDuplicates } from './customers.dedupe.ts';
