/**
 * The Windows package cannot be built here (no Electron binary, no Windows toolchain), so what can be checked
 * is checked: package.json's "build" against electron-builder's own JSON schema (app-builder-lib/scheme.json,
 * with the validator options electron-builder uses), the installer's and the zip's settings, the fuses, and
 * where the app keeps its data once installed or unzipped. The files the package would hold are checked
 * after `npm run build` by tests/e2e/packaging.spec.ts.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDataDir } from '../../electron/dataDir';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
  productName: string;
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  build: Record<string, any>;
};
const schema = JSON.parse(fs.readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;
// electron-builder's own validator (app-builder-lib/out/util/config/schemaValidator.js), as it runs on `dist:win`.
const { validateSchema } = createRequire(import.meta.url)('app-builder-lib/out/util/config/schemaValidator.js') as {
  validateSchema: (schema: object, data: unknown, config?: { name?: string }) => void;
};
const validate = (config: unknown) => {
  try {
    validateSchema(schema, config, { name: 'electron-builder' });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('electron-builder configuration', () => {
  it('is the only one (package.json "build"), and valid against app-builder-lib\'s schema', () => {
    for (const f of ['electron-builder.yml', 'electron-builder.yaml', 'electron-builder.json', 'electron-builder.json5', 'electron-builder.toml', 'electron-builder.config.js'])
      expect(fs.existsSync(f), f).toBe(false);
    expect(validate(structuredClone(pkg.build))).toBeNull();
  });

  it('the schema check has teeth: a misspelt key or a wrong type is refused', () => {
    expect(validate({ ...structuredClone(pkg.build), nsis: { ...pkg.build['nsis'], oneclick: false } })).toContain('configuration.nsis');
    expect(validate({ ...structuredClone(pkg.build), electronFuses: { runAsNode: 'no thanks' } })).toContain('runAsNode');
    expect(validate({ ...structuredClone(pkg.build), asarUnpackk: [] })).toContain('asarUnpackk');
  });

  it('an assisted NSIS installer in Chinese, per user, with desktop and start-menu shortcuts and a choice of folder; a zip beside it', () => {
    const b = pkg.build;
    expect(b['productName']).toBe(pkg.productName);
    expect(b['win'].target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'zip', arch: ['x64'] },
    ]);
    expect(b['nsis']).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      language: '2052',
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: '社区党建工作台',
      // The data is the office's record: uninstalling never deletes it.
      deleteAppDataOnUninstall: false,
    });
    expect(pkg.scripts['dist:win']).toMatch(/electron-vite build && electron-builder --win\b/);
    // --win with no target list builds what "win.target" says: both the installer and the zip.
    expect(pkg.scripts['dist:win']).not.toMatch(/--win\s+(nsis|zip)/);
  });

  it('better-sqlite3 is unpacked from the asar and rebuilt for Electron; only the built app is packaged', () => {
    const b = pkg.build;
    expect(b['asar']).not.toBe(false);
    expect(b['asarUnpack']).toContain('node_modules/better-sqlite3/**');
    expect(b['npmRebuild']).not.toBe(false);
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(pkg.devDependencies['better-sqlite3']).toBeUndefined();
    expect(b['files']).toEqual(['out/**', 'package.json']);
    expect(pkg.main).toBe('out/main/main.js');
    // Electron itself and the build tools are never dependencies of the packaged app.
    for (const dev of ['electron', 'electron-builder', 'electron-vite', 'vite', 'typescript', 'vitest', '@playwright/test', 'tsx'])
      expect(pkg.dependencies[dev], dev).toBeUndefined();
  });

  it('flips Electron\'s fuses: no run-as-node, no NODE_OPTIONS, no --inspect, the app only from its (integrity-checked) asar', () => {
    expect(pkg.build['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    // The installed electron-builder knows the option (it flips the fuses itself, right before signing).
    const src = fs.readFileSync('node_modules/app-builder-lib/out/platformPackager.js', 'utf8');
    expect(src).toContain('doAddElectronFuses');
    expect(src).toContain('FuseV1Options.RunAsNode');
  });

  it('ships pdf.js\'s character maps as resources (pdf-cmaps), where 会议纪要 looks for them to read Chinese PDFs without embedded fonts', () => {
    expect(pkg.build['extraResources']).toContainEqual({ from: 'node_modules/pdfjs-dist/cmaps', to: 'pdf-cmaps' });
    expect(fs.readdirSync('node_modules/pdfjs-dist/cmaps')).toContain('UniGB-UCS2-H.bcmap');
    expect(fs.readFileSync('electron/minutes/extract.ts', 'utf8')).toContain("path.join(resources, 'pdf-cmaps')");
  });
});

describe('where the data lives', () => {
  const exe = path.join('C:', 'Users', 'clerk', 'AppData', 'Local', 'Programs', '社区党建工作台', '社区党建工作台.exe');
  const exeDir = path.dirname(exe);
  const base = { override: undefined, exePath: exe, userData: 'USERDATA', isPackaged: true, productName: '社区党建工作台' };
  const has = (...paths: string[]) => (p: string) => paths.includes(p);

  it('installed (an NSIS uninstaller beside the program): the user-data folder, which uninstalling and updating leave alone', () => {
    expect(chooseDataDir({ ...base, exists: has(path.join(exeDir, 'Uninstall 社区党建工作台.exe')) })).toEqual({ dir: 'USERDATA', portable: false });
  });

  it('unzipped (no uninstaller): data\\ beside the program, so the folder can be carried on a USB stick', () => {
    expect(chooseDataDir({ ...base, exists: has() })).toEqual({ dir: path.join(exeDir, 'data'), portable: true });
  });

  it('a data\\ folder beside the program always wins; DANGJIAN_DATA_DIR wins over everything; development uses user data', () => {
    expect(chooseDataDir({ ...base, exists: has(path.join(exeDir, 'data'), path.join(exeDir, 'Uninstall 社区党建工作台.exe')) }).dir).toBe(path.join(exeDir, 'data'));
    expect(chooseDataDir({ ...base, override: 'D:\\党建数据', exists: has(path.join(exeDir, 'data')) }).dir).toBe('D:\\党建数据');
    expect(chooseDataDir({ ...base, isPackaged: false, exists: has() })).toEqual({ dir: 'USERDATA', portable: false });
  });
});
