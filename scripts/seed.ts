/**
 * Fills a database with realistic generated members, for benchmarks and demos:
 *   npm run seed -- --db <file> --members 100000 [--seed <n>] [--today YYYY-MM-DD] [--demo]
 * Creates the organisation tree when the file has no branches yet, otherwise adds members to the branches there.
 * --demo then fills every other page (共驻共建, 两新组织, 志愿者 … 转接) through the app's own services (lib/demo.ts).
 * Progress on stderr; a JSON summary on stdout.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/db/connection';
import { createServices } from '../electron/services';
import { clockOn, DEMO_COUNT_LABELS, fillDemo, type DemoCounts } from './lib/demo';
import { DEFAULT_SEED, generate } from './lib/generate';
import { Rng } from './lib/rng';

const USAGE = '用法：npm run seed -- --db <数据文件> --members <人数> [--seed <随机种子>] [--today YYYY-MM-DD] [--demo]';

function main(): number {
  let values: { db?: string; members?: string; seed?: string; today?: string; demo?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        members: { type: 'string', default: '1000' },
        seed: { type: 'string', default: String(DEFAULT_SEED) },
        today: { type: 'string' },
        demo: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (!values.db) {
    console.error(`请用 --db 指定数据文件。\n${USAGE}`);
    return 2;
  }
  const members = Number(values.members);
  const seed = Number(values.seed);
  if (!Number.isInteger(members) || members < 0 || members > 5_000_000) {
    console.error(`--members 应为 0 到 5000000 之间的整数，现在是 ${values.members}`);
    return 2;
  }
  if (!Number.isInteger(seed)) {
    console.error(`--seed 应为整数，现在是 ${values.seed}`);
    return 2;
  }
  if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    console.error(`--today 应为 年-月-日，例如 2025-07-01，现在是 ${values.today}`);
    return 2;
  }

  const file = path.resolve(values.db);
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(file);
  } catch (e) {
    console.error(`打不开数据文件 ${file}：${(e as Error).message}`);
    return 1;
  }
  try {
    const before = (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
    console.error(`数据文件：${file}（已有党员 ${before} 名），生成 ${members} 名党员，随机种子 ${seed}`);
    const summary = generate(db, {
      members,
      seed,
      today: values.today,
      onProgress: (done, total) => console.error(`  已生成 ${done} / ${total}`),
    });
    let demo: DemoCounts | undefined;
    if (values.demo) {
      const t0 = performance.now();
      console.error('  生成各页面的演示数据（共驻共建、两新组织、志愿者、帮扶、干部、考核、会议纪要、转接 …）');
      try {
        // The app's own services on a clock showing the seed's today; all of it in one transaction.
        const services = createServices(db, file, { actor: 'seed', now: clockOn(summary.today), backupDir: null });
        demo = fillDemo(services, { rng: new Rng(seed ^ 0x5eed), today: summary.today });
      } catch (e) {
        console.error(`演示数据生成失败，已生成的党员保留，演示数据没有写入：${(e as Error).message}`);
        return 1;
      }
      const listed = (Object.keys(DEMO_COUNT_LABELS) as (keyof DemoCounts)[]).map((k) => `${DEMO_COUNT_LABELS[k]} ${demo![k]}`).join('、');
      console.error(`  演示数据：${listed}，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.error(
      `完成：新增党员 ${summary.members} 名（预备党员 ${summary.probationary}、已离开 ${summary.left}、15 位旧号码 ${summary.legacy15}、` +
        `流动 ${summary.floating}、失联 ${summary.lostContact}），党组织共 ${summary.organisations} 个（本次新建 ${summary.createdOrganisations}，` +
        `党支部 ${summary.branches} 个），用时 ${(summary.ms / 1000).toFixed(1)} 秒`,
    );
    const { members: created, organisations, ms, ...rest } = summary;
    console.log(JSON.stringify({ members: created, organisations, ms, ...rest, ...(demo ? { demo } : {}) }));
    return 0;
  } catch (e) {
    console.error(`生成失败，数据文件没有改动：${(e as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = main();
