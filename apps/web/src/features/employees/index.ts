export type { Employee } from './api.ts';
export { EmployeeSelect } from './EmployeeSelect.tsx';
export { EmployeesPage } from './EmployeesPage.tsx';
