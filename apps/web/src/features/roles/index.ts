export { type Role, useRoles } from './api.ts';
export { RolesPage } from './RolesPage.tsx';
