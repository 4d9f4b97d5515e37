// The customer fields an import column may map to, their header synonyms (Chinese and English) and the
// automatic mapping of a file's headers onto them.
import type { CustomField } from '../customfields/index.ts';

export const STANDARD_FIELDS = [
  'name',
  'shortName',
  'kind',
  'creditCode',
  'industry',
  'level',
  'source',
  'status',
  'tags',
  'phone',
  'email',
  'website',
  'province',
  'city',
  'district',
  'street',
  'owner',
] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

/** The template's header for each field (zh-CN first, as a Chinese user's spreadsheet names it). */
export const FIELD_LABELS: Record<StandardField, { 'zh-CN': string; en: string }> = {
  name: { 'zh-CN': '客户名称', en: 'Name' },
  shortName: { 'zh-CN': '简称', en: 'Short name' },
  kind: { 'zh-CN': '客户类型', en: 'Kind' },
  creditCode: { 'zh-CN': '统一社会信用代码', en: 'Credit code' },
  industry: { 'zh-CN': '行业', en: 'Industry' },
  level: { 'zh-CN': '级别', en: 'Level' },
  source: { 'zh-CN': '来源', en: 'Source' },
  status: { 'zh-CN': '状态', en: 'Status' },
  tags: { 'zh-CN': '标签', en: 'Tags' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  email: { 'zh-CN': '邮箱', en: 'E-mail' },
  website: { 'zh-CN': '网址', en: 'Website' },
  province: { 'zh-CN': '省', en: 'Province' },
  city: { 'zh-CN': '市', en: 'City' },
  district: { 'zh-CN': '区', en: 'District' },
  street: { 'zh-CN': '地址', en: 'Address' },
  owner: { 'zh-CN': '负责人', en: 'Owner' },
};

const SYNONYMS: Record<StandardField, string[]> = {
  name: [
    '客户名称',
    '名称',
    '公司名称',
    '客户',
    '企业名称',
    '单位名称',
    '公司',
    'name',
    'customername',
    'company',
    'companyname',
  ],
  shortName: ['简称', '客户简称', '公司简称', 'shortname', 'abbreviation'],
  kind: ['客户类型', '类型', 'kind', 'type', 'customertype'],
  creditCode: [
    '统一社会信用代码',
    '信用代码',
    '社会信用代码',
    '统一信用代码',
    'creditcode',
    'uscc',
    'unifiedsocialcreditcode',
  ],
  industry: ['行业', '所属行业', 'industry'],
  level: ['级别', '客户级别', '等级', '客户等级', 'level', 'grade'],
  source: ['来源', '客户来源', 'source', 'leadsource'],
  status: ['状态', '客户状态', 'status'],
  tags: ['标签', '客户标签', 'tags', 'tag', 'labels'],
  phone: ['电话', '联系电话', '电话号码', '手机', '手机号', '手机号码', '座机', 'phone', 'tel', 'telephone', 'mobile'],
  email: ['邮箱', '电子邮箱', '邮件', '电子邮件', 'email', 'e-mail', 'mail'],
  website: ['网址', '网站', '官网', '公司网址', 'website', 'url', 'web', 'homepage'],
  province: ['省', '省份', '所在省', 'province', 'state'],
  city: ['市', '城市', '所在市', 'city'],
  district: ['区', '区县', '县区', '区/县', 'district', 'county'],
  street: ['地址', '详细地址', '街道', '街道地址', '通讯地址', 'street', 'address'],
  owner: ['负责人', '客户负责人', '所有者', '归属人', '跟进人', '销售', 'owner', 'salesperson'],
};

/** "客户名称 *" / "E-mail" / "Customer Name" → a comparable form (no spaces, marks or case). */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：()（）[\]【】_]/gu, '');
}

const SYNONYM_INDEX = new Map<string, StandardField>();
for (const field of STANDARD_FIELDS) for (const s of SYNONYMS[field]) SYNONYM_INDEX.set(headerKey(s), field);

export type MappingTarget = StandardField | `custom.${string}`;

/** Each header's best field (or null), every field used at most once, custom fields by label or key. */
export function suggestMapping(headers: string[], customFields: Pick<CustomField, 'key' | 'label'>[]) {
  const custom = new Map<string, string>();
  for (const f of customFields) {
    custom.set(headerKey(f.label), `custom.${f.key}`);
    custom.set(headerKey(f.key), `custom.${f.key}`);
  }
  const used = new Set<string>();
  const mapping: Record<string, MappingTarget | null> = {};
  for (const header of headers) {
    const key = headerKey(header);
    const target = SYNONYM_INDEX.get(key) ?? (custom.get(key) as MappingTarget | undefined) ?? null;
    mapping[header] = target && !used.has(target) ? target : null;
    if (target) used.add(target);
  }
  return mapping;
}

export const isStandardField = (v: string): v is StandardField => (STANDARD_FIELDS as readonly string[]).includes(v);
