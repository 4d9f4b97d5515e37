import { defineMessages } from '../../platform/i18n/i18n.ts';

export { settingsRoutes } from './settings.routes.ts';

defineMessages({
  'settings.logo_type': {
    'zh-CN': '请上传 PNG、JPEG 或 WebP 格式的图片',
    en: 'Upload a PNG, JPEG or WebP image',
  },
  'settings.logo_too_large': { 'zh-CN': 'LOGO 图片不能超过 {max}', en: 'The logo must be at most {max}' },
  'settings.no_logo': { 'zh-CN': '尚未上传企业 LOGO', en: 'No company logo has been uploaded' },
});
