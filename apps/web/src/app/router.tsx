import { lazy } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { LoginPage, RegisterPage } from '../features/auth/index.ts';
import { WorkbenchPage } from '../features/workbench/index.ts';
import { AppLayout } from './AppLayout.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { RedirectIfSignedIn, RequireAuth, RequireGrant } from './guards.tsx';
import { menuEntries } from './menu.tsx';
import { ForbiddenPage, NotFoundPage } from './StatusPages.tsx';

// Admin pages load on first visit, so the login page and the workbench stay light.
const OrgPage = lazy(() => import('../features/org/index.ts').then((m) => ({ default: m.OrgPage })));
const EmployeesPage = lazy(() => import('../features/employees/index.ts').then((m) => ({ default: m.EmployeesPage })));
const RolesPage = lazy(() => import('../features/roles/index.ts').then((m) => ({ default: m.RolesPage })));
const SettingsPage = lazy(() => import('../features/settings/index.ts').then((m) => ({ default: m.SettingsPage })));

const grantOf = (path: string) => menuEntries.find((e) => e.path === path)?.anyOf ?? null;
const guarded = (path: string, element: React.ReactNode) => (
  <RequireGrant anyOf={grantOf(path)}>{element}</RequireGrant>
);

export const router = createBrowserRouter([
  {
    element: (
      <ErrorBoundary>
        <Outlet />
      </ErrorBoundary>
    ),
    children: [
      {
        path: '/login',
        element: (
          <RedirectIfSignedIn>
            <LoginPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        path: '/register',
        element: (
          <RedirectIfSignedIn>
            <RegisterPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <WorkbenchPage /> },
          { path: 'org', element: guarded('/org', <OrgPage />) },
          { path: 'employees', element: guarded('/employees', <EmployeesPage />) },
          { path: 'roles', element: guarded('/roles', <RolesPage />) },
          { path: 'settings', element: guarded('/settings', <SettingsPage />) },
          { path: '403', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
