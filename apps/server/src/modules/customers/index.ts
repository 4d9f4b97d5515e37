import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { registerSharedObject } from '../../platform/access/sharing.ts';
import { customers } from './customers.table.ts';

export { CUSTOMER, customerVisibility, customerWritability } from './customers.policy.ts';
export { customers } from './customers.table.ts';

declareModule({
  module: 'customers',
  label: { 'zh-CN': '客户', en: 'Customers' },
  actions: {
    view: a.view,
    create: a.create,
    edit: a.edit,
    delete: a.delete,
    export: a.export,
    import: a.import,
    transfer: a.transfer,
    share: a.share,
  },
  scoped: true,
});

registerSharedObject({
  objectType: 'customer',
  module: 'customers',
  label: { 'zh-CN': '客户', en: 'Customer' },
  table: { table: customers, tenantId: customers.tenantId, id: customers.id, owner: customers.ownerId },
});
