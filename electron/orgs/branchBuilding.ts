/**
 * 分类建支部: the suggestions (shared/rules/branchSuggestions.ts over one compact read of the register) and the
 * one action that follows one: form the branch under the community and move the chosen members into it.
 */
import { BRANCH_KINDS, ORG_KIND_LABELS, tagBit, type MembershipKind, type OrgKind } from '../../shared/domain/labels';
import { computeBranchSuggestions, type BranchSuggestion, type SuggestionMemberFact } from '../../shared/rules/branchSuggestions';
import type { FormBranchResult } from '../../shared/moves';
import { formBranchInput } from '../../shared/moves';
import type { z } from 'zod';
import type { Sqlite } from '../db/connection';
import { ServiceError } from '../errors';
import type { MemberService } from '../members/service';
import { newBatchId } from '../members/moves';
import type { OrgService } from './service';

type FormBranchInput = z.output<typeof formBranchInput>;

/** Members whose classification can put them in a suggestion: retired cadres and workers, floating members. */
const SUGGESTION_MASK = tagBit('retiredCadre') | tagBit('retiredWorker') | tagBit('floating');
const KIND_CODE: MembershipKind[] = ['full', 'probationary'];

export class BranchBuildingService {
  constructor(
    private readonly db: Sqlite,
    private readonly orgs: OrgService,
    private readonly members: MemberService,
    private readonly now: () => Date,
  ) {}

  /**
   * Every group of members not in a branch of their situation, by community (eligible ones — 3+ 正式党员 —
   * first). One scan of the register's compact columns.
   */
  suggestions(): BranchSuggestion[] {
    const orgs = (
      this.db.prepare('SELECT id, name, kind, parent_id FROM organisations WHERE dissolved_on IS NULL').raw().all() as [number, string, string, number | null][]
    ).map(([id, name, kind, parentId]) => ({ id, name, kind: kind as OrgKind, parentId }));
    const rows = this.db
      .prepare(
        // One pass over the table (NOT INDEXED: walking an index and fetching each row is 4–5× slower here);
        // members already in a branch of their situation are left out early, the rules module checks again.
        `SELECT id, name, membership_kind = 'probationary', branch_id, tag_mask, floating_direction = 'inflow'
           FROM members NOT INDEXED
          WHERE left_on IS NULL AND standing = 'normal' AND branch_id IS NOT NULL AND (tag_mask & ?) <> 0
            AND branch_id NOT IN (SELECT id FROM organisations WHERE kind IN ('retiredBranch', 'floatingBranch'))`,
      )
      .raw()
      .all(SUGGESTION_MASK) as [number, string, number, number, number, number | null][];
    const members: SuggestionMemberFact[] = rows.map(([id, name, prob, branchId, tagMask, inflow]) => ({
      id,
      name,
      membershipKind: KIND_CODE[prob]!,
      branchId,
      tagMask,
      floatingDirection: inflow === 1 ? 'inflow' : inflow === 0 ? 'outflow' : null,
    }));
    return computeBranchSuggestions(orgs, members);
  }

  /**
   * 成立支部并转入: creates the branch under the community (founded on the date) and moves the chosen members
   * into it, in one transaction; the organisation's creation and every move are in the audit log.
   */
  formBranch(input: FormBranchInput): FormBranchResult {
    const batchId = newBatchId('form', this.now());
    const result = this.db
      .transaction(() => {
        const parent = this.db.prepare('SELECT id, name, kind, dissolved_on FROM organisations WHERE id = ?').get(input.communityId) as
          | { id: number; name: string; kind: OrgKind; dissolved_on: string | null }
          | undefined;
        if (!parent || parent.dissolved_on)
          throw new ServiceError('validation', '所选社区党组织不存在或已撤销，请刷新后重试', { communityId: '所选社区党组织不存在或已撤销' });
        if (BRANCH_KINDS.includes(parent.kind) || parent.kind === 'group')
          throw new ServiceError('validation', `“${parent.name}”是${ORG_KIND_LABELS[parent.kind]}，不能在它下面成立党支部`, {
            communityId: `请选择社区党委或街道党工委`,
          });
        const same = this.db
          .prepare('SELECT 1 FROM organisations WHERE parent_id = ? AND name = ? AND dissolved_on IS NULL')
          .get(parent.id, input.name);
        if (same)
          throw new ServiceError('validation', `“${parent.name}”下面已有名为“${input.name}”的组织，请换一个名称`, {
            name: '这个社区下已有同名的组织，请换一个名称',
          });
        const org = this.orgs.create({ name: input.name, kind: input.kind, parentId: parent.id });
        this.db.prepare('UPDATE organisations SET founded_on = ? WHERE id = ? AND founded_on IS NULL').run(input.date, org.id);
        const moved = this.members.moveWithin(
          { ids: input.memberIds, toBranchId: org.id, date: input.date, reason: `成立${input.name}，转入本支部` },
          batchId,
        );
        return { org: { id: org.id, name: org.name, kind: org.kind, parentId: org.parentId }, moved };
      })
      .immediate();
    this.members.moved(result.moved.movedIds);
    this.orgs.changed();
    return { org: result.org, moved: result.moved.moved, batchId };
  }
}
