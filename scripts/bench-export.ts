/**
 * Export speed: exportMembers (the template's layout, labels, styles, drop-downs) against exceljs's streaming
 * WorkbookWriter writing the same cell values with no styling, side by side, several rounds interleaved.
 *   npx tsx scripts/bench-export.ts [--members 100000] [--rounds 3]
 * Issue 3's bound: the export takes at most 1.2× the plain write. Prints both times (median) and the ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import type { Member } from '../shared/contract';
import {
  EDUCATIONS,
  ETHNICITIES,
  MANUAL_TAGS,
  OCCUPATION_SUGGESTIONS,
  type Tag,
} from '../shared/domain/labels';
import { idCheckChar } from '../shared/rules/idNumber';
import { exportMembers, memberCells } from '../electron/excel/write/export';
import { Rng } from './lib/rng';

const BOUND = 1.2;

function generateMembers(n: number, seed = 7): Member[] {
  const rng = new Rng(seed);
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国玉兰志红';
  const branches = Array.from({ length: 120 }, (_, i) => `第${Math.floor(i / 8) + 1}社区第${(i % 8) + 1}党支部`);
  const pad = (x: number) => String(x).padStart(2, '0');
  const date = (y0: number, y1: number) => `${rng.int(y0, y1)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
  const out: Member[] = [];
  for (let i = 0; i < n; i++) {
    const birth = date(1930, 2002);
    const first17 = `110105${birth.replaceAll('-', '')}${String(rng.int(0, 999)).padStart(3, '0')}`;
    const idNumber = first17 + idCheckChar(first17);
    const floating = rng.chance(0.05);
    const lost = rng.chance(0.01);
    const probationary = rng.chance(0.03);
    const tags: Tag[] = [rng.pick(MANUAL_TAGS)];
    if (rng.chance(0.2)) tags.push(rng.pick(MANUAL_TAGS));
    if (floating) tags.push('floating');
    const joined = date(Math.max(1950, Number(birth.slice(0, 4)) + 18), 2024);
    out.push({
      id: i + 1,
      name: rng.pick([...surnames]) + rng.pick([...given]) + (rng.chance(0.6) ? rng.pick([...given]) : ''),
      sex: Number(first17[16]) % 2 ? 'male' : 'female',
      ethnicity: rng.chance(0.92) ? '汉族' : rng.pick(ETHNICITIES),
      idNumber,
      idStatus: 'valid',
      idOverrideReason: null,
      birthDate: birth,
      education: rng.pick(EDUCATIONS),
      membershipKind: probationary ? 'probationary' : 'full',
      branchId: 1,
      branchName: rng.pick(branches),
      joinedOn: joined,
      confirmedOn: probationary ? null : joined,
      occupation: rng.pick(OCCUPATION_SUGGESTIONS),
      mobile: `13${rng.digits(9)}`,
      phone: rng.chance(0.2) ? `010-${rng.digits(8)}` : null,
      address: `和平街道${rng.int(1, 40)}号院${rng.int(1, 20)}号楼${rng.int(1, 6)}单元${rng.int(101, 2802)}`,
      standing: rng.chance(0.005) ? 'suspended' : 'normal',
      lostContact: lost,
      lostContactSince: lost ? date(2015, 2024) : null,
      floating,
      floatingDirection: floating ? 'outflow' : null,
      floatingDestination: floating ? '广东省深圳市南山区' : null,
      tags,
      specialties: rng.chance(0.1) ? '书法、摄影' : null,
      note: rng.chance(0.05) ? '已于2023年完成双报到' : null,
      leftOn: null,
      leftReason: null,
      leftNote: null,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      version: 1,
    });
  }
  return out;
}

/** exceljs's streaming writer, no styles, the same cells (values precomputed, so only exceljs is timed). */
async function plainWrite(out: string, rows: readonly (string | Date | undefined)[][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { members: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' } } });
  const n = Number(values.members);
  const rounds = Number(values.rounds);
  const members = generateMembers(n);
  const header = memberCells(members[0]!).map((_, i) => `列${i + 1}`);
  const rows = [header, header, ...members.map(memberCells)];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-export-'));
  const times = { plain: [] as number[], export: [] as number[] };
  const cpu = { plain: [] as number[], export: [] as number[] };
  try {
    for (let k = 0; k < rounds; k++) {
      // Alternate which goes first, so neither always gets the warmer (or the busier) moment.
      const order = k % 2 ? (['export', 'plain'] as const) : (['plain', 'export'] as const);
      for (const which of order) {
        global.gc?.();
        const t = performance.now();
        const c = process.cpuUsage();
        if (which === 'plain') await plainWrite(path.join(dir, 'plain.xlsx'), rows);
        else await exportMembers(path.join(dir, 'export.xlsx'), members, { title: '党员名册' });
        times[which].push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu[which].push((used.user + used.system) / 1000);
      }
    }
    const sizes = ['plain', 'export'].map((f) => (fs.statSync(path.join(dir, `${f}.xlsx`)).size / 1048576).toFixed(1));
    const plain = median(times.plain);
    const exp = median(times.export);
    const ratio = exp / plain;
    console.log(`导出 ${n} 名党员（${rounds} 轮，取中位数）`);
    console.log(`  exceljs 流式写入（无样式）：${plain.toFixed(0)} ms  [${times.plain.map((x) => x.toFixed(0)).join(', ')}]  ${sizes[0]} MB`);
    console.log(`  exportMembers：            ${exp.toFixed(0)} ms  [${times.export.map((x) => x.toFixed(0)).join(', ')}]  ${sizes[1]} MB`);
    const cpuRatio = median(cpu.export) / median(cpu.plain);
    console.log(`  CPU 时间（含压缩线程）：无样式 ${median(cpu.plain).toFixed(0)} ms，exportMembers ${median(cpu.export).toFixed(0)} ms，比值 ${cpuRatio.toFixed(2)}`);
    console.log(`  比值 ${ratio.toFixed(2)}（上限 ${BOUND}）${ratio <= BOUND ? '  通过' : '  超出'}`);
    return ratio <= BOUND ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
