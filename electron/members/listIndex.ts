import type { MemberSortField, ParsedInput } from '../../shared/contract';
import { TAGS } from '../../shared/domain/labels';
import type { Sqlite } from '../db/connection';

type Query = ParsedInput<'members.list'>;

/** One integer per member holds every yes/no the list filters on, and the classification bits above them. */
const LEFT = 1;
const PROBATIONARY = 2;
const SUSPENDED = 4;
const LOST = 8;
const FLOATING = 16;
const TAG_SHIFT = 5;
const FLAGS_SQL = `(left_on IS NOT NULL) | ((membership_kind = 'probationary') << 1) | ((standing <> 'normal') << 2)
  | (lost_contact << 3) | (floating << 4) | (tag_mask << ${TAG_SHIFT})`;
const ROW_SQL = `SELECT id, ${FLAGS_SQL}, coalesce(branch_id, 0), search_text FROM members`;

/** The list's orders, as SQL over the indexes (so the index and a plain query agree by construction). */
const ORDER_SQL: Record<Exclude<MemberSortField, 'branch'>, string> = {
  name: 'name_pinyin, id',
  idNumber: 'id_number',
  birthDate: 'birth_date, id',
  joinedOn: 'joined_on, id',
  updatedAt: 'updated_at, id',
};

export interface IndexResult {
  /** The page's member ids, in list order. */
  pageIds: number[];
  total: number;
  totalIgnoringTags: number;
  /** Per TAGS position. */
  tagCounts: number[];
}

/**
 * The register's list index. At 100,000 members a filtered COUNT, the per-classification counts and an
 * ORDER BY … OFFSET page are several full scans and sorts in SQLite (25–100 ms measured); one pass over
 * these arrays in a ready-made order is a few milliseconds.
 *
 * SQLite stays the only source of truth. The index holds, per member, one flags integer, the branch and
 * the search text; orders are lists of slots read from SQLite's own indexes (ORDER BY …) when first needed.
 * It is patched after each write this process commits (refresh), and rebuilt whole when another connection
 * has written (PRAGMA data_version changed) or when told to (invalidate, e.g. after a bulk import).
 */
export class MemberListIndex {
  private built = false;
  private dataVersion = -1;
  private slotOf = new Map<number, number>();
  private ids: number[] = [];
  private flags: number[] = [];
  private branch: number[] = [];
  private search: string[] = [];
  private orders = new Map<MemberSortField, Int32Array>();
  /** Every search text joined by '\n', and where each slot's text starts: a search is one indexOf sweep. */
  private blob: { text: string; starts: number[] } | undefined;

  constructor(private readonly db: Sqlite) {}

  /** Forget everything; the next query rebuilds from the database. */
  invalidate(): void {
    this.built = false;
  }

  /** Organisation names changed: the branch order is stale. */
  invalidateBranchNames(): void {
    this.orders.delete('branch');
  }

  /** Members this process has just written (after commit): patch their slots; orders are re-read when next needed. */
  refresh(memberIds: number[]): void {
    if (!this.built) return;
    if (this.externalChange()) return this.invalidate();
    const stmt = this.db.prepare(`${ROW_SQL} WHERE id = ?`).raw();
    for (const id of memberIds) {
      const row = stmt.get(id) as [number, number, number, string] | undefined;
      if (!row) continue;
      let slot = this.slotOf.get(id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.slotOf.set(id, slot);
        if (this.blob) {
          this.blob.starts.push(this.blob.text.length + 1);
          this.blob.text += `\n${row[3]}`;
        }
      } else if (this.search[slot] !== row[3]) this.blob = undefined;
      this.put(slot, row);
    }
    this.orders.clear();
  }

  query(q: Query, orgIds: number[] | undefined, term: string): IndexResult {
    this.ensureFresh();
    const order = this.order(q.sortField);
    const n = order.length;
    const desc = q.sortOrder === 'desc';
    let fMask = 0;
    let fVal = 0;
    const want = (bit: number, on: boolean | undefined) => {
      if (on === undefined) return;
      fMask |= bit;
      if (on) fVal |= bit;
    };
    want(LEFT, q.status === 'all' ? undefined : q.status === 'left');
    want(PROBATIONARY, q.membershipKind === undefined ? undefined : q.membershipKind === 'probationary');
    want(SUSPENDED, q.standing === undefined ? undefined : q.standing === 'suspended');
    want(LOST, q.lostContact);
    want(FLOATING, q.floating);
    let inOrg: Uint8Array | undefined;
    if (orgIds) {
      inOrg = new Uint8Array(Math.max(0, ...orgIds) + 1);
      for (const id of orgIds) inOrg[id] = 1;
    }
    const hits = term ? this.match(term) : undefined;
    let tagF = 0;
    for (const t of q.tags ?? []) tagF |= 1 << TAGS.indexOf(t);
    const offset = (q.page - 1) * q.pageSize;
    const end = offset + q.pageSize;

    const tagCounts = new Array<number>(TAGS.length).fill(0);
    const pageSlots: number[] = [];
    let base = 0;
    let total = 0;
    const { flags, branch } = this;
    for (let k = 0; k < n; k++) {
      const s = desc ? order[n - 1 - k]! : order[k]!;
      const f = flags[s]!;
      if ((f & fMask) !== fVal) continue;
      if (inOrg && inOrg[branch[s]!] !== 1) continue;
      if (hits && hits[s] !== 1) continue;
      base++;
      const tags = f >>> TAG_SHIFT;
      if (tags) for (let b = 0; b < tagCounts.length; b++) if (tags & (1 << b)) tagCounts[b]!++;
      if (tagF && !(tags & tagF)) continue;
      if (total >= offset && total < end) pageSlots.push(s);
      total++;
    }
    return { pageIds: pageSlots.map((s) => this.ids[s]!), total, totalIgnoringTags: base, tagCounts };
  }

  /** Slots whose search text contains the term. */
  private match(term: string): Uint8Array {
    if (!this.blob) {
      const starts: number[] = [];
      let at = 0;
      for (const s of this.search) {
        starts.push(at);
        at += s.length + 1;
      }
      this.blob = { text: this.search.join('\n'), starts };
    }
    const { text, starts } = this.blob;
    const hits = new Uint8Array(this.ids.length);
    let pos = text.indexOf(term);
    while (pos !== -1) {
      // The slot whose text holds pos: the last start ≤ pos.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= pos) lo = mid;
        else hi = mid - 1;
      }
      hits[lo] = 1;
      pos = lo + 1 < starts.length ? text.indexOf(term, starts[lo + 1]) : -1;
    }
    return hits;
  }

  private externalChange(): boolean {
    return (this.db.pragma('data_version', { simple: true }) as number) !== this.dataVersion;
  }

  private ensureFresh(): void {
    if (this.built && !this.externalChange()) return;
    this.dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    this.slotOf.clear();
    this.ids.length = this.flags.length = this.branch.length = this.search.length = 0;
    this.orders.clear();
    this.blob = undefined;
    const rows = this.db.prepare(`${ROW_SQL} ORDER BY id`).raw().all() as [number, number, number, string][];
    for (let slot = 0; slot < rows.length; slot++) {
      const row = rows[slot]!;
      this.slotOf.set(row[0], slot);
      this.put(slot, row);
    }
    this.built = true;
  }

  private put(slot: number, row: [number, number, number, string]): void {
    this.ids[slot] = row[0];
    this.flags[slot] = row[1];
    this.branch[slot] = row[2];
    this.search[slot] = row[3];
  }

  private order(field: MemberSortField): Int32Array {
    let order = this.orders.get(field);
    if (order) return order;
    if (field === 'branch') {
      // ORDER BY branch name, then name: walk the name order into one bucket per branch name (members
      // without a branch first, as NULL sorts first), then concatenate the buckets in name order.
      const byName = this.order('name');
      const names = new Map(
        (this.db.prepare('SELECT id, name FROM organisations').raw().all() as [number, string][]).map(([id, name]) => [id, name]),
      );
      const buckets = new Map<string, number[]>();
      for (const s of byName) {
        const key = names.get(this.branch[s]!) ?? '';
        let b = buckets.get(key);
        if (!b) buckets.set(key, (b = []));
        b.push(s);
      }
      order = new Int32Array(byName.length);
      let i = 0;
      for (const key of [...buckets.keys()].sort(compareUtf8)) for (const s of buckets.get(key)!) order[i++] = s;
    } else {
      const ids = this.db.prepare(`SELECT id FROM members ORDER BY ${ORDER_SQL[field]}`).pluck().all() as number[];
      order = new Int32Array(ids.length);
      for (let i = 0; i < ids.length; i++) order[i] = this.slotOf.get(ids[i]!)!;
    }
    this.orders.set(field, order);
    return order;
  }
}

/** SQLite's BINARY collation compares UTF-8 bytes, i.e. code points; JS '<' compares UTF-16 units. */
function compareUtf8(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return ca.length - cb.length;
}
