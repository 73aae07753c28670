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

type KeyedField = Exclude<MemberSortField, 'branch'>;
/** The list's orders: the column, and whether the id breaks ties. Ascending, NULL first, as SQLite sorts. */
const ORDER_KEYS: Record<KeyedField, { column: string; byId: boolean }> = {
  name: { column: 'name_pinyin', byId: true },
  idNumber: { column: 'id_number', byId: false },
  birthDate: { column: 'birth_date', byId: true },
  joinedOn: { column: 'joined_on', byId: true },
  updatedAt: { column: 'updated_at', byId: true },
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
 * SQLite stays the only source of truth. Per member the index holds one flags integer and the branch; the
 * search texts are one string (a search is one indexOf sweep); each order is a list of slots read from
 * SQLite's own indexes (ORDER BY …) when first needed. After a write this process commits, refresh() patches
 * the member's slot, its search text, and its place in each order (found by counting, on the same SQLite
 * index, the members before it). When another connection has written (PRAGMA data_version changed), or
 * after invalidate() (e.g. a bulk import), the next query rebuilds everything.
 */
export class MemberListIndex {
  private built = false;
  private dataVersion = -1;
  /** slotOf[id] = slot + 1 (0: no such member). Ids are small positive integers; members are never deleted. */
  private slotOf = new Int32Array(0);
  private ids: number[] = [];
  private flags: number[] = [];
  private branch: number[] = [];
  /** Every member's search text joined by '\n', and where each slot's text starts. */
  private text = '';
  private starts: number[] = [];
  private orders = new Map<MemberSortField, number[]>();
  /** Slots whose place in the built orders must be found again before those orders are next used. */
  private moved = new Map<MemberSortField, Set<number>>();
  /** Each organisation's place when sorted by name (equal names share a place); no branch is -1. */
  private branchRank: Map<number, number> | undefined;

  constructor(private readonly db: Sqlite) {}

  /**
   * Build now, with every sort order (about 200 ms at 100,000 members), e.g. right after start while the
   * window loads its scripts, so no list query pays for a first build.
   */
  warm(): void {
    this.ensureFresh();
    for (const field of ['name', 'idNumber', 'birthDate', 'joinedOn', 'updatedAt', 'branch'] as const) this.order(field);
  }

  /** Forget everything; the next query rebuilds from the database. */
  invalidate(): void {
    this.built = false;
  }

  /** Organisation names changed: the branch order is stale. */
  invalidateBranchNames(): void {
    this.orders.delete('branch');
    this.branchRank = undefined;
  }

  /** Members this process has just written (after commit): patch their slots and mark their places to find. */
  refresh(memberIds: number[]): void {
    if (!this.built) return;
    if (this.externalChange()) return this.invalidate();
    const stmt = this.db.prepare(`SELECT id, ${FLAGS_SQL}, coalesce(branch_id, 0), search_text FROM members WHERE id = ?`).raw();
    for (const id of memberIds) {
      const row = stmt.get(id) as [number, number, number, string] | undefined;
      if (!row) continue;
      const [, flags, branch, search] = row;
      let slot: number | undefined = (this.slotOf[id] ?? 0) - 1;
      if (slot < 0) {
        slot = this.ids.length;
        this.setSlot(id, slot);
        this.ids.push(id);
        this.flags.push(flags);
        this.branch.push(branch);
        this.starts.push(slot === 0 ? 0 : this.text.length + 1);
        this.text = slot === 0 ? search : `${this.text}\n${search}`;
      } else {
        this.flags[slot] = flags;
        this.branch[slot] = branch;
        const start = this.starts[slot]!;
        const end = slot + 1 < this.starts.length ? this.starts[slot + 1]! - 1 : this.text.length;
        if (this.text.slice(start, end) !== search) {
          this.text = this.text.slice(0, start) + search + this.text.slice(end);
          const delta = search.length - (end - start);
          for (let j = slot + 1; j < this.starts.length; j++) this.starts[j]! += delta;
        }
      }
      for (const field of this.orders.keys()) {
        let set = this.moved.get(field);
        if (!set) this.moved.set(field, (set = new Set()));
        set.add(slot);
      }
    }
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
    const { text, starts } = this;
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

  private setSlot(id: number, slot: number): void {
    if (id >= this.slotOf.length) {
      const grown = new Int32Array(Math.max(id + 1024, this.slotOf.length * 2));
      grown.set(this.slotOf);
      this.slotOf = grown;
    }
    this.slotOf[id] = slot + 1;
  }

  private externalChange(): boolean {
    return (this.db.pragma('data_version', { simple: true }) as number) !== this.dataVersion;
  }

  private ensureFresh(): void {
    if (this.built && !this.externalChange()) return;
    this.dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    // One row of four aggregates: far cheaper than materialising 100,000 rows in JavaScript.
    const [ids, flags, branch, text] = this.db
      .prepare(
        `SELECT json_group_array(id), json_group_array(${FLAGS_SQL}), json_group_array(coalesce(branch_id, 0)),
                coalesce(group_concat(search_text, char(10)), '')
           FROM (SELECT * FROM members ORDER BY id)`,
      )
      .raw()
      .get() as [string, string, string, string];
    this.ids = JSON.parse(ids) as number[];
    this.flags = JSON.parse(flags) as number[];
    this.branch = JSON.parse(branch) as number[];
    this.text = text;
    this.starts = this.ids.length ? [0] : [];
    for (let p = text.indexOf('\n'); p !== -1; p = text.indexOf('\n', p + 1)) this.starts.push(p + 1);
    this.slotOf = new Int32Array((this.ids[this.ids.length - 1] ?? 0) + 1024);
    this.ids.forEach((id, slot) => (this.slotOf[id] = slot + 1));
    this.orders.clear();
    this.moved.clear();
    this.built = true;
  }

  private order(field: MemberSortField): number[] {
    let order = this.orders.get(field);
    if (order) {
      const moved = this.moved.get(field);
      if (moved?.size) {
        if (field === 'branch') this.placeByBranch(order, moved);
        else this.place(field, order, moved);
      }
      return order;
    }
    if (field === 'branch') {
      // ORDER BY branch name, then name: walk the name order into one bucket per branch name (members
      // without a branch first, as NULL sorts first), then join the buckets in the names' order.
      const byName = this.order('name');
      const rank = this.branchRanks();
      const buckets = new Map<number, number[]>();
      for (const s of byName) {
        const key = rank.get(this.branch[s]!) ?? -1;
        let b = buckets.get(key);
        if (!b) buckets.set(key, (b = []));
        b.push(s);
      }
      order = [...buckets.keys()].sort((a, b) => a - b).flatMap((k) => buckets.get(k)!);
    } else {
      const json = this.db.prepare(`SELECT json_group_array(id) FROM (SELECT id FROM members ORDER BY ${orderSql(field)})`).pluck().get() as string;
      order = (JSON.parse(json) as number[]).map((id) => this.slotOf[id]! - 1);
    }
    this.orders.set(field, order);
    this.moved.delete(field);
    return order;
  }

  private branchRanks(): Map<number, number> {
    if (!this.branchRank) {
      const orgs = this.db.prepare('SELECT id, name FROM organisations').raw().all() as [number, string][];
      const names = [...new Set(orgs.map(([, name]) => name))].sort(compareUtf8);
      const place = new Map(names.map((n, i) => [n, i]));
      this.branchRank = new Map(orgs.map(([id, name]) => [id, place.get(name)!]));
    }
    return this.branchRank;
  }

  /** The branch order's changed slots: each goes after every member whose (branch name, name order) is smaller. */
  private placeByBranch(order: number[], moved: Set<number>): void {
    const byName = this.order('name');
    const nameRank = new Int32Array(this.ids.length);
    for (let i = 0; i < byName.length; i++) nameRank[byName[i]!] = i;
    const rank = this.branchRanks();
    const key = (s: number) => rank.get(this.branch[s]!) ?? -1;
    const before = (a: number, b: number) => key(a) < key(b) || (key(a) === key(b) && nameRank[a]! < nameRank[b]!);
    this.reinsert(order, moved, (slot) => (other) => before(other, slot));
  }

  /**
   * Moves each changed slot to its place by binary search over the order, reading the keys it compares from
   * SQLite by id (about 17 indexed look-ups at 100,000 members, where counting the members before it would
   * walk up to all of them). Keys compare as SQLite's BINARY collation does for these columns: ASCII pinyin,
   * ISO dates and ID numbers compare the same in JavaScript; NULL sorts first.
   */
  private place(field: KeyedField, order: number[], moved: Set<number>): void {
    const { column, byId } = ORDER_KEYS[field];
    const keyOf = this.db.prepare(`SELECT ${column} FROM members WHERE id = ?`).pluck();
    const key = (slot: number) => keyOf.get(this.ids[slot]!) as string | null;
    this.reinsert(order, moved, (slot) => {
      const k = key(slot);
      const id = this.ids[slot]!;
      return (other) => {
        const ko = key(other);
        if (ko === k) return byId && this.ids[other]! < id;
        if (ko === null) return true;
        if (k === null) return false;
        return ko < k;
      };
    });
  }

  /** Takes the moved slots out, then puts each back after every slot `isBefore` says precedes it. */
  private reinsert(order: number[], moved: Set<number>, isBeforeOf: (slot: number) => (other: number) => boolean): void {
    for (const slot of moved) {
      const at = order.indexOf(slot);
      if (at !== -1) order.splice(at, 1);
    }
    for (const slot of moved) {
      const isBefore = isBeforeOf(slot);
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (isBefore(order[mid]!)) lo = mid + 1;
        else hi = mid;
      }
      order.splice(lo, 0, slot);
    }
    moved.clear();
  }
}

function orderSql(field: KeyedField): string {
  const { column, byId } = ORDER_KEYS[field];
  return byId ? `${column}, id` : column;
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
