import { escapeLike } from './like.ts';
import { emailKey, normalizeWidth } from './normalize.ts';

/**
 * What a search box's text stands for, for the search functions of migrations 0006/0012/0016
 * (search_customer_ids, search_contact_ids): a substring of a name, of phone digits, or of an e-mail address.
 */
export interface SearchPatterns {
  /** ILIKE pattern on names, for texts of 3+ characters (the trigram indexes serve those). */
  name: string | null;
  /**
   * The text itself when it is 1 or 2 characters (张伟, 恒远): trigrams cannot look those up, so they match the
   * names' 1- and 2-character pieces (huike_grams) through their own GIN index instead.
   */
  gram: string | null;
  /** LIKE pattern on normalised phone digits, when the text could be part of a number (3+ digits). */
  phone: string | null;
  /** LIKE pattern on normalised e-mail, when the text could be part of an address. */
  email: string | null;
}

export function searchPatterns(q: string): SearchPatterns {
  const text = normalizeWidth(q).trim();
  const digits = text.replace(/[\s()+-]/g, '');
  const email = emailKey(text);
  const short = [...text].length <= 2;
  return {
    name: short ? null : `%${escapeLike(text)}%`,
    gram: short && text ? text.toLowerCase() : null,
    phone: /^\d{3,}$/.test(digits) ? `%${digits}%` : null,
    email: email && /^[\w.+@-]{3,}$/.test(email) ? `%${escapeLike(email)}%` : null,
  };
}
