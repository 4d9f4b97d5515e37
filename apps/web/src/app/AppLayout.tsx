import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router-dom';
import { ChangePasswordModal, logout, ME_KEY, useCan, useMe } from '../features/auth/index.ts';
import { GlobalSearch } from '../features/header/GlobalSearch.tsx';
import { ReminderBell } from '../features/header/ReminderBell.tsx';
import { useT } from '../ui/i18n.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useIsPhone } from '../ui/use-is-phone.ts';
import { FullPageSpin } from './guards.tsx';
import { menuEntries } from './menu.tsx';
import './messages.ts';

/** AntD's collapse trigger at the foot of the sider. */
const SIDER_TRIGGER_HEIGHT = 48;
const SIDER_WIDTH = 208;

function CompanyBrand({ dark, compact }: { dark?: boolean; compact?: boolean }) {
  const me = useMe();
  return (
    <Flex align="center" gap={10} style={{ minWidth: 0 }} data-testid="company-brand">
      <img
        src={me.tenant.logoUrl || '/favicon.svg'}
        alt=""
        width={32}
        height={32}
        style={{ objectFit: 'contain', borderRadius: 6, flex: 'none', background: '#fff' }}
      />
      {!compact && (
        <Typography.Text strong ellipsis style={{ color: dark ? '#fff' : undefined, fontSize: 16, minWidth: 0 }}>
          {me.tenant.name}
        </Typography.Text>
      )}
    </Flex>
  );
}

function useMenuItems(): MenuProps['items'] {
  const t = useT();
  const can = useCan();
  return useMemo(() => {
    const visible = menuEntries.filter((e) => !e.anyOf || can(...e.anyOf));
    const item = (e: (typeof visible)[number]) => ({ key: e.path, icon: e.icon, label: t(e.labelKey) });
    const top = visible.filter((e) => !e.group).map(item);
    const admin = visible.filter((e) => e.group === 'admin').map(item);
    return admin.length
      ? [...top, { type: 'group' as const, key: 'admin', label: t('menu.group.admin'), children: admin }]
      : top;
  }, [t, can]);
}

function UserMenu({ onChangePassword }: { onChangePassword: () => void }) {
  const me = useMe();
  const t = useT();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const client = useQueryClient();
  const doLogout = async () => {
    try {
      await logout();
    } finally {
      client.clear();
      client.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ maxWidth: 220 }}>
                <Typography.Text strong>{me.user.name}</Typography.Text>
                <br />
                <Typography.Text type="secondary" ellipsis>
                  {me.department.name} · {me.roles.map((r) => r.name).join('、')}
                </Typography.Text>
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'password', icon: <KeyOutlined />, label: t('user.change_password'), onClick: onChangePassword },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => void doLogout() },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
        <Avatar size="small" style={{ background: '#1677ff' }} icon={<UserOutlined />} />
        {!isPhone && <span>{me.user.name}</span>}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

type MenuEntry = { key?: unknown; children?: MenuEntry[] } | null;

/** The menu entry for a path: the longest key the path starts with (/customers/import beats /customers). */
function selectedMenuKey(items: MenuEntry[], pathname: string): string {
  const keys: string[] = [];
  const walk = (list: MenuEntry[]) => {
    for (const item of list) {
      if (typeof item?.key === 'string') keys.push(item.key);
      if (item?.children) walk(item.children);
    }
  };
  walk(items);
  const matches = keys.filter((k) => pathname === k || pathname.startsWith(`${k}/`));
  return matches.sort((a, b) => b.length - a.length)[0] ?? `/${pathname.split('/')[1] ?? ''}`;
}

/** The signed-in frame: permitted menu on the left (a drawer on phones), company and user in the header. */
export function AppLayout() {
  const isPhone = useIsPhone();
  const items = useMenuItems();
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const selected = selectedMenuKey((items ?? []) as MenuEntry[], location.pathname);

  const menu = (
    <Menu
      theme={isPhone ? 'light' : 'dark'}
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
      aria-label="main"
      data-testid="main-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* A new page starts at the top (back and forward restore where the user was), not at the scroll position
          of the page they came from. */}
      <ScrollRestoration />
      {!isPhone && (
        <Layout.Sider
          width={SIDER_WIDTH}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh' }}
        >
          <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px' }}>
            <CompanyBrand dark compact={collapsed} />
          </div>
          {/* The menu scrolls on its own, between the brand and the collapse trigger, so a long menu never slides
              under the trigger. */}
          <div style={{ height: `calc(100vh - 56px - ${SIDER_TRIGGER_HEIGHT}px)`, overflowY: 'auto' }}>{menu}</div>
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            height: 56,
            lineHeight: '56px',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
            {isPhone && (
              <>
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t('menu.open')}
                  data-testid="menu-toggle"
                  onClick={() => setDrawerOpen(true)}
                />
                <CompanyBrand />
              </>
            )}
            {!isPhone && <GlobalSearch />}
          </Flex>
          <Flex align="center" gap={4} style={{ flex: 'none' }}>
            {isPhone && <GlobalSearch />}
            <ReminderBell />
            <LanguageSwitch compact={isPhone} />
            <UserMenu onChangePassword={() => setPasswordOpen(true)} />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          title={<CompanyBrand />}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
