import path from "node:path";
import { defineConfig } from "@playwright/test";

// The server under test: a fresh release build on a fresh SQLite file with demo data,
// started by scripts/e2e-server.sh and stopped when the run ends.
const port = Number(process.env.CONVENE_E2E_PORT ?? 3100);
// Where the server keeps its database, mail and the demo passwords (see tests/support.ts).
export const dataDir = path.resolve(__dirname, ".e2e-data");
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    trace: "off",
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is not allowed here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `bash scripts/e2e-server.sh ${port}`,
    env: { E2E_DATA_DIR: dataDir },
    cwd: "..",
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    // SIGTERM, so the server drains and the script removes its temporary data directory.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
