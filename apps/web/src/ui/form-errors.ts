import type { FormInstance } from 'antd';
import { isApiError } from './api.ts';

/**
 * Put the server's field errors onto the form's items. Returns true when at least one field was marked, so the
 * caller can skip a toast that would repeat it.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const marks = Object.entries(error.fields)
    .map(([path, message]) => ({ name: path.split('.')[0] ?? path, errors: [message] }))
    .filter((m) => known.has(m.name));
  if (marks.length) form.setFields(marks);
  return marks.length > 0;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
