import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { registerSharedObject } from '../../platform/access/sharing.ts';
import { MODULE, OBJECT_TYPE } from './quotes.policy.ts';
import { quotes } from './quotes.table.ts';

declareModule({
  module: MODULE,
  label: { 'zh-CN': '报价', en: 'Quotes' },
  actions: {
    view: a.view,
    create: a.create,
    edit: a.edit,
    delete: a.delete,
    transfer: a.transfer,
    share: a.share,
  },
  scoped: true,
});

/** Quotes take part in sharing (共享), transfer and the hand-over when their owner leaves (离职交接). */
export const quoteObject = registerSharedObject({
  objectType: OBJECT_TYPE,
  module: MODULE,
  label: { 'zh-CN': '报价', en: 'Quote' },
  table: { table: quotes, tenantId: quotes.tenantId, id: quotes.id, owner: quotes.ownerId },
});
