/**
 * Where the data file lives, decided from facts main.ts gathers (so it can be tested without Electron):
 * 1. DANGJIAN_DATA_DIR, when set (tests, administrators who keep data elsewhere);
 * 2. `data\` beside the executable when that folder exists — portable use;
 * 3. the portable zip (a packaged app with no NSIS uninstaller beside it): `data\` beside the executable,
 *    made on first start, so the whole folder can be carried on a USB stick;
 * 4. otherwise (installed, or development) the user-data folder, which an uninstall or an update leaves alone.
 */
import path from 'node:path';

export interface DataDirFacts {
  override: string | undefined;
  exePath: string;
  userData: string;
  isPackaged: boolean;
  /** The NSIS installer puts "Uninstall <productName>.exe" beside the program; the zip has none. */
  productName: string;
  exists: (p: string) => boolean;
}

export function chooseDataDir(f: DataDirFacts): { dir: string; portable: boolean } {
  if (f.override) return { dir: f.override, portable: false };
  const exeDir = path.dirname(f.exePath);
  const beside = path.join(exeDir, 'data');
  if (f.exists(beside)) return { dir: beside, portable: true };
  if (f.isPackaged && !f.exists(path.join(exeDir, `Uninstall ${f.productName}.exe`))) return { dir: beside, portable: true };
  return { dir: f.userData, portable: false };
}
