import { can } from '../../platform/access/actor.ts';
import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import { registerAttachable } from '../attachments/index.ts';
import { findVisibleContact } from './contacts.queries.ts';
import './contacts.reminders.ts';

export { seedDemoContacts } from './contacts.demo.ts';
export { type Access, type CustomerRef, customerAccess, writableCustomer } from './contacts.policy.ts';
export { findVisibleContact } from './contacts.queries.ts';
export { contactRoutes } from './contacts.routes.ts';
export { contactPatterns, contactTextMatch } from './contacts.search.ts';
export { createContact, moveContactsWithCustomers } from './contacts.service.ts';
export { contacts } from './contacts.table.ts';

declareModule({
  module: 'contacts',
  label: { 'zh-CN': '客户人员', en: 'Contacts' },
  actions: {
    view: a.view,
    create: a.create,
    edit: a.edit,
    delete: a.delete,
    export: a.export,
    import: a.import,
    mass_message: { 'zh-CN': '群发邮件/短信', en: 'Mass e-mail and SMS' },
  },
  // A contact is visible and writable exactly when its customer is: no data scope of its own.
  scoped: false,
});

defineMessages({
  'contacts.invalid_birthday': { 'zh-CN': '生日日期不正确', en: 'Invalid birthday' },
  'contacts.ids_or_filter': {
    'zh-CN': '请选择联系人或填写筛选条件（二选一）',
    en: 'Give either contact ids or a filter',
  },
  'contacts.no_recipients': {
    'zh-CN': '所选联系人中没有可用的收件地址',
    en: 'None of the chosen contacts has an address for this channel',
  },
  'contacts.too_many_recipients': {
    'zh-CN': '一次最多群发 {max} 位联系人',
    en: 'At most {max} contacts per mass mailing',
  },
});

registerAttachable({
  type: 'contact',
  label: { 'zh-CN': '客户人员', en: 'Contact' },
  access: async (tx, actor, id) => {
    if (!can(actor, 'contacts.view')) return 'none';
    const found = await findVisibleContact(tx, actor, id).catch(() => null);
    if (!found) return 'none';
    return found.access === 'write' && can(actor, 'contacts.edit') ? 'write' : 'read';
  },
});
