import { defineConfig } from '@playwright/test';

/** End-to-end tests: the built renderer in Debian's Chromium, against browser mode (the real handlers over loopback). */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry, here and on CI alike: on this 2-core machine a spec has failed once under load and passed on every
  // rerun (the latest: security.spec's wrong current password, whose message did not show within 10 s during a full
  // run). Playwright reports a test that needed its retry as "flaky", so it stays visible; failing twice fails the run.
  retries: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
