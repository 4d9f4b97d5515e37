export { CustomerDetailPage } from './CustomerDetailPage.tsx';
export { CustomersPage } from './CustomersPage.tsx';
