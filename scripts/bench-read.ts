/**
 * Reading speed and memory of the spreadsheet reader against exceljs's streaming reader, on a generated
 * 100,000-row × 24-column official-layout .xlsx (written by exceljs's streaming writer into the OS temp folder).
 * Prints figures; never asserts. Each reader runs in its own child process so its peak RSS is its own.
 *   npx tsx scripts/bench-read.ts [--rows 100000] [--runs 3] [--fresh]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { readFileForImport, readSpreadsheet } from '../electron/excel/read/index';
import { COLUMNS } from '../shared/import/columns';

const self = fileURLToPath(import.meta.url);
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    fresh: { type: 'boolean', default: false },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});

async function child(kind: string, file: string): Promise<void> {
  const t0 = performance.now();
  let rows = 0;
  if (kind === 'ours') {
    const wb = readSpreadsheet(readFileForImport(file), path.basename(file));
    for (const s of wb.sheets) rows += s.rows.length;
  } else {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      worksheets: 'emit',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'emit',
    });
    for await (const ws of reader) for await (const _row of ws) rows++;
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

async function generate(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('党员名册');
  const cols = COLUMNS.slice(0, 24);
  ws.addRow(['幸福街道党员信息汇总表']).commit();
  ws.addRow(['填报单位：（盖章）    填报日期：2024年3月1日']).commit();
  ws.addRow(cols.map((c) => c.header)).commit();
  const branches = Array.from({ length: 40 }, (_v, i) => `幸福社区第${i + 1}党支部`);
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
  for (let i = 0; i < n; i++) {
    const birth = new Date(Date.UTC(1940 + (i % 60), i % 12, 1 + (i % 28)));
    const joined = new Date(Date.UTC(1970 + (i % 50), (i * 7) % 12, 1 + (i % 27)));
    const values = cols.map((c): ExcelJS.CellValue => {
      switch (c.field) {
        case 'name': return (surnames[i % 20] as string) + (given[(i * 7) % 25] as string) + (given[(i * 13) % 25] as string);
        case 'sex': return i % 2 ? '男' : '女';
        case 'ethnicity': return '汉族';
        case 'idNumber': return `110101${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(i % 1000).padStart(3, '0')}X`;
        case 'birthDate': return birth;
        case 'education': return ['大学本科', '大专', '高中', '硕士研究生'][i % 4] as string;
        case 'membershipKind': return i % 10 ? '正式党员' : '预备党员';
        case 'branch': return branches[i % 40] as string;
        case 'joinedOn': return joined;
        case 'confirmedOn': return i % 10 ? new Date(joined.getTime() + 365 * 86400000) : null;
        case 'occupation': return ['退休', '社区工作者', '教师', '个体经营', '外出务工'][i % 5] as string;
        case 'mobile': return `13${String(100000000 + i * 37).slice(0, 9)}`;
        case 'phone': return i % 3 ? null : `010-6${String(1000000 + i).slice(-7)}`;
        case 'address': return `幸福街道${(i % 30) + 1}号院${(i % 12) + 1}号楼${(i % 600) + 101}室`;
        case 'standing': return '正常';
        case 'lostContact': return '否';
        case 'floating': return i % 17 ? '否' : '是';
        case 'floatingDestination': return i % 17 ? null : '广东省深圳市';
        case 'tags': return i % 5 === 0 ? '离退休党员' : null;
        case 'note': return i % 50 ? null : '备注';
        default: return null;
      }
    });
    const row = ws.addRow(values);
    for (const c of [5, 9, 10]) row.getCell(c).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

function run(kind: string, file: string): { ms: number; rows: number; maxRssMb: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', kind, '--file', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  if (values.child) return child(values.child, values.file as string);
  const n = Number(values.rows);
  const file = path.join(os.tmpdir(), `dj-bench-read-${n}.xlsx`);
  if (values.fresh || !fs.existsSync(file)) {
    const t0 = performance.now();
    await generate(file, n);
    console.error(`wrote ${file} (${(fs.statSync(file).size / 1048576).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const ours: { ms: number; rows: number; maxRssMb: number }[] = [];
  const theirs: typeof ours = [];
  for (let i = 0; i < Number(values.runs); i++) {
    ours.push(run('ours', file));
    theirs.push(run('exceljs', file));
  }
  const o = median(ours.map((r) => r.ms));
  const t = median(theirs.map((r) => r.ms));
  console.log(`file: ${file}, ${n} rows × 24 columns`);
  console.log(`ours (readSpreadsheet): ${o.toFixed(0)} ms (runs ${ours.map((r) => r.ms.toFixed(0)).join(', ')}), rows kept ${ours[0]?.rows}, peak RSS ${Math.max(...ours.map((r) => r.maxRssMb)).toFixed(0)} MB`);
  console.log(`exceljs streaming reader: ${t.toFixed(0)} ms (runs ${theirs.map((r) => r.ms.toFixed(0)).join(', ')}), rows ${theirs[0]?.rows}, peak RSS ${Math.max(...theirs.map((r) => r.maxRssMb)).toFixed(0)} MB`);
  console.log(`ratio ours / exceljs: ${(o / t).toFixed(2)}`);
}

await main();
