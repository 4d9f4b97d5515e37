export { PoolsPage } from './PoolsPage.tsx';
