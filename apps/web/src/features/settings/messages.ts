import { defineMessages } from '../../ui/i18n.tsx';

defineMessages({
  'settings.title': { 'zh-CN': '系统设置', en: 'Settings' },
  'settings.subtitle': {
    'zh-CN': '企业信息、LOGO、财年与币种、数据共享规则',
    en: 'Company, logo, fiscal year, currency, sharing',
  },
  'settings.company': { 'zh-CN': '企业信息', en: 'Company' },
  'settings.companyName': { 'zh-CN': '企业名称', en: 'Company name' },
  'settings.fiscalYearStartMonth': { 'zh-CN': '财年起始月', en: 'Fiscal year starts in' },
  'settings.month': { 'zh-CN': '{month} 月', en: 'Month {month}' },
  'settings.currency': { 'zh-CN': '本位币', en: 'Currency' },
  'settings.logo': { 'zh-CN': '企业 LOGO', en: 'Company logo' },
  'settings.logo_hint': {
    'zh-CN': '支持 PNG、JPG、WebP，不超过 2 MB；建议正方形、至少 128×128 像素',
    en: 'PNG, JPG or WebP up to 2 MB; square, at least 128×128 px works best',
  },
  'settings.logo_upload': { 'zh-CN': '上传 LOGO', en: 'Upload logo' },
  'settings.logo_replace': { 'zh-CN': '更换 LOGO', en: 'Replace logo' },
  'settings.logo_remove': { 'zh-CN': '恢复默认', en: 'Remove' },
  'settings.logo_uploaded': { 'zh-CN': 'LOGO 已更新', en: 'Logo updated' },
  'settings.logo_bad_type': { 'zh-CN': '只支持 PNG、JPG、WebP 图片', en: 'Only PNG, JPG or WebP images' },
  'settings.logo_too_big': { 'zh-CN': '图片不能超过 2 MB', en: 'The image must be at most 2 MB' },
  'settings.sharing': { 'zh-CN': '数据共享默认规则', en: 'Default sharing' },
  'settings.sharing_hint': {
    'zh-CN': '每类数据默认对负责人以外的同事是否可见；可在单条记录上再共享给指定同事或部门',
    en: 'Whether records are visible to colleagues other than the owner; single records can still be shared',
  },
  'settings.sharing.object': { 'zh-CN': '数据类型', en: 'Record type' },
  'settings.sharing.access': { 'zh-CN': '默认权限', en: 'Default access' },
  'settings.access.private': { 'zh-CN': '私有', en: 'Private' },
  'settings.access.public_read': { 'zh-CN': '公开只读', en: 'Public read' },
  'settings.access.public_read_write': { 'zh-CN': '公开读写', en: 'Public read/write' },
  'settings.sharing_empty': {
    'zh-CN': '业务模块开通后，可在这里设置其数据的默认共享方式',
    en: 'Record types appear here as business modules are enabled',
  },
});
