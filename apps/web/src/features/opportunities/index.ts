export { OpportunitiesPage } from './OpportunitiesPage.tsx';
export { OpportunitySettingsPage } from './OpportunitySettingsPage.tsx';
