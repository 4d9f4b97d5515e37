import { can } from '../../platform/access/actor.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import { customerAccess } from '../contacts/contacts.policy.ts';
import { registerAttachable } from './attachments.registry.ts';
import './attachments.tabs.ts';

export { type Attachable, attachableTypes, registerAttachable } from './attachments.registry.ts';
export { attachmentRoutes } from './attachments.routes.ts';
export { attachment, removeAttachmentsOf } from './attachments.service.ts';

defineMessages({
  'attachments.too_large': { 'zh-CN': '文件不能超过 {max}', en: 'The file must not exceed {max}' },
  'attachments.type_not_allowed': {
    'zh-CN': '不支持的文件类型（允许图片、PDF、Office 文档、txt、csv、zip），或文件内容与扩展名不符',
    en: 'File type not allowed (images, PDF, Office documents, txt, csv, zip), or the content does not match the extension',
  },
});

// Customers' own files: readable with customers.view on a visible customer, changeable with customers.edit
// on a writable one. Contacts and follow-ups register theirs in their own modules.
registerAttachable({
  type: 'customer',
  label: { 'zh-CN': '客户', en: 'Customer' },
  access: async (tx, actor, id) => {
    if (!can(actor, 'customers.view')) return 'none';
    const { access } = await customerAccess(tx, actor, id);
    return access === 'write' && !can(actor, 'customers.edit') ? 'read' : access;
  },
});
