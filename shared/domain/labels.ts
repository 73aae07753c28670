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

/** 驻区单位: the kinds of unit stationed in the area. */
export const UNIT_KINDS = ['organ', 'enterprise', 'institution', 'socialOrganisation', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  organ: '机关',
  enterprise: '企业',
  institution: '事业单位',
  socialOrganisation: '社会组织',
  other: '其他',
};

/** 社区党建工作联席会 / 协调委员会: the bodies units of the area join. */
export const JOINT_BODY_KINDS = ['jointMeeting', 'coordinationCommittee'] as const;
export type JointBodyKind = (typeof JOINT_BODY_KINDS)[number];
export const JOINT_BODY_KIND_LABELS: Record<JointBodyKind, string> = {
  jointMeeting: '联席会',
  coordinationCommittee: '协调委员会',
};

/** 共驻共建协议 / 结对共建. */
export const AGREEMENT_KINDS = ['coBuilding', 'pairing'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const AGREEMENT_KIND_LABELS: Record<AgreementKind, string> = { coBuilding: '共驻共建', pairing: '结对共建' };

/** 主题活动 kinds. */
export const ACTIVITY_KINDS = ['onSite', 'pairing', 'dedicationDay', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  onSite: '驻地共建',
  pairing: '结对共建',
  dedicationDay: '党员奉献日',
  other: '其他主题活动',
};

/** 两新组织: new economic and social organisations. */
export const NEW_ORG_KINDS = ['enterprise', 'socialGroup', 'privateNonEnterprise', 'intermediary'] as const;
export type NewOrgKind = (typeof NEW_ORG_KINDS)[number];
export const NEW_ORG_KIND_LABELS: Record<NewOrgKind, string> = {
  enterprise: '企业',
  socialGroup: '社会团体',
  privateNonEnterprise: '民办非企业单位',
  intermediary: '社会中介组织',
};

/** A new organisation's Party work (党建覆盖方式): own and joint count as organisation coverage; all but none as work coverage. */
export const PARTY_WORK_KINDS = ['own', 'joint', 'unionOnly', 'liaisonOnly', 'none'] as const;
export type PartyWorkKind = (typeof PARTY_WORK_KINDS)[number];
export const PARTY_WORK_LABELS: Record<PartyWorkKind, string> = {
  own: '单独组建',
  joint: '联合组建',
  unionOnly: '仅建工会',
  liaisonOnly: '党建联络员',
  none: '未覆盖',
};

/** 评价等次: the community's assessment of an in-service member, and an agreement's yearly review. */
export const ASSESSMENT_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
export const ASSESSMENT_GRADE_LABELS: Record<AssessmentGrade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };

/** 数据备份: why a backup was taken. Every reason but manual is automatic and kept by rotation (see ROTATION_WORDS). */
export const BACKUP_REASONS = ['daily', 'import', 'restore', 'migration', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  daily: '每日自动',
  import: '导入前',
  restore: '恢复前',
  migration: '升级前',
  manual: '手动',
};

/**
 * 数据备份: what a backup holds. full: a .djbak (the database and every attachment); databaseOnly: a plain copy of
 * the database (the snapshot an import takes before it writes, backups/导入前-<batch>.db), no attachments.
 */
export const BACKUP_KINDS = ['full', 'databaseOnly'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  full: '数据库和附件',
  databaseOnly: '仅数据库（不含附件）',
};

/** 导出名册's choice of data: ID numbers and phones hidden (the default), or in full for re-import (audited). */
export const EXPORT_DATA = ['masked', 'full'] as const;
export type ExportData = (typeof EXPORT_DATA)[number];
export const EXPORT_DATA_LABELS: Record<ExportData, string> = {
  masked: '隐藏身份证号和电话',
  full: '完整数据（用于重新导入）',
};

/** 个人信息保护 entries of the audit log (entity 'settings' / 'register'): what the settings page lists. */
export const PRIVACY_ACTION_LABELS: Record<string, string> = {
  export: '导出完整数据',
  setPassword: '设置开机密码',
  changePassword: '修改开机密码',
  removePassword: '取消开机密码',
  autoLock: '修改自动锁定时间',
  lockout: '连续输错开机密码',
};

/**
 * 统计报表: the returns in the workbook, each a sheet (its tab name; ≤ 31 characters). The returns of 两新组织,
 * 共驻共建 and 在职党员报到 are added here as their data lands.
 */
export const RETURN_SHEETS = ['classification', 'structure', 'occupation', 'retiredFloating', 'newOrgCoverage', 'coBuilding', 'inService', 'threeMeetings', 'cadres'] as const;
export type ReturnSheetId = (typeof RETURN_SHEETS)[number];
export const RETURN_SHEET_LABELS: Record<ReturnSheetId, string> = {
  classification: '党员分类统计表',
  structure: '党员队伍结构（性别年龄学历）',
  occupation: '党员队伍结构（岗位入党时间）',
  retiredFloating: '离退休和流动党员党支部情况',
  newOrgCoverage: '两新组织党建覆盖情况',
  coBuilding: '共驻共建情况',
  inService: '在职党员报到情况',
  threeMeetings: '三会一课开展情况',
  cadres: '社区党务干部队伍结构',
};

// ─── 党员志愿者、帮扶、社区党务干部、年度目标考核 (issue 9) ─────────────────────────────────────────────

/** 特长 offered as suggestions on the volunteer file and a team's specialty (the member's 特长 field stays free text). */
export const SPECIALTY_SUGGESTIONS = [
  '义诊',
  '维修',
  '法律咨询',
  '教育辅导',
  '心理疏导',
  '政策宣讲',
  '文艺演出',
  '书法绘画',
  '理发',
  '家政服务',
  '环境保护',
  '治安巡逻',
  '助老助残',
  '电脑手机教学',
] as const;

/** 服务时间: when a volunteer can serve (several may apply). */
export const AVAILABILITIES = ['weekday', 'weekend', 'evening', 'holiday', 'anytime'] as const;
export type Availability = (typeof AVAILABILITIES)[number];
export const AVAILABILITY_LABELS: Record<Availability, string> = {
  weekday: '工作日白天',
  weekend: '周末',
  evening: '晚上',
  holiday: '节假日',
  anytime: '随叫随到',
};

/** 帮扶对象类别. */
export const HOUSEHOLD_KINDS = ['elderly', 'child', 'disabled', 'poor', 'lowIncome', 'entitled', 'needyMember'] as const;
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];
export const HOUSEHOLD_KIND_LABELS: Record<HouseholdKind, string> = {
  elderly: '老年人',
  child: '儿童',
  disabled: '残疾人',
  poor: '贫困户',
  lowIncome: '低收入者',
  entitled: '优抚对象',
  needyMember: '困难党员',
};

/** 走访频次: how often a helped household is to be visited (set by the clerk per household). */
export const VISIT_FREQUENCIES = ['week', 'twoWeeks', 'month', 'quarter', 'halfYear'] as const;
export type VisitFrequency = (typeof VISIT_FREQUENCIES)[number];
export const VISIT_FREQUENCY_LABELS: Record<VisitFrequency, string> = {
  week: '每周',
  twoWeeks: '每两周',
  month: '每月',
  quarter: '每季度',
  halfYear: '每半年',
};

/** 帮扶方式: what a visit gave. Money and goods carry an amount (元). */
export const HELP_KINDS = ['visit', 'money', 'goods', 'service'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];
export const HELP_KIND_LABELS: Record<HelpKind, string> = {
  visit: '走访慰问',
  money: '资金帮扶',
  goods: '物资帮扶',
  service: '服务帮办',
};

/** 培训 / 轮训. */
export const TRAINING_KINDS = ['training', 'rotation'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = { training: '培训', rotation: '轮训' };

/**
 * 评分方式 of a yearly target item: entered by hand, or computed from the app's own data (两新组织覆盖率,
 * 三会一课完成率, 志愿服务时长). A computed kind is offered only where its domain is in this build.
 */
export const SCORING_METHODS = ['entered', 'orgCoverage', 'workCoverage', 'meetings', 'volunteerHours'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];
export const SCORING_METHOD_LABELS: Record<ScoringMethod, string> = {
  entered: '人工评分',
  orgCoverage: '两新组织党的组织覆盖率',
  workCoverage: '两新组织党的工作覆盖率',
  meetings: '三会一课完成率',
  volunteerHours: '志愿服务时长',
};
