export { logout } from './api.ts';
export { ChangePasswordModal } from './ChangePasswordModal.tsx';
export { LoginPage } from './LoginPage.tsx';
export { RegisterPage } from './RegisterPage.tsx';
export { type DataScope, ME_KEY, type Me, useCan, useMe, useRefreshSession, useSession } from './session.ts';
