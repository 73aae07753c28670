/**
 * The channel names alone, so the preload can list them without bundling the schemas.
 * contract.ts checks at compile time that this list and the contract agree exactly.
 */
export const CHANNELS = [
  'app.info',
  'members.list',
  'members.get',
  'members.audit',
  'members.checkId',
  'members.create',
  'members.update',
  'members.exit',
  'members.reinstate',
  'orgs.list',
  'orgs.create',
  'orgs.update',
  'orgs.get',
  'orgs.dissolve',
  'orgs.overview',
  'orgs.audit',
  'members.move',
  'members.history',
  'orgs.suggestions',
  'orgs.formBranch',
  'orgs.importPreview',
  'orgs.importCommit',
  'transfers.list',
  'transfers.get',
  'transfers.issueOut',
  'transfers.confirmOut',
  'transfers.receipt',
  'transfers.cancel',
  'transfers.registerIn',
  'transfers.placeIn',
  'floating.list',
  'floating.get',
  'floating.issue',
  'floating.update',
  'floating.return',
  'floating.review',
  'import.preview',
  'import.commit',
  'import.annotated',
  'import.history',
  'members.template',
  'members.export',
  'jobs.status',
  'jobs.cancel',
] as const;
export type Channel = (typeof CHANNELS)[number];
/** Electron IPC channels carry this prefix; the main process answers no other. */
export const IPC_PREFIX = 'dj:';
/** The name of the one object the preload (or browser mode's bridge) puts on window. */
export const BRIDGE_GLOBAL = 'dangjian';
