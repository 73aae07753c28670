/**
 * 共驻共建: units in the area, the joint meeting and coordination committee, co-building agreements, themed
 * activities and visits — one page with a tab each; a unit, an agreement and an activity have their own page.
 *   /cobuilding                 驻区单位        /cobuilding/units/:id
 *   /cobuilding/bodies          联席会
 *   /cobuilding/agreements      共建协议        /cobuilding/agreements/:id
 *   /cobuilding/activities      主题活动        /cobuilding/activities/:id
 *   /cobuilding/visits          走访征询
 */
import { Tabs } from 'antd';
import { navigate } from '../../lib/router';
import { ActivitiesTab, ActivityDetail } from './activities';
import { AgreementDetail, AgreementsTab } from './agreements';
import { BodiesTab } from './bodies';
import { UnitDetail, UnitsTab } from './units';
import { VisitsTab } from './visits';
import './cobuilding.css';

const TABS = [
  { key: 'units', label: '驻区单位' },
  { key: 'bodies', label: '联席会 / 协调委员会' },
  { key: 'agreements', label: '共建协议' },
  { key: 'activities', label: '主题活动' },
  { key: 'visits', label: '走访征询' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export function CoBuildingPage({ path }: { path: string }) {
  const [, , section, idText] = path.split('/');
  const tab: TabKey = TABS.some((t) => t.key === section) ? (section as TabKey) : 'units';
  const id = idText && /^\d+$/.test(idText) ? Number(idText) : null;
  let body;
  if (id != null && tab === 'units') body = <UnitDetail id={id} />;
  else if (id != null && tab === 'agreements') body = <AgreementDetail id={id} />;
  else if (id != null && tab === 'activities') body = <ActivityDetail id={id} />;
  else if (tab === 'bodies') body = <BodiesTab />;
  else if (tab === 'agreements') body = <AgreementsTab />;
  else if (tab === 'activities') body = <ActivitiesTab />;
  else if (tab === 'visits') body = <VisitsTab />;
  else body = <UnitsTab />;
  return (
    <div className="page cobuilding-page">
      <div className="page-title">
        <h1>共驻共建</h1>
      </div>
      <Tabs activeKey={tab} onChange={(k) => navigate(k === 'units' ? '/cobuilding' : `/cobuilding/${k}`)} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
      <div key={`${tab}-${id ?? ''}`}>{body}</div>
    </div>
  );
}
