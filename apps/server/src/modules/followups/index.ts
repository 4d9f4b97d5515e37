import { can } from '../../platform/access/actor.ts';
import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import { registerAttachable } from '../attachments/index.ts';
import { findVisibleFollowUp } from './followups.queries.ts';
import './followups.reminders.ts';

export { followUpRoutes } from './followups.routes.ts';
export { recomputeCustomerFollowUp } from './followups.service.ts';
export { followUpKinds, followUps } from './followups.table.ts';

declareModule({
  module: 'followups',
  label: { 'zh-CN': '跟进记录', en: 'Follow-ups' },
  actions: { view: a.view, create: a.create, edit: a.edit, delete: a.delete },
  // A follow-up is visible and writable exactly when its customer is.
  scoped: false,
});

defineMessages({
  'followups.contact_not_of_customer': {
    'zh-CN': '该联系人不属于此客户',
    en: 'This contact does not belong to the customer',
  },
});

registerAttachable({
  type: 'follow_up',
  label: { 'zh-CN': '跟进记录', en: 'Follow-up' },
  access: async (tx, actor, id) => {
    if (!can(actor, 'followups.view')) return 'none';
    const found = await findVisibleFollowUp(tx, actor, id).catch(() => null);
    if (!found) return 'none';
    return found.access === 'write' && can(actor, 'followups.edit') ? 'write' : 'read';
  },
});
