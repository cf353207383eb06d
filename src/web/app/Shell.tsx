import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Dropdown, Layout, Menu, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Part } from '#web/components/Part.tsx';
import { api } from './api.ts';
import { changeLanguage, useT } from './i18n.ts';
import { navGroupOf, navGroups, navItems, navVisible } from './nav.ts';
import { useScreens } from './screens.tsx';
import { useSession } from './session.tsx';

const { Header, Sider, Content } = Layout;

export function Shell() {
  const { t, lang } = useT();
  const { session, canAnywhere, currentUnitId, setCurrentUnitId } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const screens = useScreens();
  const [drawer, setDrawer] = useState(false);
  const narrow = !screens.lg;

  const menu = useMemo(() => {
    const roles = session.grants.map((g) => g.role);
    const visible = navItems.filter((i) => navVisible(i, canAnywhere, roles));
    const items: NonNullable<Parameters<typeof Menu>[0]['items']> = visible
      .filter((i) => !navGroupOf(i, roles))
      .map((i) => ({ key: i.path, label: t(i.label) }));
    for (const g of navGroups) {
      const children = visible
        .filter((i) => navGroupOf(i, roles) === g)
        .map((i) => ({ key: i.path, label: t(i.label) }));
      if (children.length > 0) items.push({ type: 'group', key: g, label: t(g), children });
    }
    return items;
  }, [canAnywhere, session.grants, t]);

  const selected = navItems
    .map((i) => i.path)
    .filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)))
    .sort((a, b) => b.length - a.length)[0];

  const units = [...new Map(session.grants.map((g) => [g.unitId, g.unitName])).entries()];

  const signOut = async () => {
    await api('POST', '/auth/logout').catch(() => {});
    qc.clear();
    navigate('/sign-in', { replace: true });
  };

  const nav = (
    <nav aria-label={t('ui.shell.menu')}>
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        items={menu}
        onClick={({ key }) => {
          navigate(key);
          setDrawer(false);
        }}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('ui.shell.skip')}
      </a>
      <Part>
        <Header
          style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: 16, background: '#0b3d6e' }}
        >
          {narrow && (
            <Button
              type="text"
              aria-label={t('ui.shell.menu')}
              icon={<MenuOutlined style={{ color: '#fff' }} />}
              onClick={() => setDrawer(true)}
            />
          )}
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            {t('ui.app.name')}
          </Typography.Text>
          {!narrow && (
            <Typography.Text style={{ color: '#d6e4f5', whiteSpace: 'nowrap' }}>
              {t('ui.app.tagline')}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          {units.length > 1 ? (
            <Select
              aria-label={t('ui.shell.currentUnit')}
              value={currentUnitId}
              onChange={setCurrentUnitId}
              options={units.map(([value, label]) => ({ value, label }))}
              style={{ minWidth: narrow ? 120 : 220, maxWidth: 320 }}
            />
          ) : (
            !narrow && <Typography.Text style={{ color: '#fff' }}>{units[0]?.[1]}</Typography.Text>
          )}
          <Button
            type="text"
            style={{ color: '#fff' }}
            icon={<GlobalOutlined />}
            title={t('ui.shell.language')}
            lang={lang === 'vi' ? 'en' : 'vi'}
            onClick={() => {
              void changeLanguage(lang === 'vi' ? 'en' : 'vi');
              void qc.invalidateQueries();
            }}
          >
            {lang === 'vi' ? 'English' : 'Tiếng Việt'}
          </Button>
          <Dropdown
            menu={{
              items: [
                { key: 'who', label: `${session.user.fullName} (${session.user.username})`, disabled: true },
                { type: 'divider' },
                {
                  key: 'out',
                  icon: <LogoutOutlined />,
                  label: t('ui.auth.signOut'),
                  onClick: () => void signOut(),
                },
              ],
            }}
          >
            <Button
              type="text"
              style={{ color: '#fff' }}
              icon={<UserOutlined />}
              aria-label={session.user.fullName}
            >
              {!narrow && session.user.fullName}
            </Button>
          </Dropdown>
        </Header>
      </Part>
      <Layout>
        {narrow ? (
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="left"
            size={280}
            title={t('ui.shell.menu')}
          >
            {nav}
          </Drawer>
        ) : (
          <Sider width={250} theme="light" style={{ borderInlineEnd: '1px solid #eee' }}>
            <Part>{nav}</Part>
          </Sider>
        )}
        <Content id="main" tabIndex={-1} style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
