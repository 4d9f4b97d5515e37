import {
  ApartmentOutlined,
  AuditOutlined,
  ContactsOutlined,
  GlobalOutlined,
  HomeOutlined,
  ImportOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import '../features/imports/messages.ts';

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
  { path: '/customers', labelKey: 'menu.customers', icon: <ContactsOutlined />, anyOf: ['customers.view'] },
  { path: '/customers/import', labelKey: 'imports.menu', icon: <ImportOutlined />, anyOf: ['customers.import'] },
  {
    path: '/pools',
    labelKey: 'menu.pools',
    icon: <GlobalOutlined />,
    anyOf: ['pools.view', 'pools.manage'],
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
  {
    path: '/settings',
    labelKey: 'menu.settings',
    icon: <SettingOutlined />,
    anyOf: ['settings.view', 'settings.manage'],
    group: 'admin',
  },
  { path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, anyOf: ['audit.view'], group: 'admin' },
];
