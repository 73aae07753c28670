/**
 * Moving members between branches and forming a branch of their own situation: the inputs the main process
 * parses and the results it returns (listed in contract.ts with the other channels).
 */
import { z } from 'zod';
import type { OrgKind } from './domain/labels';
import { isoDate } from './rules/member';

const id = z.number().int().positive();

/** Moving members to another branch (one or a few thousand at once); one transaction, one batch. */
export const memberMoveInput = z
  .object({
    ids: z.array(id).min(1, '请先选择要转移的党员').max(5000, '一次最多转移 5000 名党员，请分批办理'),
    toBranchId: id,
    date: isoDate,
    reason: z.string().trim().min(1, '请写明转移原因').max(200, '转移原因不能超过 200 个字'),
  })
  .strict();

export interface MoveResult {
  /** Members whose branch changed. */
  moved: number;
  /** Members already in the target branch (left as they were). */
  unchanged: number;
  /** The audit log's and the history's batch id for this move. */
  batchId: string;
}

/** One stay in a branch: 所在党支部历史. */
export interface BranchStay {
  orgId: number;
  orgName: string;
  orgKind: OrgKind;
  /** Dissolved since (the name is the last one it had). */
  dissolved: boolean;
  from: string;
  /** null: still there. */
  to: string | null;
  /** Why the member came into this branch; null for the branch they were registered in. */
  reason: string | null;
  batchId: string | null;
}

/** 成立支部并转入: a 离退休党支部 or 流动党员党支部 under a community, and the chosen members moved into it. */
export const formBranchInput = z
  .object({
    communityId: id,
    kind: z.enum(['retiredBranch', 'floatingBranch']),
    name: z.string().trim().min(1, '请填写支部名称').max(60, '支部名称不能超过 60 个字'),
    memberIds: z.array(id).min(1, '请至少勾选一名党员').max(5000, '一次最多转入 5000 名党员'),
    date: isoDate,
  })
  .strict();

export interface FormBranchResult {
  org: { id: number; name: string; kind: OrgKind; parentId: number | null };
  moved: number;
  batchId: string;
}
