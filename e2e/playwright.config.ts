import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PORT = Number(process.env.E2E_PORT ?? 3310);
// Per port, so a run on another port (CI's, a colleague's) never deletes this one's database.
export const DATA_DIR = path.join(here, '.tmp', `data-${PORT}`);
export const ADMIN = { email: 'admin@acme.example.com', password: 'e2e demo password' };

/**
 * Whole flows in Debian's Chromium against the built server on the embedded database.
 * `npm run build` must have run (the .ci/run script does it).
 */
export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'artifacts/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `rm -rf "${DATA_DIR}" && node ../apps/server/dist/cli/main.js serve --demo-if-empty`,
    url: `http://127.0.0.1:${PORT}/readyz`,
    // Seeding the demo workspace takes minutes on a loaded machine.
    timeout: 600_000,
    // E2E_REUSE_SERVER=1: run against a server already started with this env (repeated local runs).
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR,
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      DEMO_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    },
  },
});
