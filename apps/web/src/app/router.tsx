import { lazy } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { LoginPage, RegisterPage } from '../features/auth/index.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { RedirectIfSignedIn, RequireAuth, RequireGrant } from './guards.tsx';
import { menuEntries } from './menu.tsx';
import { ForbiddenPage, NotFoundPage } from './StatusPages.tsx';

// Everything behind the login loads on first visit, so the login page stays light.
const AppLayout = lazy(() => import('./AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const WorkbenchPage = lazy(() => import('../features/workbench/index.ts').then((m) => ({ default: m.WorkbenchPage })));
const OrgPage = lazy(() => import('../features/org/index.ts').then((m) => ({ default: m.OrgPage })));
const EmployeesPage = lazy(() => import('../features/employees/index.ts').then((m) => ({ default: m.EmployeesPage })));
const RolesPage = lazy(() => import('../features/roles/index.ts').then((m) => ({ default: m.RolesPage })));
const AuditPage = lazy(() => import('../features/audit/index.ts').then((m) => ({ default: m.AuditPage })));
const CustomersPage = lazy(() => import('../features/customers/index.ts').then((m) => ({ default: m.CustomersPage })));
const CustomerDetailPage = lazy(() =>
  import('../features/customers/index.ts').then((m) => ({ default: m.CustomerDetailPage })),
);
const ImportWizardPage = lazy(() =>
  import('../features/imports/index.ts').then((m) => ({ default: m.ImportWizardPage })),
);
const OpportunitiesPage = lazy(() =>
  import('../features/opportunities/index.ts').then((m) => ({ default: m.OpportunitiesPage })),
);
const OpportunitySettingsPage = lazy(() =>
  import('../features/opportunities/index.ts').then((m) => ({ default: m.OpportunitySettingsPage })),
);
const ForecastPage = lazy(() => import('../features/forecast/index.ts').then((m) => ({ default: m.ForecastPage })));
const PoolsPage = lazy(() => import('../features/pools/index.ts').then((m) => ({ default: m.PoolsPage })));
const LeadsListPage = lazy(() => import('../features/leads/index.ts').then((m) => ({ default: m.LeadsListPage })));
const LeadDetailPage = lazy(() => import('../features/leads/index.ts').then((m) => ({ default: m.LeadDetailPage })));
const ProductsPage = lazy(() => import('../features/products/index.ts').then((m) => ({ default: m.ProductsPage })));
const ApprovalsPage = lazy(() => import('../features/approvals/index.ts').then((m) => ({ default: m.ApprovalsPage })));
const ApprovalFlowsPage = lazy(() =>
  import('../features/approvals/index.ts').then((m) => ({ default: m.ApprovalFlowsPage })),
);
const QuotesListPage = lazy(() => import('../features/quotes/index.ts').then((m) => ({ default: m.QuotesListPage })));
const QuoteEditorPage = lazy(() => import('../features/quotes/index.ts').then((m) => ({ default: m.QuoteEditorPage })));
const QuoteDetailPage = lazy(() => import('../features/quotes/index.ts').then((m) => ({ default: m.QuoteDetailPage })));
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
          { path: 'audit', element: guarded('/audit', <AuditPage />) },
          { path: 'customers', element: guarded('/customers', <CustomersPage />) },
          { path: 'customers/import', element: guarded('/customers/import', <ImportWizardPage />) },
          { path: 'customers/:id', element: guarded('/customers', <CustomerDetailPage />) },
          { path: 'pools', element: guarded('/pools', <PoolsPage />) },
          { path: 'opportunities', element: guarded('/opportunities', <OpportunitiesPage />) },
          {
            path: 'opportunities/settings',
            element: guarded('/opportunities/settings', <OpportunitySettingsPage />),
          },
          { path: 'quotes', element: guarded('/quotes', <QuotesListPage />) },
          { path: 'quotes/new', element: guarded('/quotes', <QuoteEditorPage />) },
          { path: 'quotes/:id', element: guarded('/quotes', <QuoteDetailPage />) },
          { path: 'quotes/:id/edit', element: guarded('/quotes', <QuoteEditorPage />) },
          { path: 'forecast', element: guarded('/forecast', <ForecastPage />) },
          { path: 'leads', element: guarded('/leads', <LeadsListPage />) },
          { path: 'leads/:id', element: guarded('/leads', <LeadDetailPage />) },
          { path: 'products', element: guarded('/products', <ProductsPage />) },
          { path: 'approvals', element: guarded('/approvals', <ApprovalsPage />) },
          { path: 'approvals/settings', element: guarded('/approvals/settings', <ApprovalFlowsPage />) },
          { path: '403', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
