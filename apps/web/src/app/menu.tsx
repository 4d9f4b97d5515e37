import {
  ApartmentOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  FileTextOutlined,
  FundOutlined,
  FunnelPlotOutlined,
  GlobalOutlined,
  HomeOutlined,
  ImportOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShoppingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import '../features/imports/messages.ts';
import '../features/opportunities/messages.ts';
import '../features/products/messages.ts';
import '../features/leads/messages.ts';
import '../features/approvals/messages.ts';
import '../features/forecast/messages.ts';
import '../features/quotes/messages.ts';

export interface MenuEntry {
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Any one of these grants shows the entry; null = every signed-in user. */
  anyOf: string[] | null;
  group?: 'admin';
}

/** The navigation, and the grants each page needs: the menu and the route guards read the same list. */
export const menuEntries: MenuEntry[] = [
  { path: '/', labelKey: 'menu.workbench', icon: <HomeOutlined />, anyOf: null },
  { path: '/leads', labelKey: 'leads.title', icon: <FunnelPlotOutlined />, anyOf: ['leads.view'] },
  { path: '/customers', labelKey: 'menu.customers', icon: <ContactsOutlined />, anyOf: ['customers.view'] },
  { path: '/customers/import', labelKey: 'imports.menu', icon: <ImportOutlined />, anyOf: ['customers.import'] },
  {
    path: '/opportunities',
    labelKey: 'menu.opportunities',
    icon: <RiseOutlined />,
    anyOf: ['opportunities.view'],
  },
  { path: '/quotes', labelKey: 'quotes.title', icon: <FileTextOutlined />, anyOf: ['quotes.view'] },
  { path: '/forecast', labelKey: 'forecast.title', icon: <FundOutlined />, anyOf: ['forecast.view'] },
  // Everyone may be asked to approve (the flow names who), so the inbox is for every signed-in user.
  { path: '/approvals', labelKey: 'approvals.title', icon: <CheckSquareOutlined />, anyOf: null },
  {
    path: '/pools',
    labelKey: 'menu.pools',
    icon: <GlobalOutlined />,
    anyOf: ['pools.view', 'pools.manage'],
  },
  {
    path: '/products',
    labelKey: 'menu.products',
    icon: <ShoppingOutlined />,
    anyOf: ['products.view', 'products.manage'],
  },
  {
    path: '/org',
    labelKey: 'menu.org',
    icon: <ApartmentOutlined />,
    anyOf: ['org.view', 'org.manage'],
    group: 'admin',
  },
  { path: '/employees', labelKey: 'menu.employees', icon: <TeamOutlined />, anyOf: ['employees.view'], group: 'admin' },
  {
    path: '/roles',
    labelKey: 'menu.roles',
    icon: <SafetyCertificateOutlined />,
    anyOf: ['roles.view'],
    group: 'admin',
  },
  // Business types and the competitor list: company set-up, for those who manage the types.
  {
    path: '/opportunities/settings',
    labelKey: 'opportunities.types',
    icon: <RiseOutlined />,
    anyOf: ['opportunity_types.manage'],
    group: 'admin',
  },
  {
    path: '/approvals/settings',
    labelKey: 'approvals.flows.title',
    icon: <CheckSquareOutlined />,
    anyOf: ['approvals.manage'],
    group: 'admin',
  },
  {
    path: '/settings',
    labelKey: 'menu.settings',
    icon: <SettingOutlined />,
    anyOf: ['settings.view', 'settings.manage'],
    group: 'admin',
  },
  { path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, anyOf: ['audit.view'], group: 'admin' },
];
