/**
 * Demonstration data for every page beyond the register (`npm run seed -- --demo`): 共驻共建 (resident units, the
 * joint meeting and coordination committee with their meetings, visits, agreements with commitments and reviews,
 * activities), 两新组织, 在职党员报到, 党员志愿者, 困难群体帮扶, 党务干部队伍, 目标考核, 会议纪要, 组织关系转接 and
 * 流动党员活动证 — a modest, believable amount of each, spread over the communities of the tree already there.
 *
 * Everything is written the way the app writes it: each input is parsed by the channel's schema in
 * shared/contract.ts and handed to the same handler the IPC and browser-mode dispatch call (electron/handlers.ts),
 * so every record passes the forms' checks and the audit log is the app's own. All of it happens in one
 * transaction: a refusal leaves the database as it was.
 *
 * Deterministic for a given Rng, `today` and starting database. Every date lies within the two years up to `today`
 * and never after it (an agreement's end date or a commitment's due date, which are plans, may be later). The
 * services must run on a clock showing `today` (clockOn).
 */
import { z } from 'zod';
import { contract, type Channel, type Input, type MemberListRow, type OrgNode, type Output } from '../../shared/contract';
import { termEnd } from '../../shared/cobuilding';
import {
  SPECIALTY_SUGGESTIONS,
  type ActivityKind,
  type AssessmentGrade,
  type Availability,
  type Education,
  type HelpKind,
  type HouseholdKind,
  type NewOrgKind,
  type PartyWorkKind,
  type UnitKind,
  type VisitFrequency,
} from '../../shared/domain/labels';
import { CREDIT_CODE_CHARS, creditCheckChar } from '../../shared/rules/creditCode';
import { idCheckChar } from '../../shared/rules/idNumber';
import { ageOn } from '../../shared/rules/member';
import { createHandlers } from '../../electron/handlers';
import { JobRunner } from '../../electron/jobs/runner';
import { ServiceError } from '../../electron/errors';
import type { Services } from '../../electron/services';
import { dayToIso, isoToDay, Weighted, type Rng } from './rng';
import { BEIJING_REGIONS, FLOATING_DESTINATIONS, GIVEN_NAMES, MOBILE_PREFIXES, OTHER_REGIONS, ROAD_NAMES, SURNAMES } from './seedData';

/** What the demo fill wrote, per kind of record, with the words the summary prints. */
export const DEMO_COUNT_LABELS = {
  residentUnits: '驻区单位',
  jointBodies: '联席会和协调委员会',
  memberships: '成员单位',
  jointMeetings: '联席会议',
  unitVisits: '走访征询',
  agreements: '共建协议',
  agreementReviews: '协议年度评估',
  activities: '主题活动',
  newOrganisations: '两新组织',
  inServiceRegistrations: '在职党员报到',
  serviceRecords: '报到服务记录',
  feedbackSheets: '居住地表现反馈',
  volunteers: '志愿者',
  volunteerTeams: '志愿服务队',
  volunteerServices: '志愿服务活动',
  households: '帮扶对象',
  householdVisits: '帮扶走访',
  cadres: '党务干部',
  trainings: '干部培训',
  targetSheets: '年度目标表',
  targetScores: '考核评分',
  meetings: '会议纪要',
  transfersOut: '转出介绍信',
  transfersIn: '转入介绍信',
  floatingCertificates: '流动党员活动证',
  floatingReviews: '活动证年审',
} as const;
export type DemoCounts = Record<keyof typeof DEMO_COUNT_LABELS, number>;

export interface DemoOptions {
  rng: Rng;
  /** The day the data is "as of" (YYYY-MM-DD): the services' clock must show this day (clockOn). */
  today: string;
  /** At most this many communities get community-level records (联席会, 干部, 帮扶 …); default 6. */
  maxCommunities?: number;
}

/** A clock for createServices that shows `today` (YYYY-MM-DD), at the real time of day. */
export function clockOn(today: string): () => Date {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return () => {
    const n = new Date();
    return new Date(y, m - 1, d, n.getHours(), n.getMinutes(), n.getSeconds(), n.getMilliseconds());
  };
}

/**
 * Fills every area with demonstration data through the app's own handlers; returns what it wrote. Refuses a
 * database that already has such records (it is meant for a freshly seeded file) or has no 社区党委.
 */
export function fillDemo(services: Services, options: DemoOptions): DemoCounts {
  return services.db.transaction(() => new Demo(services, options).run())();
}

// ─── Calling the app as its pages do ────────────────────────────────────────────────────────────────────────

type Call = <C extends Channel>(channel: C, input: Input<C>) => Output<C>;

function caller(s: Services): Call {
  const handlers = createHandlers(s, new JobRunner(s, null));
  return <C extends Channel>(channel: C, input: Input<C>): Output<C> => {
    const parsed = (contract[channel].input as z.ZodType).safeParse(input);
    if (!parsed.success) throw new Error(`演示数据不符合 ${channel} 的输入格式：${z.prettifyError(parsed.error)}\n${JSON.stringify(input)}`);
    let out: unknown;
    try {
      out = (handlers[channel] as (i: unknown) => unknown)(parsed.data);
    } catch (e) {
      if (e instanceof ServiceError)
        throw new Error(`${channel} 拒绝了演示数据：${e.message}${e.fieldErrors ? ` ${JSON.stringify(e.fieldErrors)}` : ''}\n${JSON.stringify(input)}`);
      throw e;
    }
    if (out instanceof Promise) throw new Error(`${channel} 是异步操作，演示数据不调用它`);
    return out as Output<C>;
  };
}

// ─── Word lists ─────────────────────────────────────────────────────────────────────────────────────────

interface Names {
  /** 长青街道 */
  street: string;
  /** 长青 */
  streetBase: string;
  /** 阳光 (of 阳光社区党委) */
  base: string;
}

interface UnitTemplate {
  name: (n: Names) => string;
  kind: UnitKind;
  /** The unit's Party organisation: 委员会, 总支部委员会, 支部委员会, or none of its own. */
  party: 'committee' | 'general' | 'branch' | null;
  resources: string[];
  promises: string[];
  /** Stationed for the whole street (hospitals, schools, the police station) or a community's own. */
  scope: 'street' | 'community';
}

const STREET_UNITS: UnitTemplate[] = [
  { name: () => '区人民医院', kind: 'institution', party: 'committee', resources: ['医院多功能厅（健康讲座）', '急救培训教室'], promises: ['每季度到社区开展一次义诊', '为社区高龄老人开通就医绿色通道'], scope: 'street' },
  { name: () => '区中医医院', kind: 'institution', party: 'general', resources: ['中医专家义诊'], promises: ['每月派中医专家到社区坐诊半天', '为居民开展冬病夏治养生讲座'], scope: 'street' },
  { name: () => '市第二中学', kind: 'institution', party: 'committee', resources: ['学校操场（周末 8:00—18:00）', '多功能报告厅'], promises: ['节假日向居民开放操场', '组织学生到社区开展志愿服务'], scope: 'street' },
  { name: () => '区实验小学', kind: 'institution', party: 'branch', resources: ['课后托管教室', '学校图书室'], promises: ['寒暑假为双职工家庭子女提供托管', '教师志愿者到社区开展家庭教育讲座'], scope: 'street' },
  { name: (n) => `${n.streetBase}派出所`, kind: 'organ', party: 'branch', resources: ['社区民警驻点办公'], promises: ['社区民警每周到社区驻点办公一天', '每季度开展一次防诈骗宣传'], scope: 'street' },
  { name: (n) => `区消防救援支队${n.streetBase}消防站`, kind: 'organ', party: 'branch', resources: ['消防体验室', '灭火器材演示'], promises: ['每年组织两次社区消防演练', '协助排查老旧小区消防隐患'], scope: 'street' },
  { name: (n) => `中国工商银行${n.streetBase}支行`, kind: 'enterprise', party: 'branch', resources: ['营业厅便民服务点'], promises: ['每季度到社区开展一次金融知识讲座', '为行动不便的老人上门办理业务'], scope: 'street' },
  { name: (n) => `国网区供电公司${n.streetBase}供电所`, kind: 'enterprise', party: 'branch', resources: ['电力抢修服务队'], promises: ['每年为孤寡老人免费检修一次室内线路', '迎峰度夏前开展用电安全检查'], scope: 'street' },
  { name: () => '区图书馆', kind: 'institution', party: 'branch', resources: ['流动图书站（每月更换图书 200 册）', '少儿阅览室'], promises: ['在社区设立流动图书站', '每季度到社区举办一次读书会'], scope: 'street' },
  { name: () => '区文化馆', kind: 'institution', party: 'general', resources: ['排练厅', '文艺辅导老师'], promises: ['每月派文艺辅导老师到社区辅导一次', '协助社区筹办春节联欢会'], scope: 'street' },
  { name: () => '区税务局第三税务所', kind: 'organ', party: 'branch', resources: ['办税服务厅自助终端'], promises: ['每年到社区开展两次个税政策宣讲'], scope: 'street' },
  { name: (n) => `区市场监督管理局${n.streetBase}市场监管所`, kind: 'organ', party: 'branch', resources: ['食品快检车'], promises: ['每季度对社区周边餐饮店开展一次食品安全检查', '到社区开展食品安全宣传'], scope: 'street' },
  { name: () => '区社会福利中心', kind: 'institution', party: 'branch', resources: ['康复器材借用', '日间照料床位'], promises: ['为社区失能老人提供康复指导', '优先接收社区困难老人日间照料'], scope: 'street' },
  { name: () => '北京公交集团第五客运分公司', kind: 'enterprise', party: 'committee', resources: ['职工活动中心'], promises: ['节假日向社区居民开放职工活动中心', '配合社区做好站台周边环境整治'], scope: 'street' },
  { name: () => '区慈善协会', kind: 'socialOrganisation', party: 'branch', resources: ['慈善救助资金', '爱心物资'], promises: ['每年春节前为社区困难家庭捐赠慰问物资'], scope: 'street' },
  { name: () => '区红十字会', kind: 'socialOrganisation', party: 'branch', resources: ['应急救护培训师资'], promises: ['每年为社区居民开展一次应急救护培训'], scope: 'street' },
];

const COMMUNITY_UNITS: UnitTemplate[] = [
  { name: (n) => `${n.base}社区卫生服务站`, kind: 'institution', party: null, resources: ['健康小屋（免费测血压血糖）'], promises: ['为 65 岁以上老人每年免费体检一次', '开展家庭医生签约服务'], scope: 'community' },
  { name: (n) => `${n.base}物业服务有限公司`, kind: 'enterprise', party: 'branch', resources: ['物业活动室'], promises: ['配合社区开展垃圾分类桶前值守', '每月召开一次物业服务协调会'], scope: 'community' },
  { name: (n) => `${n.base}幼儿园`, kind: 'institution', party: 'branch', resources: ['亲子活动场地'], promises: ['假期向社区儿童开放游戏场地', '教师到社区开展育儿讲座'], scope: 'community' },
  { name: (n) => `${n.base}便民超市`, kind: 'enterprise', party: null, resources: ['爱心折扣（困难家庭九折）'], promises: ['为社区困难家庭提供购物折扣', '疫情等特殊时期保障居民生活物资供应'], scope: 'community' },
  { name: (n) => `中国移动${n.base}营业厅`, kind: 'enterprise', party: null, resources: ['智能手机课堂'], promises: ['每月为社区老人开设一次智能手机课堂'], scope: 'community' },
  { name: (n) => `${n.base}邮政所`, kind: 'enterprise', party: null, resources: ['便民代收代寄'], promises: ['为行动不便的老人提供上门投递服务'], scope: 'community' },
];

const COMMUNITY_PROMISES = [
  '为单位职工子女提供寒暑假托管服务',
  '优先安排单位在职党员到社区报到服务岗位',
  '协助单位做好周边环境整治和停车秩序管理',
  '向单位开放社区党群服务中心会议室',
  '邀请单位参加社区党建工作联席会议',
  '为单位开展主题党日活动提供场地和服务',
];

/** Topics of a joint meeting and what it decided, with the months they belong to (none: any time). */
const JOINT_TOPICS: { topics: string; decisions: string; months?: number[] }[] = [
  { topics: '年度共建项目清单；“我为群众办实事”项目认领', decisions: '各成员单位认领共建项目 12 项，年底前完成', months: [1, 2, 3] },
  { topics: '汛期安全和防汛物资储备', decisions: '建立汛期联动机制，驻区单位储备沙袋、水泵等物资供社区调用', months: [4, 5, 6, 7] },
  { topics: '冬季供暖和老旧管网改造', decisions: '供电所、物业公司联合排查隐患，困难老人家中优先检修', months: [9, 10, 11] },
  { topics: '春节期间走访慰问困难群众；年度共建工作总结', decisions: '成员单位认领帮扶对象，春节前完成走访慰问；各单位年底前报送共建工作总结', months: [12, 1] },
  { topics: '老旧小区加装电梯协调；驻区单位停车位错时共享', decisions: '3 家驻区单位夜间开放停车位 120 个，社区负责登记和车辆管理' },
  { topics: '辖区垃圾分类推进情况；桶前值守人员安排', decisions: '驻区单位每周各派 2 名在职党员参加桶前值守' },
  { topics: '驻区单位资源开放共享清单更新', decisions: '更新共享资源清单 8 项，在社区公示栏和微信群公布' },
  { topics: '背街小巷环境整治', decisions: '成立联合整治小组，每月开展一次集中清理' },
  { topics: '社区养老服务需求调查结果通报', decisions: '医院、福利中心每月轮流到社区开展助老服务' },
];

const VISIT_NOTES: { views: string | null; problems: string | null; followUp: string | null }[] = [
  { views: '希望社区多组织驻区单位职工参加的文体活动', problems: null, followUp: null },
  { views: null, problems: '单位门前停车秩序混乱，影响职工上下班', followUp: '已协调交通部门在高峰时段加强疏导，施划临时停车位' },
  { views: null, problems: '单位周边路灯损坏，夜间出行不便', followUp: '已报街道城管科，路灯已更换' },
  { views: '愿意开放会议室供社区开展党员活动', problems: null, followUp: null },
  { views: null, problems: '职工子女入托难', followUp: '已与辖区幼儿园沟通，协调解决职工子女入园' },
  { views: '希望社区提供垃圾分类培训', problems: '单位周边垃圾清运不及时', followUp: '已协调环卫所增加清运频次' },
  { views: null, problems: '单位老宿舍楼雨季漏水', followUp: '已联系房管所查看，列入维修计划' },
  { views: '建议联席会议增加驻区单位轮值主持', problems: null, followUp: null },
  { views: null, problems: '单位门前占道经营，影响通行', followUp: '已联合城管执法队开展整治' },
];

interface Theme {
  title: string;
  /** Partner units that fit the theme (the hospital for 义诊), when the community has one. */
  units?: RegExp;
  /** MM-DD the activity falls on (or near). */
  md: string;
  kind: ActivityKind;
  place: string;
  content: string;
}

const THEMES: Theme[] = [
  { title: '迎新春送春联进万家', md: '01-20', kind: 'other', place: '社区党群服务中心', content: '党员书法爱好者现场书写春联、福字，送给社区居民和驻区单位职工，为困难家庭送去年货。' },
  { title: '学雷锋志愿服务日', md: '03-05', kind: 'dedicationDay', place: '社区文化广场', content: '设立义诊、理发、家电维修、法律咨询等服务摊位，党员志愿者为居民提供便民服务。' },
  { title: '“绿色家园”义务植树', units: /物业|学校|中学|小学/, md: '03-12', kind: 'onSite', place: '社区绿地', content: '驻区单位党员和社区党员一起补种树苗、清理绿地垃圾，宣传爱绿护绿。' },
  { title: '全民国家安全教育日宣传', md: '04-15', kind: 'other', place: '社区宣传栏前', content: '发放国家安全知识手册，讲解防范电信诈骗和境外间谍情报活动的常识。' },
  { title: '健康义诊进社区', units: /医院|卫生服务站/, md: '05-20', kind: 'onSite', place: '社区党群服务中心', content: '医院党员医生为居民测血压、血糖，提供用药咨询和健康讲座。' },
  { title: '世界环境日垃圾分类宣传', units: /物业|超市/, md: '06-05', kind: 'onSite', place: '小区垃圾分类驿站', content: '讲解垃圾分类知识，开展桶前值守示范，向居民发放分类垃圾袋。' },
  { title: '“七一”党员奉献日', md: '07-01', kind: 'dedicationDay', place: '社区党群服务中心', content: '重温入党誓词，党员认领微心愿，开展楼道清理和走访慰问老党员活动。' },
  { title: '“八一”走访慰问退役军人', md: '07-30', kind: 'pairing', place: '社区退役军人服务站', content: '结对共建单位和社区一起走访慰问辖区退役军人和优抚对象，送去慰问品。' },
  { title: '“我为群众办实事”便民服务', units: /银行|供电|移动|邮政|税务/, md: '09-20', kind: 'pairing', place: '社区文化广场', content: '驻区单位提供金融、通信、家电维修等便民服务，收集居民意见建议。' },
  { title: '重阳节关爱老人活动', units: /医院|福利|卫生服务站|幼儿园|小学/, md: '10-11', kind: 'pairing', place: '社区老年活动室', content: '为社区高龄老人祝寿，开展健康讲座和文艺演出，结对党员上门看望独居老人。' },
  { title: '消防安全进社区', units: /消防|物业|红十字/, md: '11-09', kind: 'onSite', place: '社区消防站点', content: '消防员讲解家庭防火知识，演示灭火器使用，组织居民开展疏散演练。' },
];

const NEW_ORG_NAMES: { kind: NewOrgKind; name: (brand: string, n: Names) => string; prefix: string }[] = [
  { kind: 'enterprise', name: (b) => `北京${b}科技有限公司`, prefix: '91' },
  { kind: 'enterprise', name: (b) => `北京${b}餐饮管理有限公司`, prefix: '91' },
  { kind: 'enterprise', name: (b) => `北京${b}商贸有限公司`, prefix: '91' },
  { kind: 'enterprise', name: (b) => `北京${b}建筑装饰工程有限公司`, prefix: '91' },
  { kind: 'enterprise', name: (b) => `北京${b}文化传媒有限公司`, prefix: '91' },
  { kind: 'enterprise', name: (b) => `北京${b}物流有限公司`, prefix: '91' },
  { kind: 'privateNonEnterprise', name: (b) => `北京市${b}养老服务中心`, prefix: '52' },
  { kind: 'privateNonEnterprise', name: (b) => `北京${b}培训学校`, prefix: '52' },
  { kind: 'privateNonEnterprise', name: (b, n) => `${n.streetBase}${b}社会工作服务中心`, prefix: '52' },
  { kind: 'socialGroup', name: (_b, n) => `${n.street}商会`, prefix: '51' },
  { kind: 'socialGroup', name: () => '区书法家协会', prefix: '51' },
  { kind: 'intermediary', name: (b) => `北京${b}律师事务所`, prefix: '31' },
  { kind: 'intermediary', name: (b) => `北京${b}会计师事务所（普通合伙）`, prefix: '91' },
  { kind: 'intermediary', name: (b) => `北京${b}房地产经纪有限公司`, prefix: '91' },
];
const BRANDS = ['博远', '恒信', '瑞丰', '德润', '启航', '嘉禾', '智联', '安泰', '益民', '同心', '天成', '宏达', '润泽', '和美', '众合', '新锐', '华信', '鼎盛', '长青藤', '乐业'];

/** Employers of in-service members, by their 工作岗位 (the register's 职业). */
const EMPLOYERS: { when: RegExp; names: string[]; party: (n: string) => string }[] = [
  { when: /党政机关/, names: ['区财政局', '区教育委员会', '区卫生健康委员会', '区住房和城乡建设委员会', '区人力资源和社会保障局', '区民政局', '区司法局', '区城市管理委员会'], party: (n) => `中共${n}机关委员会` },
  { when: /事业单位/, names: ['区人民医院', '区中医医院', '市第二中学', '区实验小学', '区疾病预防控制中心', '区妇幼保健院', '区图书馆', '区文化馆'], party: (n) => `中共${n}委员会` },
  { when: /公有经济/, names: ['国网北京市电力公司城区供电公司', '中国工商银行北京分行营业部', '北京公交集团第五客运分公司', '北京燃气集团第二分公司', '北京自来水集团客户服务中心'], party: (n) => `中共${n}委员会` },
  { when: /非公有经济/, names: ['北京华信科技有限公司', '北京博远建筑设计有限公司', '北京嘉禾餐饮管理有限公司', '北京启航教育科技有限公司'], party: (n) => `中共${n}支部委员会` },
  { when: /社会组织/, names: ['区慈善协会', '区社会工作者协会', '区律师协会'], party: (n) => `中共${n}支部委员会` },
];
const POSTS: [string, string][] = [
  ['政策宣传岗', '到楼门院宣传惠民政策，解答居民咨询'],
  ['治安巡逻岗', '参加社区夜间治安巡逻，检查楼道消防通道'],
  ['环境整治岗', '参加垃圾分类桶前值守和楼道杂物清理'],
  ['关爱帮扶岗', '上门看望结对的独居老人，帮助代购药品'],
  ['文明引导岗', '在路口开展文明交通劝导'],
  ['矛盾调解岗', '协助调解邻里纠纷'],
  ['文化服务岗', '为社区青少年开展课后辅导'],
  ['便民服务岗', '在社区便民服务日为居民提供义务服务'],
];

const TEAM_KINDS: { specialty: string; name: string; content: string[]; place: string }[] = [
  { specialty: '义诊', name: '红色义诊服务队', content: ['为社区老人测血压血糖，开展用药咨询', '上门为行动不便的老人检查身体'], place: '社区党群服务中心' },
  { specialty: '治安巡逻', name: '平安巡逻队', content: ['夜间治安巡逻，检查楼道消防通道', '节日期间开展安全巡查'], place: '社区各小区' },
  { specialty: '助老助残', name: '助老服务队', content: ['为独居老人打扫卫生、代购生活用品', '陪同高龄老人就医'], place: '独居老人家中' },
  { specialty: '法律咨询', name: '法律服务队', content: ['为居民解答婚姻家庭、房屋租赁等法律问题', '开展《民法典》宣讲'], place: '社区法律服务室' },
  { specialty: '维修', name: '便民维修队', content: ['为居民免费维修家电、更换水龙头', '为困难家庭检修室内线路'], place: '社区文化广场' },
  { specialty: '政策宣讲', name: '政策宣讲队', content: ['宣讲党的创新理论和惠民政策', '到楼门院开展反诈宣传'], place: '社区会议室' },
  { specialty: '环境保护', name: '绿色环保服务队', content: ['垃圾分类桶前值守和宣传', '清理小区绿地和楼道杂物'], place: '小区垃圾分类驿站' },
  { specialty: '文艺演出', name: '红色文艺宣传队', content: ['排练并演出庆祝建党节目', '到养老驿站慰问演出'], place: '社区文化活动室' },
];

const HOUSEHOLD_TYPES: { kinds: HouseholdKind[]; born: [number, number]; needs: string; frequency: VisitFrequency; size: [number, number] }[] = [
  { kinds: ['elderly'], born: [1935, 1948], needs: '独居高龄老人，子女在外地，需要定期探望、代购生活用品', frequency: 'month', size: [1, 1] },
  { kinds: ['elderly', 'disabled'], born: [1938, 1952], needs: '老人行动不便（肢体残疾二级），需要陪同就医和居家照料', frequency: 'twoWeeks', size: [1, 2] },
  { kinds: ['child'], born: [2011, 2017], needs: '单亲家庭，孩子课业辅导和心理关爱', frequency: 'quarter', size: [2, 3] },
  { kinds: ['poor', 'lowIncome'], born: [1960, 1980], needs: '家庭主要劳动力患病，收入低，需要生活救助和就业帮扶', frequency: 'month', size: [3, 5] },
  { kinds: ['lowIncome'], born: [1965, 1985], needs: '低保边缘家庭，子女上学开支大，需要助学和临时救助', frequency: 'quarter', size: [3, 4] },
  { kinds: ['entitled'], born: [1945, 1960], needs: '退役军人优抚对象，年老多病，需要定期走访和节日慰问', frequency: 'quarter', size: [1, 2] },
  { kinds: ['disabled'], born: [1970, 1995], needs: '智力残疾，需要康复训练和就业辅导', frequency: 'month', size: [2, 3] },
  { kinds: ['needyMember'], born: [0, 0], needs: '老党员患重病，医疗费用负担重，需要帮扶和关爱', frequency: 'month', size: [1, 2] },
];
const HELP_CONTENT: Record<HelpKind, string[]> = {
  visit: ['上门看望，了解近期身体和生活情况', '陪老人聊天，检查家中水电燃气安全'],
  money: ['送去节日慰问金', '发放临时救助金'],
  goods: ['送去米、面、油等生活物资', '送去冬季棉被和取暖用品'],
  service: ['陪同到医院复查，协助办理医保报销', '帮助申请居家养老服务补贴', '帮助孩子联系课后辅导志愿者'],
};

const TRAININGS: { kind: 'training' | 'rotation'; course: string; organiser: string; days: number; hours: number; certificate: string | null }[] = [
  { kind: 'training', course: '社区党组织书记示范培训班', organiser: '区委组织部', days: 5, hours: 40, certificate: '结业证书' },
  { kind: 'training', course: '基层党务工作者能力提升培训', organiser: '街道党工委', days: 2, hours: 12, certificate: null },
  { kind: 'rotation', course: '学习贯彻习近平新时代中国特色社会主义思想读书班', organiser: '区委党校', days: 3, hours: 24, certificate: '结业证书' },
  { kind: 'rotation', course: '社区党务干部轮训（党内法规专题）', organiser: '区委党校', days: 2, hours: 16, certificate: null },
  { kind: 'training', course: '发展党员工作规范化培训', organiser: '区委组织部', days: 1, hours: 6, certificate: null },
  { kind: 'training', course: '社区工作者职业能力培训', organiser: '区民政局', days: 4, hours: 30, certificate: '培训合格证' },
];

const LESSONS = ['学习贯彻党的二十大精神', '深入学习《中国共产党章程》', '传承红色基因 践行初心使命', '学习《中国共产党纪律处分条例》', '发扬党的优良作风 密切联系群众', '新时代党员如何发挥先锋模范作用'];
const COMMITTEE_AGENDAS = ['研究本月党员活动安排', '讨论发展党员工作', '研究困难党员慰问名单', '通报党费收缴情况', '研究“三会一课”年度计划落实情况', '讨论党员志愿服务安排'];
const ABSENCE = ['外出', '生病住院', '工作原因请假', '在外地照顾子女'];

const TRANSFER_TO: [string, number][] = [
  ['中共北京市海淀区学院路街道工作委员会', 30],
  ['中共北京市西城区德胜街道工作委员会', 30],
  ['中共北京市丰台区方庄地区工作委员会', 30],
  ['中共天津市河西区委组织部', 60],
  ['中共河北省廊坊市广阳区委组织部', 60],
  ['中共上海市浦东新区委员会组织部', 60],
];
const TRANSFER_FROM = [
  '中共北京市东城区和平里街道工作委员会',
  '中共北京市海淀区中关村街道工作委员会',
  '中共北京市昌平区回龙观街道工作委员会',
  '中共河北省保定市竞秀区委组织部',
  '中共山东省济南市历下区委组织部',
  '中共辽宁省沈阳市和平区委组织部',
];

// ─── The fill ───────────────────────────────────────────────────────────────────────────────────────────

interface Community {
  id: number;
  name: string;
  /** 阳光社区 */
  short: string;
  names: Names;
  branches: OrgNode[];
  /** The community's Party secretary (a member of its register): host of its meetings, visitor, assessor. */
  secretary: { id: number; name: string };
  units: { id: number; name: string; template: UnitTemplate }[];
  bodyId: number | null;
  agreements: { id: number; kind: 'coBuilding' | 'pairing'; unitIds: number[]; startDay: number; endDay: number }[];
  volunteers: { memberId: number; name: string; since: number }[];
  /** The community's two volunteer teams' kinds: every third volunteer is in neither. */
  teams: (typeof TEAM_KINDS)[number][];
}

const SURNAME = new Weighted(SURNAMES);
const YEAR_DAYS = 365;

class Demo {
  private readonly call: Call;
  private readonly rng: Rng;
  private readonly today: string;
  private readonly todayDay: number;
  /** The first day of the two years the data spans. */
  private readonly startDay: number;
  private readonly thisYear: number;
  private readonly counts = Object.fromEntries(Object.keys(DEMO_COUNT_LABELS).map((k) => [k, 0])) as DemoCounts;
  /** Members with a standing role (volunteer, cadre, pairing, 报到 …): a member who transfers out is none of them. */
  private readonly touched = new Set<number>();
  private street!: OrgNode;
  private names!: Names;
  private communities: Community[] = [];
  private allCommunities: OrgNode[] = [];
  private nodes: OrgNode[] = [];

  constructor(
    private readonly s: Services,
    private readonly options: DemoOptions,
  ) {
    this.call = caller(s);
    this.rng = options.rng;
    this.today = options.today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.today)) throw new Error(`today 应为 YYYY-MM-DD：${this.today}`);
    this.todayDay = isoToDay(this.today);
    this.startDay = this.todayDay - 2 * YEAR_DAYS + 1;
    this.thisYear = Number(this.today.slice(0, 4));
  }

  run(): DemoCounts {
    this.refuseFilled();
    this.readTree();
    this.newOrganisations();
    this.coBuilding();
    this.threeMeetingsOneLesson();
    this.inService();
    this.volunteers();
    this.assistance();
    this.cadres();
    this.floating();
    this.targets();
    this.transfers();
    return this.counts;
  }

  // ─── Setting out ─────────────────────────────────────────────────────────────────────────────────────

  private refuseFilled(): void {
    const c = this.call;
    const filled =
      c('units.list', { status: 'all' }).length + c('neworgs.list', { status: 'all' }).length + c('cadres.list', { status: 'all' }).length + c('targets.list', {}).length;
    if (filled) throw new Error('数据文件中已有共驻共建、两新组织、干部或目标考核的记录；--demo 只用于新生成的数据文件。');
    if (this.s.db.prepare('SELECT 1 FROM transfers LIMIT 1').get() || this.s.db.prepare('SELECT 1 FROM floating_certificates LIMIT 1').get())
      throw new Error('数据文件中已有组织关系转接或流动党员活动证的记录；--demo 只用于新生成的数据文件。');
  }

  private readTree(): void {
    this.nodes = this.call('orgs.list', {});
    const street = this.nodes.find((n) => n.kind === 'streetCommittee' && n.parentId == null);
    this.allCommunities = this.nodes.filter((n) => n.kind === 'communityCommittee');
    if (!street || !this.allCommunities.length) throw new Error('数据文件中没有街道党工委和社区党委，无法生成演示数据（请先生成党员和组织）。');
    this.street = street;
    const streetName = street.name.replace(/(党工委|工作委员会)$/, '');
    this.names = { street: streetName, streetBase: streetName.replace(/(街道|地区|镇)$/, ''), base: '' };
    const picked = this.rng.shuffled(this.allCommunities).slice(0, this.options.maxCommunities ?? 6);
    picked.sort((a, b) => a.id - b.id);
    for (const node of picked) {
      const short = node.name.replace(/党委$/, '');
      const branches = this.subtree(node.id).filter((n) => n.kind === 'branch' || n.kind === 'retiredBranch');
      const secretary = this.pickMembers({ orgId: node.id }, 1, (r) => this.age(r) >= 35 && this.age(r) <= 58 && r.membershipKind === 'full')[0] ??
        this.pickMembers({ orgId: node.id }, 1)[0];
      if (!secretary) continue;
      this.touched.add(secretary.id);
      this.communities.push({
        id: node.id,
        name: node.name,
        short,
        names: { ...this.names, base: short.replace(/社区$/, '') },
        branches,
        secretary: { id: secretary.id, name: secretary.name },
        units: [],
        bodyId: null,
        agreements: [],
        volunteers: [],
        teams: [],
      });
    }
    if (!this.communities.length) throw new Error('社区党委下还没有党员，无法生成演示数据。');
  }

  private subtree(id: number): OrgNode[] {
    const out: OrgNode[] = [];
    const walk = (p: number) => {
      for (const n of this.nodes) if (n.parentId === p) (out.push(n), walk(n.id));
    };
    walk(id);
    return out;
  }

  // ─── 两新组织 ──────────────────────────────────────────────────────────────────────────────────────────

  private newOrganisations(): void {
    const { rng } = this;
    const usedNames = new Set<string>();
    const usedCodes = new Set<string>();
    const save = (org: Input<'neworgs.save'>['org']) => {
      this.call('neworgs.save', { org });
      usedNames.add(org.name);
      this.counts.newOrganisations++;
    };
    // The firms of the tree's 联合党支部: covered jointly, by that branch, with its members linked.
    const joint = this.nodes.filter((n) => n.kind === 'jointBranch');
    let fromJoint = 0;
    for (const branch of joint) {
      const record = this.call('orgs.get', { id: branch.id });
      const parent = this.nodes.find((n) => n.id === branch.parentId);
      const communityId = parent && parent.kind === 'communityCommittee' ? parent.id : rng.pick(this.communities).id;
      const staff = this.pickMembers({ orgId: branch.id }, 8);
      record.units.slice(0, 3).forEach((name, i) => {
        if (fromJoint >= 8 || usedNames.has(name)) return;
        const kind = unitNameKind(name);
        const linked = staff.slice(i * 2, i * 2 + rng.int(1, 2));
        linked.forEach((m) => this.touched.add(m.id));
        save({
          name,
          kind,
          creditCode: this.creditCode(kind === 'privateNonEnterprise' ? '52' : /律师/.test(name) ? '31' : '91', usedCodes),
          address: this.address(),
          communityId,
          employees: rng.int(5, 40),
          memberIds: linked.map((m) => m.id),
          otherFull: rng.int(0, 1),
          otherProbationary: 0,
          legalRepIsMember: rng.chance(0.3) ? true : rng.chance(0.7) ? false : null,
          partyWork: 'joint',
          jointWith: null,
          partyOrgId: branch.id,
          liaisonName: null,
          hasUnion: rng.chance(0.6),
          hasYouthLeague: false,
          hasWomensFederation: rng.chance(0.2),
          note: `党员编入${branch.name}`,
        });
        fromJoint++;
      });
    }
    // Others: enterprises, social organisations and intermediaries across the communities, in every state of coverage.
    const plan: PartyWorkKind[] = ['own', 'own', 'liaisonOnly', 'liaisonOnly', 'liaisonOnly', 'unionOnly', 'unionOnly', 'none', 'none', 'none', 'joint', 'liaisonOnly'];
    const templates = rng.shuffled(NEW_ORG_NAMES);
    const brands = rng.shuffled(BRANDS);
    plan.forEach((partyWork, i) => {
      const t = templates[i % templates.length]!;
      const c = this.communities[i % this.communities.length]!;
      const name = t.name(brands[i % brands.length]!, c.names);
      if (usedNames.has(name)) return;
      const workers = this.pickMembers({ orgId: c.id }, 4, (r) => /非公有经济|社会组织/.test(r.occupation ?? '') && this.age(r) < 60);
      const own = partyWork === 'own';
      // One firm with three full members and only a liaison: 应单独组建而未组建.
      const qualified = i === plan.length - 1;
      const linked = workers.slice(0, own ? Math.min(3, workers.length) : partyWork === 'none' ? 0 : rng.int(0, 1));
      linked.forEach((m) => this.touched.add(m.id));
      const otherFull = own ? Math.max(0, 3 - linked.length) + rng.int(0, 2) : qualified ? 3 : rng.int(0, 1);
      const closed = partyWork === 'none' && i === 9;
      save({
        name,
        kind: t.kind,
        creditCode: this.creditCode(t.prefix, usedCodes),
        address: this.address(),
        communityId: c.id,
        employees: t.kind === 'socialGroup' ? null : rng.int(8, own ? 260 : 60),
        memberIds: linked.map((m) => m.id),
        otherFull,
        otherProbationary: own && rng.chance(0.4) ? 1 : 0,
        legalRepIsMember: rng.chance(0.25) ? true : rng.chance(0.8) ? false : null,
        partyWork,
        jointWith: partyWork === 'joint' ? `${this.names.street}楼宇联合党支部（与周边 4 家企业联合组建）` : null,
        partyOrgId: null,
        liaisonName: partyWork === 'liaisonOnly' || partyWork === 'unionOnly' || qualified ? this.person() : null,
        hasUnion: partyWork === 'unionOnly' || (partyWork !== 'none' && rng.chance(0.5)),
        hasYouthLeague: own && rng.chance(0.5),
        hasWomensFederation: own && rng.chance(0.3),
        closedOn: closed ? this.iso(this.day(this.todayDay - 300, this.todayDay - 30)) : null,
        note: own ? '党支部隶属区非公有制经济组织党委' : closed ? '已注销，营业执照已吊销' : null,
      });
    });
  }

  /** A well-formed 统一社会信用代码: department and kind, a 东城/朝阳 … region, a 主体标识码 with its own check, the check character. */
  private creditCode(prefix: string, used: Set<string>): string {
    const letters = CREDIT_CODE_CHARS;
    for (;;) {
      const region = this.rng.pick(['110101', '110102', '110105', '110106', '110108']);
      let body = prefix === '91' && this.rng.chance(0.7) ? 'MA0' : '';
      while (body.length < 8) body += this.rng.chance(0.8) ? String(this.rng.int(0, 9)) : letters[this.rng.int(10, letters.length - 1)]!;
      const first17 = `${prefix}${region}${body}${orgCodeCheck(body)}`;
      const code = first17 + creditCheckChar(first17);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  }

  // ─── 共驻共建 ──────────────────────────────────────────────────────────────────────────────────────────

  private coBuilding(): void {
    const { rng } = this;
    // 驻区单位: the street's hospitals, schools, police station … placed in the communities, and each community's own.
    const streetUnits = rng.shuffled(STREET_UNITS);
    const perCommunity = Math.max(2, Math.min(3, Math.floor(streetUnits.length / this.communities.length)));
    for (const c of this.communities) {
      const templates = [...streetUnits.splice(0, perCommunity), ...rng.shuffled(COMMUNITY_UNITS).slice(0, 2)];
      for (const t of templates) {
        const name = t.name(c.names);
        const secretary = t.party ? this.person() : null;
        const unit = this.call('units.save', {
          unit: {
            name,
            kind: t.kind,
            address: this.address(),
            partyOrgName: t.party ? `中共${name}${t.party === 'committee' ? '委员会' : t.party === 'general' ? '总支部委员会' : '支部委员会'}` : null,
            partySecretary: secretary,
            contactName: this.person(),
            contactPhone: this.landline(),
            liaisonName: this.person(),
            liaisonPhone: this.mobile(),
            communityId: c.id,
            note: t.party ? null : '本单位暂无党组织，党员组织关系在上级单位',
          },
        });
        c.units.push({ id: unit.id, name, template: t });
        this.counts.residentUnits++;
      }
    }

    // 联席会 (one per community, quarterly) and the street's 协调委员会 (half-yearly), with their member units.
    const streetBody = this.call('jointBodies.save', {
      body: {
        kind: 'coordinationCommittee',
        name: `${this.names.street}区域化党建协调委员会`,
        communityId: null,
        foundedOn: this.iso(this.day(this.startDay + 5, this.startDay + 40)),
        cadence: 'halfYear',
        note: '街道党工委书记任主任，驻区单位党组织负责人任委员',
      },
    });
    this.counts.jointBodies++;
    const bodies: { id: number; name: string; kind: 'jointMeeting' | 'coordinationCommittee'; founded: number; cadenceDays: number; community: Community | null; members: { unitId: number; rep: string; since: number }[] }[] = [
      { id: streetBody.id, name: streetBody.name, kind: 'coordinationCommittee', founded: isoToDay(streetBody.foundedOn!), cadenceDays: 182, community: null, members: [] },
    ];
    for (const c of this.communities) {
      const founded = this.day(this.startDay + 10, this.startDay + 90);
      const body = this.call('jointBodies.save', {
        body: { kind: 'jointMeeting', name: `${c.short}党建工作联席会`, communityId: c.id, foundedOn: this.iso(founded), cadence: 'quarter', note: null },
      });
      c.bodyId = body.id;
      this.counts.jointBodies++;
      bodies.push({ id: body.id, name: body.name, kind: 'jointMeeting', founded, cadenceDays: 91, community: c, members: [] });
    }
    const join = (b: (typeof bodies)[number], unitId: number, since: number, position: string) => {
      const rep = this.person();
      this.call('jointBodies.saveMembership', { bodyId: b.id, unitId, since: this.iso(since), representative: rep, position });
      b.members.push({ unitId, rep, since });
      this.counts.memberships++;
    };
    for (const b of bodies.slice(1)) {
      b.community!.units.forEach((u, i) => join(b, u.id, i < 3 ? b.founded : this.day(b.founded + 60, this.todayDay - 120), i === 0 ? '副主任单位' : '成员单位'));
    }
    const bigUnits = this.communities.flatMap((c) => c.units.filter((u) => u.template.scope === 'street'));
    rng.shuffled(bigUnits)
      .slice(0, 6)
      .forEach((u, i) => join(bodies[0]!, u.id, i < 4 ? bodies[0]!.founded : this.day(bodies[0]!.founded + 100, this.todayDay - 60), i < 2 ? '副主任单位' : '委员单位'));

    // A community unit that moved out of the area a few weeks ago: it leaves its bodies the same day.
    const mover = this.communities[0]!.units.find((u) => u.template.scope === 'community');
    if (mover) {
      const unit = this.call('units.get', { id: mover.id });
      this.call('units.save', {
        id: unit.id,
        expectedVersion: unit.version,
        unit: {
          name: unit.name,
          kind: unit.kind,
          address: unit.address,
          partyOrgName: unit.partyOrgName,
          partySecretary: unit.partySecretary,
          contactName: unit.contactName,
          contactPhone: unit.contactPhone,
          liaisonName: unit.liaisonName,
          liaisonPhone: unit.liaisonPhone,
          communityId: unit.communityId,
          leftOn: this.iso(this.day(this.todayDay - 60, this.todayDay - 20)),
          note: '单位整体搬迁至外区',
        },
      });
    }

    // Meetings at the cadence, the last of each body with its minutes in 会议纪要.
    for (const b of bodies) {
      const dates: number[] = [];
      for (let d = b.founded + rng.int(15, 40); d <= this.todayDay; d += b.cadenceDays + rng.int(-12, 12)) dates.push(this.workday(d));
      // One community's joint meeting has fallen behind: its latest meeting is not held yet (应召开会议).
      if (b.community === this.communities[this.communities.length - 1] && dates.length > 2) dates.pop();
      dates.forEach((d, i) => {
        const month = Number(this.iso(d).slice(5, 7));
        const seasonal = JOINT_TOPICS.filter((t) => t.months?.includes(month));
        const { topics, decisions } = seasonal.length && rng.chance(0.7) ? rng.pick(seasonal) : rng.pick(JOINT_TOPICS.filter((t) => !t.months));
        const present = b.members.filter((m) => m.since <= d && rng.chance(0.85));
        const host = b.community ? b.community.secretary.name : `${this.names.street}党工委书记 ${this.fixedPerson('street-secretary')}`;
        const attendees = [
          { unitId: null, name: b.community ? b.community.secretary.name : this.fixedPerson('street-secretary') },
          ...present.map((m) => ({ unitId: m.unitId, name: m.rep })),
        ];
        const place = b.community ? `${b.community.short}党群服务中心会议室` : `${this.names.street}党群服务中心第一会议室`;
        let minutesId: number | null = null;
        if (i === dates.length - 1) {
          const meeting = this.call('minutes.create', {
            meeting: {
              type: b.kind === 'jointMeeting' ? 'jointMeeting' : 'coordinationCommittee',
              title: `${b.name}${this.iso(d).slice(0, 4)}年第${dates.filter((x) => this.iso(x).slice(0, 4) === this.iso(d).slice(0, 4)).indexOf(d) + 1}次会议`,
              heldOn: this.iso(d),
              startTime: '14:30',
              endTime: '16:30',
              place,
              orgId: b.community ? b.community.id : this.street.id,
              bodyName: b.name,
              host: b.community ? b.community.secretary.name : this.fixedPerson('street-secretary'),
              recorder: this.person(),
              attendees: attendees.map((a) => ({ memberId: null, name: a.name, present: true })),
              agenda: topics,
              minutes: `会议由${host}主持。与会成员单位代表围绕${topics.replace(/；/g, '、')}等议题逐一发言，交流了本单位参与区域化党建的做法和困难，提出意见建议 ${rng.int(4, 12)} 条。`,
              decisions,
              followUps: [{ item: decisions.split('，')[0]!, owner: b.community ? b.community.secretary.name : null, dueOn: this.iso(Math.min(d + 60, this.todayDay)), doneOn: d + 45 <= this.todayDay ? this.iso(d + 45) : null }],
            },
          });
          minutesId = meeting.id;
          this.counts.meetings++;
        }
        this.call('jointMeetings.save', { bodyId: b.id, heldOn: this.iso(d), place, topics, decisions, attendees, minutesId, note: null });
        this.counts.jointMeetings++;
      });
    }

    // 走访征询: each unit visited once or twice, problems followed up and most of them solved.
    for (const c of this.communities) {
      for (const u of c.units) {
        const n = rng.chance(0.4) ? 2 : 1;
        for (let k = 0; k < n; k++) {
          const d = this.workday(this.day(this.startDay + 60 + k * 300, this.todayDay - 5));
          const note = rng.pick(VISIT_NOTES);
          const solved = note.problems != null && rng.chance(0.65);
          this.call('visits.save', {
            unitId: u.id,
            visitedOn: this.iso(d),
            visitors: `${c.secretary.name}、${this.person()}`,
            views: note.views,
            problems: note.problems,
            followUp: note.problems ? (solved ? note.followUp : '已记录，正在协调相关部门') : null,
            solved,
            solvedOn: solved ? this.iso(Math.min(this.todayDay, d + rng.int(7, 45))) : null,
            note: null,
          });
          this.counts.unitVisits++;
        }
      }
    }

    // 共建协议: each community a 共驻共建 agreement with two units and a 结对共建 with one; the street one with its large units.
    const terms: [number, number, number][] = [
      // days before today it was signed (from, to), term in years: one expired, one about to expire, the rest in force.
      [700, 725, 1],
      [680, 700, 2],
      [300, 600, 3],
      [30, 280, 3],
      [400, 650, 2],
    ];
    let k = 0;
    const sign = (communityId: number, communityShort: string, units: Community['units'], kind: 'coBuilding' | 'pairing', owner: Community | null) => {
      const [from, to, years] = terms[k++ % terms.length]!;
      const signed = this.workday(this.day(this.todayDay - to, this.todayDay - from));
      const startOn = this.iso(signed);
      const endOn = termEnd(startOn, years);
      const unitNames = units.map((u) => u.name).join('、');
      const commitments: Input<'agreements.save'>['agreement']['commitments'] = [
        ...rng.shuffled(COMMUNITY_PROMISES)
          .slice(0, 2)
          .map((text) => ({ side: 'community' as const, unitId: null, text, dueOn: null })),
        ...units.flatMap((u) => u.template.promises.slice(0, 2).map((text, i) => ({ side: 'unit' as const, unitId: u.id, text, dueOn: this.iso(signed + 180 * (i + 1)) }))),
      ];
      const agreement = this.call('agreements.save', {
        agreement: {
          title: `${communityShort}与${unitNames}${kind === 'pairing' ? '结对共建协议书' : '共驻共建协议'}`.slice(0, 100),
          kind,
          communityId,
          unitIds: units.map((u) => u.id),
          signedOn: startOn,
          startOn,
          termYears: years,
          endOn,
          commitments,
          resources: [...units.map((u) => ({ unitId: u.id, text: u.template.resources[0]! })), { unitId: null, text: `${communityShort}党群服务中心活动室` }],
          plannedActivities: kind === 'pairing' ? '每季度开展一次结对共建活动；“七一”、重阳节联合走访慰问老党员和困难群众' : '每年联合开展党员奉献日、健康义诊、消防安全等主题活动不少于 4 次',
          note: null,
        },
      });
      this.counts.agreements++;
      const endDay = isoToDay(endOn);
      owner?.agreements.push({ id: agreement.id, kind, unitIds: units.map((u) => u.id), startDay: signed, endDay });
      // Commitments ticked off as they were done.
      agreement.commitments.forEach((c) => {
        const due = c.dueOn ? isoToDay(c.dueOn) : signed + 200;
        if (due <= this.todayDay + 30 && rng.chance(0.7)) {
          const done = Math.min(this.todayDay, Math.max(signed + 10, due - rng.int(0, 40)));
          this.call('agreements.tick', { id: agreement.id, position: c.position, done: true, doneOn: this.iso(done) });
        }
      });
      // 年度评估 for each year that has ended since it started.
      for (let y = Number(startOn.slice(0, 4)); y < this.thisYear && y <= Number(endOn.slice(0, 4)); y++) {
        if (startOn > `${y}-09-30`) continue; // signed late in the year: first reviewed the next year
        const reviewed = Math.max(signed, isoToDay(`${y}-12-${rng.int(10, 28)}`));
        if (reviewed > this.todayDay) continue;
        const grade: AssessmentGrade = rng.pick(['excellent', 'excellent', 'good', 'good', 'good', 'fair']);
        this.call('agreements.review', {
          id: agreement.id,
          year: y,
          reviewedOn: this.iso(reviewed),
          grade,
          assessment: grade === 'fair' ? '部分承诺事项未按期完成，资源开放次数偏少，下一年度需加强沟通' : '双方履行承诺，共享资源按约开放，联合开展活动效果好，居民满意',
        });
        this.counts.agreementReviews++;
      }
    };
    for (const c of this.communities) {
      const pool = rng.shuffled(c.units.filter((u) => u.id !== mover?.id));
      if (pool.length >= 2) sign(c.id, c.short, pool.slice(0, 2), 'coBuilding', c);
      if (pool.length >= 3) sign(c.id, c.short, pool.slice(2, 3), 'pairing', c);
    }
    if (bigUnits.length >= 3) sign(this.street.id, this.names.street, rng.shuffled(bigUnits.filter((u) => u.id !== mover?.id)).slice(0, 3), 'coBuilding', null);

    // 主题活动: the year's themes on their days, by the communities with their partner units.
    const candidates: { c: Community; theme: Theme; day: number }[] = [];
    for (const c of this.communities)
      for (const theme of THEMES)
        for (const y of [this.thisYear - 2, this.thisYear - 1, this.thisYear]) {
          const d = isoToDay(`${y}-${theme.md}`);
          if (d >= this.startDay && d <= this.todayDay) candidates.push({ c, theme, day: d });
        }
    const perCom = Math.max(3, Math.ceil(20 / this.communities.length));
    for (const c of this.communities) {
      const mine = rng.shuffled(candidates.filter((x) => x.c === c)).slice(0, perCom).sort((a, b) => a.day - b.day);
      const people = this.pickMembers({ orgId: c.id }, 60, (r) => this.age(r) < 80);
      for (const { theme, day } of mine) {
        const here = rng.shuffled(c.units);
        const fitting = theme.units ? here.filter((u) => theme.units!.test(u.name)) : [];
        const units = [...fitting, ...here.filter((u) => !fitting.includes(u))].slice(0, theme.kind === 'dedicationDay' || theme.kind === 'other' ? rng.int(0, 1) : rng.int(1, 2));
        const agreement = c.agreements.find((a) => a.startDay <= day && a.endDay >= day && units.some((u) => a.unitIds.includes(u.id)));
        // 驻地共建 or 结对共建 as the agreement it carries out is; 党员奉献日 and the rest as they are.
        const kind: ActivityKind = theme.kind === 'onSite' || theme.kind === 'pairing' ? (agreement?.kind === 'pairing' ? 'pairing' : 'onSite') : theme.kind;
        const members = rng.shuffled(people).slice(0, rng.int(6, 16));
        const others = units.flatMap((u) => Array.from({ length: rng.int(1, 3) }, () => ({ memberId: null, name: this.person(), affiliation: u.name })));
        const year = this.iso(day).slice(0, 4);
        this.call('activities.save', {
          activity: {
            title: `${year}年${theme.title}`,
            kind,
            heldOn: this.iso(day),
            organiser: units.length ? `${c.name}、${units.map((u) => u.name).join('、')}` : c.name,
            communityId: c.id,
            agreementId: agreement?.id ?? null,
            unitIds: units.map((u) => u.id),
            participants: [...members.map((m) => ({ memberId: m.id, name: m.name, affiliation: null })), ...others],
            hours: rng.pick([1.5, 2, 2, 2.5, 3, 4]),
            place: inCommunity(c.short, theme.place),
            content: theme.content,
            note: null,
          },
        });
        this.counts.activities++;
      }
    }
  }

  // ─── 会议纪要: 三会一课 of one branch in each of three communities, for the last half year ───────────────

  private threeMeetingsOneLesson(): void {
    const { rng } = this;
    const monthStart = (d: number) => isoToDay(`${this.iso(d).slice(0, 7)}-01`);
    for (const c of this.communities.slice(0, 3)) {
      const branch = [...c.branches].filter((b) => b.kind === 'branch').sort((a, b) => b.fullCount - a.fullCount || a.id - b.id)[0];
      if (!branch) continue;
      const members = this.pickMembers({ orgId: branch.id }, 40);
      if (members.length < 3) continue;
      const committee = members.slice(0, Math.min(5, members.length));
      const [secretary, deputy] = [committee[0]!, committee[1] ?? committee[0]!];
      const place = `${c.short}党群服务中心党员活动室`;
      const attendance = (people: MemberListRow[]) =>
        people.map((m) => {
          const present = rng.chance(0.88);
          return { memberId: m.id, name: m.name, present, reason: present ? null : rng.pick(ABSENCE) };
        });
      committee.forEach((m) => this.touched.add(m.id));
      const create = (meeting: Input<'minutes.create'>['meeting']) => {
        this.call('minutes.create', { meeting });
        this.counts.meetings++;
      };
      // Six months back from this month: 支委会 every month, 党员大会 and 党课 each quarter, a 主题党日 now and then.
      let month = monthStart(this.todayDay);
      for (let i = 0; i < 6; i++) month = monthStart(month - 1);
      for (let m = month; m <= this.todayDay; m = monthStart(m + 32)) {
        const ym = this.iso(m).slice(0, 7);
        const [y, mo] = [Number(ym.slice(0, 4)), Number(ym.slice(5, 7))];
        const held = (lo: number, hi: number) => this.workday(Math.min(this.todayDay, m + rng.int(lo, hi)));
        const committeeDay = mo === 10 ? held(8, 14) : held(2, 9); // not in the National Day week
        if (committeeDay >= m) {
          const agenda = rng.pick(COMMITTEE_AGENDAS);
          create({
            type: 'committee',
            title: `${y}年${mo}月支委会`,
            heldOn: this.iso(committeeDay),
            startTime: '09:00',
            endTime: '10:30',
            place,
            orgId: branch.id,
            host: secretary.name,
            recorder: deputy.name,
            attendees: attendance(committee),
            agenda,
            minutes: `支部书记${secretary.name}主持会议，${agenda}。支委逐一发表意见，形成一致意见。`,
            decisions: `${agenda.replace(/^(研究|讨论|通报)/, '')}按会议意见执行，由${deputy.name}负责落实。`,
            followUps: rng.chance(0.5) ? [{ item: `落实${agenda.replace(/^(研究|讨论|通报)/, '')}`, owner: deputy.name, dueOn: this.iso(committeeDay + 20), doneOn: committeeDay + 15 <= this.todayDay ? this.iso(committeeDay + 15) : null }] : [],
          });
        }
        if (mo % 3 === 0) {
          const q = mo / 3;
          const assemblyDay = held(12, 20);
          if (assemblyDay >= m)
            create({
              type: 'memberAssembly',
              title: `${y}年第${q}季度支部党员大会`,
              heldOn: this.iso(assemblyDay),
              startTime: '14:00',
              endTime: '16:00',
              place,
              orgId: branch.id,
              host: secretary.name,
              recorder: deputy.name,
              attendees: attendance(members),
              agenda: '通报本季度支部工作；学习上级文件精神；收缴党费',
              minutes: `${secretary.name}通报了本季度支部工作情况和下季度安排，组织学习了上级文件，党员进行了交流发言。`,
              decisions: '下季度重点做好困难党员走访和党员志愿服务',
            });
          const lessonDay = held(21, 27);
          if (lessonDay >= m) {
            const topic = rng.pick(LESSONS);
            create({
              type: 'partyLesson',
              title: `党课：${topic}`,
              heldOn: this.iso(lessonDay),
              startTime: '09:30',
              endTime: '11:00',
              place,
              orgId: branch.id,
              host: secretary.name,
              recorder: deputy.name,
              attendees: attendance(members),
              agenda: topic,
              minutes: `支部书记${secretary.name}以“${topic}”为题讲党课，结合社区工作实际谈体会，党员进行了讨论。`,
            });
          }
        }
        if (mo === 7 || mo === 12) {
          const themeDay = held(0, 4);
          if (themeDay >= m)
            create({
              type: 'themeDay',
              title: mo === 7 ? `${y}年“七一”主题党日` : `${y}年12月主题党日：重温入党誓词`,
              heldOn: this.iso(themeDay),
              place,
              orgId: branch.id,
              host: secretary.name,
              recorder: deputy.name,
              attendees: attendance(members),
              agenda: '重温入党誓词；为老党员颁发纪念章；开展志愿服务',
              minutes: '全体党员重温入党誓词，为党龄满 50 年的老党员颁发“光荣在党50年”纪念章，会后到小区开展环境清理。',
            });
        }
      }
    }
  }

  // ─── 在职党员报到 ───────────────────────────────────────────────────────────────────────────────────────

  private inService(): void {
    const { rng } = this;
    const per = Math.max(3, Math.ceil(24 / this.communities.length));
    const lastYear = this.thisYear - 1;
    let ended = false;
    for (const c of this.communities) {
      const people = this.pickMembers({ orgId: c.id, tags: ['inService'] }, per, (r) => this.age(r) < 60);
      for (const m of people) {
        this.touched.add(m.id);
        const job = EMPLOYERS.find((e) => e.when.test(m.occupation ?? '')) ?? EMPLOYERS[1]!;
        const employer = rng.pick(job.names);
        const [post, postContent] = rng.pick(POSTS);
        const joined = m.joinedOn ? isoToDay(m.joinedOn) : this.startDay;
        const registered = this.day(Math.max(this.startDay, joined + 1), this.todayDay - 60);
        const member = this.call('members.get', { id: m.id });
        const reg = this.call('inService.register', {
          memberId: m.id,
          communityId: c.id,
          registeredOn: this.iso(registered),
          employer,
          employerPartyOrg: job.party(employer),
          post,
          specialty: member.specialties?.split('、')[0] ?? null,
          note: null,
        });
        this.counts.inServiceRegistrations++;
        const days = Array.from({ length: rng.int(1, 4) }, () => this.workday(this.day(registered + 7, this.todayDay))).filter((d) => d >= registered).sort((a, b) => a - b);
        for (const d of days) {
          this.call('inService.saveRecord', { registrationId: reg.id, date: this.iso(d), post, hours: rng.pick([1, 1.5, 2, 2, 3, 4]), content: postContent });
          this.counts.serviceRecords++;
        }
        // 居住地表现反馈 for last year, and for this year's first half once it is over.
        const feedback = (period: string, from: number, periodEnd: number) => {
          if (registered > periodEnd || from > this.todayDay) return;
          const grade: AssessmentGrade = rng.pick(['excellent', 'excellent', 'good', 'good', 'good', 'fair']);
          this.call('inService.saveFeedback', {
            registrationId: reg.id,
            period,
            grade,
            comment: grade === 'fair' ? '能够到社区报到，参加活动次数偏少，希望今后积极参加社区服务' : `按时到社区报到，积极参加${post.replace(/岗$/, '')}等志愿服务，在居民中起到了先锋模范作用`,
            assessedOn: this.iso(this.day(from, Math.min(from + 20, this.todayDay))),
            assessor: c.secretary.name,
          });
          this.counts.feedbackSheets++;
        };
        feedback(String(lastYear), isoToDay(`${this.thisYear}-01-04`), isoToDay(`${lastYear}-12-31`));
        feedback(`${this.thisYear}-H1`, isoToDay(`${this.thisYear}-07-03`), isoToDay(`${this.thisYear}-06-30`));
        // One registration ended: the member moved away.
        if (!ended && registered < this.todayDay - 200) {
          const after = this.call('inService.get', { id: reg.id });
          const last = days.length ? days[days.length - 1]! : registered;
          if (last < this.todayDay - 3) {
            this.call('inService.update', {
              id: reg.id,
              registeredOn: after.registeredOn,
              employer: after.employer,
              employerPartyOrg: after.employerPartyOrg,
              post: after.post,
              specialty: after.specialty,
              note: '本人搬离本社区，报到结束',
              endedOn: this.iso(this.day(last + 1, this.todayDay)),
            });
            ended = true;
          }
        }
      }
    }
  }

  // ─── 党员志愿者 ─────────────────────────────────────────────────────────────────────────────────────────

  private volunteers(): void {
    const { rng } = this;
    const per = Math.max(4, Math.ceil(36 / this.communities.length));
    const availabilities: Availability[][] = [['weekend'], ['weekday'], ['weekday', 'weekend'], ['evening', 'weekend'], ['holiday'], ['anytime']];
    for (const c of this.communities) {
      c.teams = rng.shuffled(TEAM_KINDS).slice(0, 2);
      // Volunteers from the first 150 days (before the teams are formed), and never before they joined the Party.
      const joinedBy = (r: { joinedOn: string | null }) => !r.joinedOn || isoToDay(r.joinedOn) <= this.startDay + 150;
      const people = this.pickMembers({ orgId: c.id }, per, (r) => this.age(r) >= 20 && this.age(r) <= 72 && joinedBy(r));
      for (const [k, m] of people.entries()) {
        this.touched.add(m.id);
        const from = Math.max(this.startDay, m.joinedOn ? isoToDay(m.joinedOn) : this.startDay);
        const since = this.day(from, this.startDay + 150);
        const member = this.call('members.get', { id: m.id });
        const own = (member.specialties ?? '').split('、').filter((x) => x && x.length <= 20);
        // A team member has the team's specialty among theirs (written to the member's 特长 by the save).
        const teamSpecialty = c.teams[k % 3]?.specialty;
        const specialties = own.length ? own.slice(0, 2) : rng.shuffled(SPECIALTY_SUGGESTIONS).slice(0, rng.int(1, 2));
        if (teamSpecialty && !specialties.includes(teamSpecialty)) specialties.push(teamSpecialty);
        this.call('volunteers.save', { memberId: m.id, specialties, availability: rng.pick(availabilities), since: this.iso(since), note: null });
        c.volunteers.push({ memberId: m.id, name: m.name, since });
        this.counts.volunteers++;
      }
    }
    // Teams: two per community by specialty, and the street's own.
    const lastService = new Map<number, number>();
    const team = (name: string, kind: (typeof TEAM_KINDS)[number], communityId: number, pool: Community['volunteers'], where: string) => {
      if (pool.length < 3) return;
      const members = rng.shuffled(pool).slice(0, Math.min(pool.length, rng.int(4, 6)));
      const founded = this.day(this.startDay + 155, this.startDay + 220);
      const t = this.call('volunteerTeams.save', {
        team: { name, specialty: kind.specialty, communityId, leaderMemberId: members[0]!.memberId, foundedOn: this.iso(founded), note: null, memberIds: members.map((m) => m.memberId) },
      });
      this.counts.volunteerTeams++;
      const n = rng.int(3, 5);
      const dates = Array.from({ length: n }, () => this.workday(this.day(founded + 7, this.todayDay))).filter((d) => d >= founded).sort((a, b) => a - b);
      for (const d of dates) {
        const base = rng.pick([1.5, 2, 2, 2.5, 3]);
        const who = rng.shuffled(members).slice(0, Math.max(2, rng.int(2, members.length)));
        this.call('volunteerServices.save', {
          service: {
            heldOn: this.iso(d),
            teamId: t.id,
            communityId: null,
            place: where,
            content: rng.pick(kind.content),
            participants: who.map((p) => ({ memberId: p.memberId, hours: rng.chance(0.85) ? base : Math.round((base - 0.5 + rng.next()) * 10) / 10 })),
            note: null,
          },
        });
        who.forEach((p) => lastService.set(p.memberId, Math.max(lastService.get(p.memberId) ?? 0, d)));
        this.counts.volunteerServices++;
      }
    };
    for (const c of this.communities) {
      c.teams.forEach((kind, i) => team(`${c.short}${kind.name}`, kind, c.id, c.volunteers.filter((_, k) => k % 3 === i), inCommunity(c.short, kind.place)));
    }
    const vanguard = { specialty: '综合服务', name: '党员先锋志愿服务队', content: ['街道大型便民服务活动', '重大节日期间治安维护和文明引导'], place: '街道文化广场' };
    team(`${this.names.street}${vanguard.name}`, vanguard, this.street.id, this.communities.flatMap((c) => c.volunteers.slice(0, 2)), `${this.names.street}文化广场`);
    // One volunteer stopped (moved away).
    const leaver = this.communities[0]!.volunteers.find((v, k) => k % 3 === 2);
    if (leaver) {
      const from = Math.max(leaver.since, lastService.get(leaver.memberId) ?? leaver.since) + 1;
      if (from <= this.todayDay) this.call('volunteers.close', { memberId: leaver.memberId, until: this.iso(this.day(from, this.todayDay)), reason: '搬离本社区' });
    }
  }

  // ─── 困难群体帮扶 ───────────────────────────────────────────────────────────────────────────────────────

  private assistance(): void {
    const { rng } = this;
    const per = Math.max(3, Math.ceil(18 / this.communities.length));
    let endedOne = false;
    for (const c of this.communities) {
      const helpers = this.pickMembers({ orgId: c.id }, 12, (r) => this.age(r) >= 25 && this.age(r) <= 68);
      helpers.forEach((m) => this.touched.add(m.id));
      const needy = this.pickMembers({ orgId: c.id }, 2, (r) => this.age(r) >= 70);
      for (let i = 0; i < per; i++) {
        const type = HOUSEHOLD_TYPES[(i + c.id) % HOUSEHOLD_TYPES.length]!;
        const member = type.kinds.includes('needyMember') ? needy.shift() : undefined;
        if (type.kinds.includes('needyMember') && !member) continue;
        if (member) this.touched.add(member.id);
        const born = member?.birthDate ?? this.iso(isoToDay(`${rng.int(type.born[0], type.born[1])}-01-01`) + rng.int(0, 364));
        const sex = member?.sex ?? (rng.chance(0.5) ? 'male' : 'female');
        const started = this.day(this.startDay, this.todayDay - 90);
        const ends = !endedOne && i === 1 && started < this.todayDay - 200;
        const endedDay = ends ? this.day(started + 120, this.todayDay - 10) : null;
        const paired = rng.shuffled(helpers).slice(0, rng.int(1, 2));
        const household = this.call('assistance.save', {
          household: {
            name: member?.name ?? this.person(sex, Number(born.slice(0, 4))),
            kinds: type.kinds,
            idNumber: member ? null : this.idNumber(born, sex),
            phone: rng.chance(0.5) ? this.mobile() : this.landline(),
            address: this.address(true),
            communityId: c.id,
            memberId: member?.id ?? null,
            householdSize: rng.int(type.size[0], type.size[1]),
            needs: type.needs,
            startedOn: this.iso(started),
            frequency: type.frequency,
            endedOn: endedDay != null ? this.iso(endedDay) : null,
            endReason: endedDay != null ? '已随子女迁居外区' : null,
            pairedMemberIds: paired.map((p) => p.id),
            note: null,
          },
        });
        if (endedDay != null) endedOne = true;
        this.counts.households++;
        const last = endedDay ?? this.todayDay;
        const visits = Array.from({ length: rng.int(1, 4) }, () => this.day(started, last - (endedDay ? 0 : rng.int(0, 40)))).filter((d) => d >= started).sort((a, b) => a - b);
        for (const d of visits) {
          const help: HelpKind = rng.pick(['visit', 'visit', 'goods', 'money', 'service']);
          this.call('assistance.saveVisit', {
            visit: {
              householdId: household.id,
              visitedOn: this.iso(d),
              visitors: [...paired.map((p) => ({ memberId: p.id, name: p.name })), ...(rng.chance(0.4) ? [{ memberId: null, name: c.secretary.name }] : [])],
              helpKind: help,
              content: rng.pick(HELP_CONTENT[help]),
              amount: help === 'money' ? rng.int(2, 10) * 100 : help === 'goods' ? rng.int(10, 50) * 10 : null,
              followUp: rng.chance(0.3) ? '下次走访时了解复查结果' : null,
              note: null,
            },
          });
          this.counts.householdVisits++;
        }
      }
    }
  }

  // ─── 党务干部队伍 ───────────────────────────────────────────────────────────────────────────────────────

  private cadres(): void {
    const { rng } = this;
    // The communities' 两委 were elected on one day, early in the two years.
    const election = this.workday(this.day(this.startDay + 20, this.startDay + 80));
    let replaced = false;
    for (const c of this.communities) {
      const leaders = this.pickMembers({ orgId: c.id }, 4, (r) => r.id !== c.secretary.id && this.age(r) >= 28 && this.age(r) <= 58 && r.membershipKind === 'full');
      const roles: { memberId: number | null; post: string; formal: boolean; started: number }[] = [
        { memberId: c.secretary.id, post: '社区党委书记', formal: true, started: election },
        ...leaders.slice(0, 3).map((m, i) => ({ memberId: m.id, post: i === 0 ? '社区党委副书记' : '社区党委委员', formal: i < 2, started: election })),
        { memberId: null, post: '专职党务工作者', formal: true, started: this.day(election, this.todayDay - 120) },
        { memberId: null, post: '党建指导员', formal: false, started: this.day(election + 30, this.todayDay - 60) },
      ];
      for (const role of roles) {
        if (role.memberId != null) this.touched.add(role.memberId);
        const sex = rng.chance(0.55) ? 'female' : 'male';
        const birthYear = rng.int(1972, 1996);
        // One 委员 left mid-term; a 专职党务工作者 took over the work.
        const leaves = !replaced && role.post === '社区党委委员' && this.todayDay - election > 300;
        const leftDay = leaves ? this.day(election + 200, this.todayDay - 30) : null;
        const cadre = this.call('cadres.save', {
          cadre: {
            memberId: role.memberId,
            name: role.memberId == null ? this.person(sex, birthYear) : null,
            sex: role.memberId == null ? sex : null,
            birthDate: role.memberId == null ? this.iso(isoToDay(`${birthYear}-01-01`) + rng.int(0, 364)) : null,
            education: role.memberId == null ? rng.pick<Education>(['bachelor', 'bachelor', 'college', 'master']) : null,
            post: role.post,
            communityId: c.id,
            formal: role.formal,
            startedOn: this.iso(role.started),
            leftOn: leftDay != null ? this.iso(leftDay) : null,
            phone: this.mobile(),
            note: role.post === '党建指导员' ? `由${this.names.street}党工委选派` : leftDay != null ? '调任街道工作' : null,
          },
        });
        if (leftDay != null) replaced = true;
        this.counts.cadres++;
        const until = leftDay ?? this.todayDay;
        for (const t of rng.shuffled(TRAININGS).slice(0, rng.int(1, 2))) {
          if (until - t.days + 1 < role.started) continue;
          const start = this.workday(this.day(role.started, until - t.days + 1));
          if (start < role.started) continue;
          this.call('cadres.saveTraining', {
            training: {
              cadreId: cadre.id,
              kind: t.kind,
              course: t.course,
              organiser: t.organiser,
              startOn: this.iso(start),
              endOn: this.iso(start + t.days - 1),
              hours: t.hours,
              certificate: t.certificate,
              note: null,
            },
          });
          this.counts.trainings++;
        }
      }
    }
  }

  // ─── 流动党员活动证 ─────────────────────────────────────────────────────────────────────────────────────

  private floating(): void {
    const { rng } = this;
    const rows = this.pickMembers({ floating: true }, 24);
    const out: { id: number; name: string; destination: string | null }[] = [];
    const inflow: { id: number; name: string }[] = [];
    for (const r of rows) {
      const m = this.call('members.get', { id: r.id });
      if (m.floatingDirection === 'inflow') {
        if (inflow.length < 4) inflow.push(m);
      } else if (out.length < 6) out.push({ id: m.id, name: m.name, destination: m.floatingDestination });
    }
    const reviewer = this.communities[0]!.secretary.name;
    const plans = [
      ...out.map((m) => ({ m, direction: 'outflow' as const, reason: rng.pick(['外出务工', '外出经商', '随子女异地居住', '外出求学']), destination: m.destination ?? pickWeighted(rng, FLOATING_DESTINATIONS) })),
      ...inflow.map((m) => ({ m, direction: 'inflow' as const, reason: rng.pick(['来京务工', '随子女来京居住', '在京经商']), destination: rng.pick(['河北省保定市', '山东省济南市', '河南省郑州市', '黑龙江省哈尔滨市', '山西省太原市']) })),
    ].map((p) => ({ ...p, issued: this.workday(this.day(this.startDay + 20, this.todayDay - 45)) }));
    plans.sort((a, b) => a.issued - b.issued);
    const seq = new Map<string, number>();
    plans.forEach((p, i) => {
      this.touched.add(p.m.id);
      const year = this.iso(p.issued).slice(0, 4);
      const n = (seq.get(year) ?? 0) + 1;
      seq.set(year, n);
      const dateOut = Math.min(this.todayDay, p.issued + rng.int(0, 10));
      let cert = this.call('floating.issue', {
        memberId: p.m.id,
        direction: p.direction,
        certificateNo: `LD-${year}-${String(n).padStart(3, '0')}`,
        issueDate: this.iso(p.issued),
        reason: p.reason,
        destination: p.destination,
        dateOut: this.iso(dateOut),
        note: null,
      });
      this.counts.floatingCertificates++;
      // Two came back.
      let back: number | null = null;
      if (i % 4 === 1 && dateOut + 90 <= this.todayDay) {
        back = this.day(dateOut + 90, this.todayDay);
        cert = this.call('floating.return', { id: cert.id, dateBack: this.iso(back) });
      }
      // 年审: each past year in December; this year for some, by today.
      const lastYear = back != null ? Number(this.iso(back).slice(0, 4)) : this.thisYear;
      for (let y = Number(year); y <= lastYear; y++) {
        const lo = Math.max(p.issued, y < this.thisYear ? isoToDay(`${y}-12-01`) : isoToDay(`${y}-01-01`));
        const hi = Math.min(this.todayDay, isoToDay(`${y}-12-28`), back ?? this.todayDay);
        if (lo > hi || (y === this.thisYear && back == null && rng.chance(0.5))) continue;
        this.call('floating.review', {
          id: cert.id,
          year: y,
          date: this.iso(this.day(lo, hi)),
          result: rng.pick(['按时参加流入地党组织活动，按期交纳党费，表现良好', '定期向党组织汇报思想和工作情况，合格', '能参加组织生活，按期交纳党费，合格']),
          reviewer,
        });
        this.counts.floatingReviews++;
      }
    });
  }

  // ─── 目标考核 ───────────────────────────────────────────────────────────────────────────────────────────

  private targets(): void {
    const { rng } = this;
    const communityIds = this.allCommunities.map((c) => c.id);
    const items = [
      { name: '基层组织建设', weight: 20, method: 'entered' as const, standard: '党组织按期换届，组织生活规范，发展党员程序规范' },
      { name: '三会一课', weight: 20, method: 'meetings' as const, goal: 100, standard: '支部党员大会、支委会、党小组会按期召开，党课每季度不少于一次' },
      { name: '两新组织党建覆盖', weight: 15, method: 'orgCoverage' as const, goal: 80, standard: '辖区两新组织党的组织覆盖率达到 80%' },
      { name: '党员志愿服务', weight: 15, method: 'volunteerHours' as const, goal: 60, standard: '本社区党员志愿服务队服务时长全年不少于 60 小时' },
      { name: '共驻共建', weight: 15, method: 'entered' as const, standard: '联席会议按季度召开，共建协议承诺事项按期完成' },
      { name: '困难群体帮扶', weight: 15, method: 'entered' as const, standard: '帮扶对象按期走访，结对帮扶全覆盖' },
    ];
    const note = (p: number) => (p >= 80 ? '工作扎实，进度符合要求' : p >= 60 ? '基本按计划推进，个别事项滞后' : '进度滞后，需加快推进');
    for (const year of [this.thisYear - 1, this.thisYear]) {
      // Last year's sheet was scored by hand throughout (its minutes and volunteer hours were not in the app yet);
      // this year's takes 三会一课, coverage and hours from the app's own data.
      const computed = year === this.thisYear;
      const sheet = this.call('targets.save', {
        year,
        title: `${year}年度社区党建工作目标考核表`,
        communityIds,
        items: items.map((it) => ({ name: it.name, weight: it.weight, method: computed ? it.method : 'entered', goal: computed && 'goal' in it ? it.goal : null, standard: it.standard })),
        note: `${this.names.street}党工委制定，年中检查、年底考核`,
      });
      this.counts.targetSheets++;
      const entered = sheet.items.filter((i) => i.method === 'entered');
      // 年中检查 in July, once July has come.
      const july = isoToDay(`${year}-07-01`);
      if (july + 15 <= this.todayDay) {
        for (const cid of communityIds) {
          this.call('targets.saveProgress', {
            year,
            communityId: cid,
            checkedOn: this.iso(this.workday(this.day(july + 5, Math.min(july + 25, this.todayDay)))),
            entries: entered.map((it) => {
              const progress = rng.int(9, 18) * 5;
              return { itemId: it.id, progress, note: note(progress) };
            }),
          });
        }
        if (year === this.thisYear) this.call('targets.fetchComputed', { year, stage: 'midyear' });
      }
      // 年底考核 of last year: the entered items scored by hand, the computed ones fetched; one 示范点.
      if (year < this.thisYear) {
        for (const cid of communityIds) {
          this.call('targets.saveScores', {
            year,
            communityId: cid,
            entries: entered.map((it) => ({ itemId: it.id, score: rng.int(150, 198) / 2, note: null })),
          });
          this.counts.targetScores += entered.length;
        }
        const best = this.call('targets.get', { year }).results[0];
        if (best)
          this.call('targets.saveDemonstration', {
            year,
            communityId: best.communityId,
            demonstration: true,
            experience: '推行“党建联席会+共建项目清单”工作法，驻区单位认领项目、社区跟踪问效，全年完成共建项目 20 余项。',
          });
      }
    }
  }

  // ─── 组织关系转接 ───────────────────────────────────────────────────────────────────────────────────────

  private transfers(): void {
    const { rng } = this;
    // 转出: members named by no other record, working age; letters issued in date order (numbered per year).
    const per = Math.ceil(8 / this.communities.length);
    const leaving = this.communities
      .flatMap((c) =>
        this.pickMembers(
          { orgId: c.id },
          per,
          (r) => !this.touched.has(r.id) && !r.floating && !r.lostContact && !/离退休/.test(r.branchName ?? '') && this.age(r) >= 24 && this.age(r) <= 60 && r.joinedOn != null && isoToDay(r.joinedOn) < this.todayDay - 400,
        ),
      )
      .slice(0, 8);
    const states = ['returned', 'issued', 'confirmed', 'cancelled', 'returned', 'confirmed', 'issued', 'returned'] as const;
    const plans = leaving.map((m, i) => {
      const state = states[i % states.length]!;
      // Issued a while after joining (the exit on confirmation may not come before 加入党组织日期).
      const from = Math.max(this.startDay + 30, isoToDay(m.joinedOn!) + 30);
      const issued = state === 'issued' ? this.day(this.todayDay - 20, this.todayDay - 1) : state === 'cancelled' ? this.day(this.todayDay - 60, this.todayDay - 20) : this.day(from, this.todayDay - 50);
      return { m, state, issued: this.workday(issued) };
    });
    plans.sort((a, b) => a.issued - b.issued);
    for (const p of plans) {
      const [to, validDays] = rng.pick(TRANSFER_TO);
      const ym = this.iso(p.issued - rng.int(0, 25)).slice(0, 7);
      const letter = this.call('transfers.issueOut', { memberId: p.m.id, to, duesPaidUntil: ym, validDays, date: this.iso(p.issued), note: null });
      this.counts.transfersOut++;
      if (p.state === 'cancelled') {
        this.call('transfers.cancel', { id: letter.id, reason: '党员工作调动取消，暂不转出' });
      } else if (p.state !== 'issued') {
        const confirmed = Math.min(this.todayDay, p.issued + rng.int(0, 5));
        this.call('transfers.confirmOut', { id: letter.id, date: this.iso(confirmed) });
        if (p.state === 'returned') this.call('transfers.receipt', { id: letter.id, date: this.iso(this.day(confirmed + 12, Math.min(this.todayDay, confirmed + 40))) });
      }
    }
    // 转入: letters received, most placed into a branch a few days later.
    const branches = this.communities.flatMap((c) => c.branches.filter((b) => b.kind === 'branch'));
    const ins = Array.from({ length: 6 }, (_, i) => ({ i, received: this.workday(i < 2 ? this.day(this.todayDay - 15, this.todayDay) : this.day(this.startDay + 30, this.todayDay - 20)) })).sort(
      (a, b) => a.received - b.received,
    );
    for (const { i, received } of ins) {
      const sex = rng.chance(0.55) ? 'male' : 'female';
      const birthIso = this.iso(this.todayDay - rng.int(24 * YEAR_DAYS, 55 * YEAR_DAYS));
      const idNumber = this.freeIdNumber(birthIso, sex);
      const date = this.iso(received);
      const from = rng.pick(TRANSFER_FROM);
      const letter = this.call('transfers.registerIn', {
        letterNo: `${date.slice(0, 4)}-${String(rng.int(12, 380)).padStart(3, '0')}`,
        from,
        to: `${this.names.street}党工委`,
        date,
        name: this.person(sex, Number(birthIso.slice(0, 4))),
        sex,
        age: ageOn(birthIso, date),
        ethnicity: rng.chance(0.9) ? '汉族' : rng.pick(['回族', '满族', '蒙古族']),
        membershipKind: rng.chance(0.9) ? 'full' : 'probationary',
        idNumber,
        duesPaidUntil: this.iso(received - rng.int(0, 25)).slice(0, 7),
        validDays: /北京市/.test(from) ? 30 : 60,
        phone: this.mobile(),
        note: null,
      });
      this.counts.transfersIn++;
      if (i >= 2 && branches.length) this.call('transfers.placeIn', { id: letter.id, branchId: rng.pick(branches).id, date: this.iso(this.day(received + 1, Math.min(this.todayDay, received + 10))) });
    }
  }

  // ─── Helpers ─────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Up to n active members matching a register query, drawn at random from one page of the list (sorted by ID
   * number, so a page is no alphabetical run) and filtered.
   */
  private pickMembers(q: Input<'members.list'>, n: number, keep: (r: MemberListRow) => boolean = () => true): MemberListRow[] {
    const query = { ...q, status: 'active' as const, sortField: 'idNumber' as const, pageSize: 200 };
    const first = this.call('members.list', { ...query, page: 1 });
    const pages = Math.ceil(first.total / 200);
    const page = pages > 1 ? this.rng.int(1, pages) : 1;
    const rows = page === 1 ? first.rows : [...this.call('members.list', { ...query, page }).rows, ...first.rows];
    const seen = new Set<number>();
    return this.rng.shuffled(rows.filter((r) => !seen.has(r.id) && (seen.add(r.id), true) && keep(r))).slice(0, n);
  }

  private age(r: { birthDate: string | null }): number {
    return r.birthDate ? ageOn(r.birthDate, this.today) : 50;
  }

  /** A day number in [lo, hi], kept within the two years up to today. */
  private day(lo: number, hi: number): number {
    const a = Math.max(this.startDay, Math.min(lo, this.todayDay));
    const b = Math.max(a, Math.min(hi, this.todayDay));
    return this.rng.int(a, b);
  }

  /** Saturday and Sunday moved back to the Friday (offices meet on working days). */
  private workday(d: number): number {
    const wd = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    const back = wd === 6 ? 1 : wd === 0 ? 2 : 0;
    return d - back >= this.startDay ? d - back : d;
  }

  private iso(d: number): string {
    return dayToIso(d);
  }

  private person(sex?: 'male' | 'female', birthYear?: number): string {
    const s = sex ?? (this.rng.chance(0.5) ? 'male' : 'female');
    const era = birthYear == null ? (this.rng.chance(0.6) ? GIVEN_NAMES.middle : GIVEN_NAMES.young) : birthYear < 1955 ? GIVEN_NAMES.old : birthYear < 1985 ? GIVEN_NAMES.middle : GIVEN_NAMES.young;
    return SURNAME.draw(this.rng) + this.rng.pick(era[s]);
  }

  private readonly fixed = new Map<string, string>();
  /** The same invented person each time a key is asked for (the street's Party secretary …). */
  private fixedPerson(key: string): string {
    if (!this.fixed.has(key)) this.fixed.set(key, this.person());
    return this.fixed.get(key)!;
  }

  private mobile(): string {
    return this.rng.pick(MOBILE_PREFIXES) + this.rng.digits(8);
  }

  private landline(): string {
    return `010-${this.rng.pick(['6', '8'])}${this.rng.digits(7)}`;
  }

  private address(home = false): string {
    const road = this.rng.pick(ROAD_NAMES);
    return home ? `${road}${this.rng.int(1, 80)}号${this.rng.int(1, 20)}号楼${this.rng.int(1, 6)}单元${this.rng.int(1, 18)}0${this.rng.int(1, 4)}室` : `${road}${this.rng.int(1, 200)}号`;
  }

  /** A valid 18-digit 公民身份号码 for a birth date and sex. */
  private idNumber(birth: string, sex: 'male' | 'female'): string {
    const region = this.rng.chance(0.7) ? pickWeighted(this.rng, BEIJING_REGIONS) : pickWeighted(this.rng, OTHER_REGIONS);
    const seq = String(this.rng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
    const first17 = `${region}${birth.replaceAll('-', '')}${seq}`;
    return first17 + idCheckChar(first17);
  }

  /** An ID number no member of the register holds. */
  private freeIdNumber(birth: string, sex: 'male' | 'female'): string {
    for (;;) {
      const id = this.idNumber(birth, sex);
      if (!this.call('members.checkId', { idNumber: id }).duplicate) return id;
    }
  }
}

/** A place of the community: 社区党群服务中心 → 阳光社区党群服务中心; a place with its own name stays as it is. */
function inCommunity(short: string, place: string): string {
  return place.startsWith('社区') ? `${short}${place.slice(2)}` : place;
}

function pickWeighted(rng: Rng, pairs: readonly (readonly [string, number])[]): string {
  return new Weighted(pairs).draw(rng);
}

/** What a firm of a 联合党支部 is, from its name. */
function unitNameKind(name: string): NewOrgKind {
  if (/律师事务所|会计师事务所|经纪/.test(name)) return 'intermediary';
  if (/幼儿园|诊所|培训|养老|家政服务社|服务中心/.test(name)) return 'privateNonEnterprise';
  return 'enterprise';
}

/** The check character of a 组织机构代码 (GB 11714) over its first eight characters. */
function orgCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * weights[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

