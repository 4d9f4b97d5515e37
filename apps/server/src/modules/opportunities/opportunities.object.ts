import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { registerSharedObject } from '../../platform/access/sharing.ts';
import { MODULE, OBJECT_TYPE } from './opportunities.policy.ts';
import { opportunities } from './opportunities.table.ts';

declareModule({
  module: MODULE,
  label: { 'zh-CN': '商机', en: 'Opportunities' },
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

/** Business types (商机组) and their stages: configured by administrators; everyone with opportunities.view reads them. */
declareModule({
  module: 'opportunity_types',
  label: { 'zh-CN': '商机组', en: 'Business types' },
  actions: { manage: a.manage },
  scoped: false,
});

/** Competitors (竞争对手): company-wide records, no owner. */
declareModule({
  module: 'competitors',
  label: { 'zh-CN': '竞争对手', en: 'Competitors' },
  actions: { view: a.view, create: a.create, edit: a.edit, delete: a.delete },
  scoped: false,
});

/**
 * Opportunities take part in sharing (共享), transfer and the hand-over when their owner leaves (离职交接),
 * all through the platform's shared-object registry.
 */
export const opportunityObject = registerSharedObject({
  objectType: OBJECT_TYPE,
  module: MODULE,
  label: { 'zh-CN': '商机', en: 'Opportunity' },
  table: {
    table: opportunities,
    tenantId: opportunities.tenantId,
    id: opportunities.id,
    owner: opportunities.ownerId,
  },
});
