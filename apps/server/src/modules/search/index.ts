import { searchContacts } from './search.contacts.ts';
import { searchCustomers } from './search.customers.ts';
import { registerSearchSource } from './search.registry.ts';

export { customerPatterns, customerSearchQuery, customerTextMatch } from './search.customers.ts';
export { registerSearchSource, type SearchHit, type SearchSource, searchSources } from './search.registry.ts';
export { searchRoutes } from './search.routes.ts';

// Customers and contacts are the first sources. Later modules register theirs from their own index.ts:
//   registerSearchSource({ type: 'lead', label, permission: 'leads.view', search: (tx, actor, q, limit) => … })
registerSearchSource({
  type: 'customer',
  label: { 'zh-CN': '客户', en: 'Customers' },
  permission: 'customers.view',
  search: searchCustomers,
});

registerSearchSource({
  type: 'contact',
  label: { 'zh-CN': '客户人员', en: 'Contacts' },
  permission: 'contacts.view',
  search: searchContacts,
});
