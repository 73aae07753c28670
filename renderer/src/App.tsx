import { App as AntApp, ConfigProvider, Layout, Menu, type MenuProps } from 'antd';
import { useEffect } from 'react';
import {
  ApartmentOutlined,
  BarChartOutlined,
  ClusterOutlined,
  CloudDownloadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  SettingOutlined,
  ShopOutlined,
  SwapOutlined,
  TeamOutlined,
  HeartOutlined,
  GiftOutlined,
  SolutionOutlined,
  AimOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NotFound } from './components/NotFound';
import { OrgsProvider } from './lib/orgs';
import { errorText } from './lib/format';
import { navigate, useHashPath } from './lib/router';
import { ImportPage } from './pages/members/ImportPage';
import { MemberFormPage } from './pages/members/MemberForm';
import { MemberRegister } from './pages/members/MemberRegister';
import { OrgsPage } from './pages/orgs/OrgsPage';
import { BranchSuggestionsPage } from './pages/orgs/BranchSuggestionsPage';
import { TransfersPage } from './pages/transfers/TransfersPage';
import { FloatingPage } from './pages/floating/FloatingPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { LockGate } from './pages/settings/lock';
import { BackupPage } from './pages/backup/BackupPage';
import { RecoveryGate } from './pages/backup/RecoveryPage';
import { MinutesPage } from './pages/minutes/MinutesPage';
import { VolunteersPage } from './pages/volunteers/VolunteersPage';
import { AssistancePage } from './pages/assistance/AssistancePage';
import { CadresPage } from './pages/cadres/CadresPage';
import { TargetsPage } from './pages/targets/TargetsPage';
import { CoBuildingPage } from './pages/cobuilding/CoBuildingPage';
import { TwoNewPage } from './pages/twonew/TwoNewPage';
import { InServicePage } from './pages/inservice/InServicePage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { ReturnsPage } from './pages/returns/ReturnsPage';

interface Area {
  path: string;
  label: string;
  icon: ReactNode;
}

/**
 * The navigation, in the groups a street office thinks in. Every area stays one click away (no folded
 * sub-menus), and the whole list fits the left column at 1366×768.
 */
const NAV: { group: string | null; areas: Area[] }[] = [
  { group: null, areas: [{ path: '/overview', label: '概览', icon: <DashboardOutlined /> }] },
  {
    group: '党员和组织',
    areas: [
      { path: '/members', label: '党员名册', icon: <TeamOutlined /> },
      { path: '/orgs', label: '组织管理', icon: <ApartmentOutlined /> },
      { path: '/branch-building', label: '分类建支部', icon: <ClusterOutlined /> },
      { path: '/floating', label: '流动党员活动证', icon: <IdcardOutlined /> },
      { path: '/transfers', label: '组织关系转接', icon: <SwapOutlined /> },
    ],
  },
  {
    group: '区域化党建',
    areas: [
      { path: '/cobuilding', label: '共驻共建', icon: <HomeOutlined /> },
      { path: '/two-new', label: '两新组织', icon: <ShopOutlined /> },
      { path: '/in-service', label: '在职党员报到', icon: <UserSwitchOutlined /> },
    ],
  },
  {
    group: '服务和考核',
    areas: [
      { path: '/volunteers', label: '党员志愿者', icon: <HeartOutlined /> },
      { path: '/assistance', label: '困难群体帮扶', icon: <GiftOutlined /> },
      { path: '/cadres', label: '党务干部队伍', icon: <SolutionOutlined /> },
      { path: '/targets', label: '目标考核', icon: <AimOutlined /> },
    ],
  },
  {
    group: '会议和报表',
    areas: [
      { path: '/minutes', label: '会议纪要', icon: <FileTextOutlined /> },
      { path: '/returns', label: '统计报表', icon: <BarChartOutlined /> },
    ],
  },
  {
    group: '系统',
    areas: [
      { path: '/backup', label: '数据备份', icon: <CloudDownloadOutlined /> },
      { path: '/settings', label: '设置', icon: <SettingOutlined /> },
    ],
  },
];
const AREAS: Area[] = NAV.flatMap((g) => g.areas);
const MENU_ITEMS: MenuProps['items'] = NAV.flatMap((g): NonNullable<MenuProps['items']> => {
  const items = g.areas.map((a) => ({ key: a.path, icon: a.icon, label: a.label }));
  return g.group ? [{ type: 'group' as const, key: `group:${g.group}`, label: g.group, children: items }] : items;
});

function pageFor(path: string): ReactNode {
  const top = '/' + (path.split('/')[1] ?? '');
  if (top === '/members') {
    const [, , a, b] = path.split('/');
    if (a === 'new') return <MemberFormPage memberId={null} />;
    if (a === 'import') return <ImportPage />;
    const id = a && /^\d+$/.test(a) ? Number(a) : null;
    if (id != null && b === 'edit') return <MemberFormPage memberId={id} />;
    return <MemberRegister detailId={id} />;
  }
  // 概览 holds the street's figures and every rule warning; /orgs/overview (the old 组织概况) leads there.
  if (top === '/overview' || path === '/orgs/overview') return <OverviewPage />;
  if (top === '/orgs') return <OrgsPage />;
  if (top === '/returns') return <ReturnsPage />;
  if (top === '/branch-building') return <BranchSuggestionsPage />;
  if (top === '/floating') {
    const a = path.split('/')[2];
    return <FloatingPage key={a ?? 'list'} id={a && /^\d+$/.test(a) ? Number(a) : null} />;
  }
  if (top === '/transfers') {
    const a = path.split('/')[2];
    const id = a && /^\d+$/.test(a) ? Number(a) : null;
    return <TransfersPage key={a ?? 'out'} id={id} direction={a === 'in' ? 'in' : 'out'} />;
  }
  if (top === '/minutes') return <MinutesPage path={path} />;
  if (top === '/volunteers') return <VolunteersPage path={path} />;
  if (top === '/assistance') return <AssistancePage path={path} />;
  if (top === '/cadres') return <CadresPage path={path} />;
  if (top === '/targets') return <TargetsPage key={path} path={path} />;
  if (top === '/cobuilding') return <CoBuildingPage path={path} />;
  if (top === '/two-new') return <TwoNewPage path={path} />;
  if (top === '/in-service') return <InServicePage path={path} />;
  if (top === '/settings') return <SettingsPage />;
  if (top === '/backup') return <BackupPage />;
  return <NotFound />;
}

export function App() {
  const path = useHashPath();
  const { message } = AntApp.useApp();
  useEffect(() => {
    // A failure nobody caught still gets a sentence, not silence (details go to the console for support).
    const onRejection = (e: PromiseRejectionEvent) => {
      console.error('未处理的错误', e.reason);
      void message.error(errorText(e.reason));
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [message]);
  const top = '/' + (path.split('/')[1] ?? '');
  // An unknown address (the not-found page) selects nothing.
  const selected = AREAS.some((a) => a.path === top) ? top : '';
  return (
    // A damaged data file: the recovery screen instead of the app. 开机密码: nothing of the app shows until it is
    // unlocked; locked later, the lock screen covers it.
    <RecoveryGate>
    <LockGate>
    <OrgsProvider>
      <Layout style={{ height: '100vh' }}>
        <Layout.Header className="app-header">
          <span className="app-emblem" aria-hidden>
            党
          </span>
          <span className="app-title">社区党建工作台</span>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={180} className="app-sider">
            <nav aria-label="功能导航">
              <ConfigProvider theme={{ components: { Menu: { itemHeight: 32, itemMarginBlock: 1, groupTitleFontSize: 12, groupTitleLineHeight: 1.2 } } }}>
                <Menu mode="inline" selectedKeys={[selected]} items={MENU_ITEMS} onClick={(e) => navigate(e.key)} />
              </ConfigProvider>
            </nav>
          </Layout.Sider>
          <Layout.Content className="app-content">
            <ErrorBoundary resetKey={top}>{pageFor(path)}</ErrorBoundary>
          </Layout.Content>
        </Layout>
      </Layout>
    </OrgsProvider>
    </LockGate>
    </RecoveryGate>
  );
}
