/** Phone clean-up applied before validation and storage (full-width digits, spaces, brackets, +86 on mobiles). */

const toHalfWidth = (s: string) => s.normalize('NFKC');

/** "０１０ 1234-5678" → "010-12345678"; "+86 139 1234 5678" → "13912345678". */
export function normalisePhone(raw: string): string {
  let v = toHalfWidth(raw).replace(/[\s()（）]/g, '');
  v = v.replace(/^(\+?86)(?=1[3-9]\d{9}$)/, '');
  return v.replace(/-+/g, '-').replace(/^-|-$/g, '');
}
