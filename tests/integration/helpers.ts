import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { createServices, type Services } from '../../electron/services';
import { idCheckChar } from '../../shared/rules/idNumber';
import { blankMemberInput, memberInput, type MemberInput } from '../../shared/rules/member';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh database file in a temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempServices(options: { now?: () => Date } = {}): Services & { path: string } {
  const file = path.join(tempDir(), 'test.db');
  const db = openDatabase(file);
  cleanups.unshift(() => db.open && db.close());
  return { ...createServices(db, file, { actor: 'test', now: options.now ?? (() => new Date('2026-11-26T10:00:00+08:00')) }), path: file };
}

/** A valid 18-digit number: region, birth date, sequence (odd = male), and the computed check character. */
export function idFor(birth: string, seq: number, region = '110105'): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function memberFixture(over: Partial<MemberInput> = {}): MemberInput {
  return memberInput.parse({
    ...blankMemberInput(),
    name: '张三',
    ethnicity: '汉族',
    idNumber: idFor('1980-01-01', 123),
    education: 'bachelor',
    joinedOn: '2003-07-01',
    confirmedOn: '2004-07-01',
    occupation: '事业单位管理人员',
    mobile: '13812345678',
    address: '和平路1号',
    tags: ['resident'],
    ...over,
  });
}

/** A small tree: street → community → two branches (and a retired branch). */
export function smallTree(s: Services) {
  const street = s.orgs.create({ name: '和平街道党工委', kind: 'streetCommittee', parentId: null });
  const community = s.orgs.create({ name: '阳光社区党委', kind: 'communityCommittee', parentId: street.id });
  const b1 = s.orgs.create({ name: '第一党支部', kind: 'branch', parentId: community.id });
  const b2 = s.orgs.create({ name: '第二党支部', kind: 'branch', parentId: community.id });
  const other = s.orgs.create({ name: '和平里社区党委', kind: 'communityCommittee', parentId: street.id });
  const retired = s.orgs.create({ name: '离退休党支部', kind: 'retiredBranch', parentId: other.id });
  return { street, community, b1, b2, other, retired };
}
