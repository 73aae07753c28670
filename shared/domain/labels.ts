/**
 * The project's glossary in code: every enumerated value has an English code (stored, typed) and the
 * Chinese wording the clerk sees. docs/GLOSSARY.md is the same table for people.
 */

export const TAGS = [
  'resident',
  'retiredWorker',
  'contractEnded',
  'laidOff',
  'retiredCadre',
  'floating',
  'inService',
] as const;
export type Tag = (typeof TAGS)[number];

/** 分类 — a member may carry several. 'floating' is derived from 是否为流动党员 and cannot be set by hand. */
export const TAG_LABELS: Record<Tag, string> = {
  resident: '居民党员',
  retiredWorker: '退休职工党员',
  contractEnded: '解除劳动合同党员',
  laidOff: '下岗失业党员',
  retiredCadre: '离休干部党员',
  floating: '流动党员',
  inService: '在职党员（双报到）',
};
export const TAG_SHORT: Record<Tag, string> = {
  resident: '居民',
  retiredWorker: '退休职工',
  contractEnded: '解除劳动合同',
  laidOff: '下岗失业',
  retiredCadre: '离休干部',
  floating: '流动',
  inService: '在职双报到',
};
/** Tags a clerk sets by hand; the rest are derived from other fields. */
export const MANUAL_TAGS = TAGS.filter((t) => t !== 'floating');
/** Bit i of members.tag_mask is TAGS[i]: lets the list filter and count tags in one scan. */
export function tagBit(tag: Tag): number {
  return 1 << TAGS.indexOf(tag);
}
export function tagsToMask(tags: readonly Tag[]): number {
  return tags.reduce((m, t) => m | tagBit(t), 0);
}
export function maskToTags(mask: number): Tag[] {
  return TAGS.filter((t) => (mask & tagBit(t)) !== 0);
}

export const MEMBERSHIP_KINDS = ['full', 'probationary'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];
export const MEMBERSHIP_KIND_LABELS: Record<MembershipKind, string> = {
  full: '正式党员',
  probationary: '预备党员',
};

export const STANDINGS = ['normal', 'suspended'] as const;
export type Standing = (typeof STANDINGS)[number];
export const STANDING_LABELS: Record<Standing, string> = { normal: '正常', suspended: '停止党籍' };

export const SEXES = ['male', 'female'] as const;
export const SEX_LABELS: Record<(typeof SEXES)[number], string> = { male: '男', female: '女' };

export const EDUCATIONS = [
  'doctorate',
  'master',
  'bachelor',
  'college',
  'secondaryVocational',
  'highSchool',
  'juniorHigh',
  'primary',
] as const;
export type Education = (typeof EDUCATIONS)[number];
export const EDUCATION_LABELS: Record<Education, string> = {
  doctorate: '博士研究生',
  master: '硕士研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondaryVocational: '中等专科',
  highSchool: '高中',
  juniorHigh: '初中',
  primary: '小学及以下',
};

export const FLOATING_DIRECTIONS = ['outflow', 'inflow'] as const;
export type FloatingDirection = (typeof FLOATING_DIRECTIONS)[number];
export const FLOATING_DIRECTION_LABELS: Record<FloatingDirection, string> = { outflow: '流出', inflow: '流入' };

/** Why an active membership ended. Members are never deleted. */
export const EXIT_REASONS = ['transferOut', 'deceased', 'suspended', 'expelled', 'struckOff', 'withdrew', 'other'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
export const EXIT_REASON_LABELS: Record<ExitReason, string> = {
  transferOut: '组织关系转出',
  deceased: '去世',
  suspended: '停止党籍',
  expelled: '开除党籍',
  struckOff: '除名',
  withdrew: '退党',
  other: '其他',
};

export const ORG_KINDS = [
  'streetCommittee',
  'communityCommittee',
  'generalBranch',
  'branch',
  'jointBranch',
  'retiredBranch',
  'floatingBranch',
  'compositeBranch',
  'group',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  streetCommittee: '街道党工委',
  communityCommittee: '社区党委',
  generalBranch: '党总支',
  branch: '党支部',
  jointBranch: '联合党支部',
  retiredBranch: '离退休党支部',
  floatingBranch: '流动党员党支部',
  compositeBranch: '综合党支部',
  group: '党小组',
};
/** Kinds a member's 所在党支部 may be. */
export const BRANCH_KINDS: readonly OrgKind[] = ['branch', 'jointBranch', 'retiredBranch', 'floatingBranch', 'compositeBranch'];

/** The 56 ethnic groups, 汉族 first (the official order). Stored as the Chinese name. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族',
  '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族',
  '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族',
  '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族',
  '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/** Common values of the official 工作岗位 list, offered as suggestions (the field stays free text). */
export const OCCUPATION_SUGGESTIONS = [
  '离退休人员',
  '下岗失业人员',
  '党政机关工作人员',
  '事业单位管理人员',
  '事业单位专业技术人员',
  '公有经济控制企业管理人员',
  '公有经济控制企业专业技术人员',
  '公有经济控制企业工人',
  '非公有经济控制企业管理人员',
  '非公有经济控制企业专业技术人员',
  '非公有经济控制企业工人',
  '社会组织工作人员',
  '农牧渔民',
  '学生',
  '其他职业人员',
] as const;

/** Labels of the member record's fields, as on the official 党员基本信息采集表; used by the form and the audit view. */
export const MEMBER_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  idNumber: '公民身份号码',
  idStatus: '号码核验',
  idOverrideReason: '号码校验例外说明',
  birthDate: '出生日期',
  education: '学历',
  membershipKind: '人员类别',
  branchId: '所在党支部',
  joinedOn: '加入党组织日期',
  confirmedOn: '转为正式党员日期',
  occupation: '工作岗位',
  mobile: '手机号码',
  phone: '固定电话',
  address: '家庭住址',
  standing: '党籍状态',
  lostContact: '是否为失联党员',
  lostContactSince: '失去联系日期',
  floating: '是否为流动党员',
  floatingDirection: '流动方向',
  floatingDestination: '外出流向',
  tags: '分类',
  specialties: '特长',
  note: '备注',
  leftOn: '离开日期',
  leftReason: '离开原因',
  leftNote: '离开说明',
};

export const ID_STATUS_LABELS = {
  valid: '已校验',
  legacy15: '15 位旧号码',
  override: '校验未通过（已确认保存）',
} as const;
export type IdStatus = keyof typeof ID_STATUS_LABELS;

/** An organisation's officers (书记、支委…): the role each holds. */
export const OFFICER_ROLES = ['secretary', 'deputySecretary', 'organisation', 'propaganda', 'discipline', 'youth', 'member'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];
export const OFFICER_ROLE_LABELS: Record<OfficerRole, string> = {
  secretary: '书记',
  deputySecretary: '副书记',
  organisation: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  youth: '青年委员',
  member: '委员',
};

/** Labels of the organisation record's fields; used by the form, the audit view and input errors. */
export const ORG_FIELD_LABELS: Record<string, string> = {
  name: '组织名称',
  kind: '组织类别',
  parentId: '上级组织',
  foundedOn: '建立日期',
  foundingDocNo: '建立文号',
  contactPhone: '联系电话',
  address: '办公地址',
  electedOn: '选举日期',
  termYears: '任期（年）',
  note: '备注',
  units: '所在单位',
  officers: '组织成员',
  dissolvedOn: '撤销日期',
  date: '撤销日期',
};

/** 会议纪要: the kinds of meeting. The first four are 三会一课. */
export const MEETING_TYPES = [
  'memberAssembly',
  'committee',
  'groupMeeting',
  'partyLesson',
  'jointMeeting',
  'coordinationCommittee',
  'themeDay',
  'other',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  memberAssembly: '支部党员大会',
  committee: '支委会',
  groupMeeting: '党小组会',
  partyLesson: '党课',
  jointMeeting: '联席会议',
  coordinationCommittee: '协调委员会会议',
  themeDay: '主题党日',
  other: '其他',
};

/** Labels of the meeting record's fields; used by the form, the audit view and input errors. */
export const MEETING_FIELD_LABELS: Record<string, string> = {
  type: '会议类型',
  title: '会议名称',
  heldOn: '会议日期',
  startTime: '开始时间',
  endTime: '结束时间',
  place: '会议地点',
  orgId: '所属组织',
  bodyName: '会议机构',
  host: '主持人',
  recorder: '记录人',
  attendees: '参会人员',
  agenda: '会议议题',
  minutes: '会议内容',
  decisions: '决定事项',
  followUps: '后续事项',
  note: '备注',
};
