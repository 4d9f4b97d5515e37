import { defineMessages } from '../i18n/i18n.ts';

export interface FieldError {
  /** Message key, translated at the edge. */
  key: string;
  params?: Record<string, unknown>;
}

/**
 * A failure the client caused or may act on. The code is stable (e.g. "org.department_not_empty") and
 * doubles as the message key; status is 400/401/403/404/409/422/429.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly fields?: Record<string, FieldError>,
    /** Extra machine-readable data sent inside the error object, e.g. the matches of a duplicate check. */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'common.not_found');
export const forbidden = () => new AppError(403, 'common.forbidden');
export const conflict = (code: string, params?: Record<string, unknown>) => new AppError(409, code, params);
export const unprocessable = (code: string, params?: Record<string, unknown>) => new AppError(422, code, params);
/** A 400 naming the offending field, for rules zod cannot express (e.g. a department id that must exist). */
export const invalidField = (field: string, key: string, params?: Record<string, unknown>) =>
  new AppError(400, 'common.validation', {}, { [field]: { key, params } });

/**
 * A 400 with the field errors of a zod parse that ran inside a handler (a nested input checked against another
 * module's schema), each field named under `prefix` ("customer.name", "steps.opportunity.amount"): the first issue
 * per field, its message when it is a catalogue key, else field.invalid_type.
 */
export function zodFieldsError(
  prefix: string,
  error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> },
) {
  const fields: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const field = [prefix, ...issue.path.map(String)].join('.');
    fields[field] ??= { key: issue.message.includes('.') ? issue.message : 'field.invalid_type' };
  }
  return new AppError(400, 'common.validation', {}, fields);
}

defineMessages({
  'common.not_found': { 'zh-CN': '记录不存在或无权访问', en: 'Record not found' },
  'common.forbidden': { 'zh-CN': '没有执行此操作的权限', en: 'You do not have permission to do this' },
  'common.unauthenticated': { 'zh-CN': '请先登录', en: 'Please log in' },
  'common.validation': { 'zh-CN': '输入有误，请检查标注的字段', en: 'Some fields are invalid' },
  'common.internal': { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal server error, please try again later' },
  'common.payload_too_large': { 'zh-CN': '上传内容过大', en: 'The upload is too large' },
  'common.bad_request': { 'zh-CN': '请求格式错误', en: 'Malformed request' },
  'common.csrf': { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page has expired, refresh and try again' },
  'common.rate_limited': { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many attempts, try again later' },
  'common.conflict': { 'zh-CN': '数据已被修改或重复，请刷新后重试', en: 'The data conflicts with an existing record' },
  'field.required': { 'zh-CN': '必填', en: 'Required' },
  'field.invalid_type': { 'zh-CN': '格式不正确', en: 'Invalid value' },
  'field.too_short': { 'zh-CN': '至少 {min} 个字符', en: 'At least {min} characters' },
  'field.too_long': { 'zh-CN': '最多 {max} 个字符', en: 'At most {max} characters' },
  'field.too_small': { 'zh-CN': '不能小于 {min}', en: 'Must be at least {min}' },
  'field.too_big': { 'zh-CN': '不能大于 {max}', en: 'Must be at most {max}' },
  'field.too_few_items': { 'zh-CN': '至少选择 {min} 项', en: 'Choose at least {min}' },
  'field.invalid_email': { 'zh-CN': '邮箱格式不正确', en: 'Invalid e-mail address' },
  'field.invalid_uuid': { 'zh-CN': 'ID 格式不正确', en: 'Invalid id' },
  'field.invalid_mobile': { 'zh-CN': '手机号格式不正确', en: 'Invalid mobile number' },
  'field.invalid_option': { 'zh-CN': '不是允许的选项', en: 'Not an allowed option' },
  'field.unknown': { 'zh-CN': '不允许的字段', en: 'Unknown field' },
  'field.not_found': { 'zh-CN': '引用的记录不存在', en: 'The referenced record does not exist' },
});
