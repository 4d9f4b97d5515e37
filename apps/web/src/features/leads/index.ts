export { LeadDetailPage } from './LeadDetailPage.tsx';
export { LeadsListPage } from './LeadsListPage.tsx';
