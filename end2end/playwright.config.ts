import { defineConfig } from "@playwright/test";

// scripts/test starts the hub and passes its address; Chromium is Debian's.
const baseURL = process.env.HUB_E2E_URL ?? "http://127.0.0.1:3100";

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  // CI's machine runs two to four times slower than a development one, and
  // a few pages with axe on each took over 30 s there; long stories set
  // their own.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      // This machine has no outside network; stop Chromium trying to reach it.
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
  // Each project's main browser comes from an address of its own (the hub
  // trusts 127.0.0.1 as a proxy in scripts/test), as two offices would: the
  // per-address limits, such as 20 registrations an hour, count each
  // project's accounts apart instead of the whole suite's together.
  projects: [
    { name: "js-on", use: { javaScriptEnabled: true, extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.10" } } },
    { name: "js-off", use: { javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.20" } } },
  ],
});
