// The first-load budget: how much script (JS and WASM, brotli-compressed)
// a first visit with an empty cache downloads, page by page, in Debian's
// Chromium against the hub at HUB_E2E_URL (a release build with split
// chunks and precompressed files). Prints every figure; fails when a
// budgeted page is over BUDGET_KB.
//
// The browser decides what is fetched (the main module, the split chunks
// the page preloads or asks for while it hydrates); each file is then
// fetched again asking for brotli only, and its compressed size counted,
// because Chromium asks plain-HTTP servers for gzip, not brotli.
import { chromium } from "@playwright/test";
import http from "node:http";

const base = process.env.HUB_E2E_URL;
if (!base) {
  console.error("HUB_E2E_URL must name the hub to measure");
  process.exit(2);
}
const BUDGET_KB = 200;
const AIM_KB = 150;

// [what, path, budgeted]
const pages = [
  ["home", "/", true],
  ["search", "/resources?q=timeline", true],
  ["resource", "/resources/seips-in-practice", true],
  ["module lesson", "/resources/foundations-of-systems-based-investigation/lessons/1", false],
  ["toolkit", "/resources/timeline-mapping", false],
  ["toolkits", "/toolkits", false],
  ["network directory", "/network", false],
  ["sign in", "/sign-in", false],
];

function brotliSize(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "br" } }, (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`${url} answered ${response.statusCode}`));
          response.resume();
          return;
        }
        const encoding = response.headers["content-encoding"];
        let bytes = 0;
        response.on("data", (chunk) => (bytes += chunk.length));
        response.on("end", () =>
          encoding === "br" ? resolve(bytes) : reject(new Error(`${url} was not sent brotli-compressed`)),
        );
      })
      .on("error", reject);
  });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let over = [];
try {
  for (const [what, path, budgeted] of pages) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set();
    page.on("requestfinished", (request) => {
      const url = new URL(request.url());
      if (/\.(js|wasm)$/.test(url.pathname)) scripts.add(url.href);
    });
    await page.goto(new URL(path, base).href);
    await page.locator("body[data-hydrated='true']").waitFor({ state: "attached", timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await context.close();

    const sizes = await Promise.all([...scripts].map(async (url) => [url, await brotliSize(url)]));
    const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
    const files = sizes
      .map(([url, bytes]) => `${new URL(url).pathname.split("/").pop()} ${kb(bytes)}`)
      .join(", ");
    const verdict = !budgeted ? "" : total > BUDGET_KB * 1024 ? "  OVER BUDGET" : total > AIM_KB * 1024 ? "  (over the aim)" : "";
    console.log(`${what.padEnd(18)} ${path.padEnd(70)} ${kb(total).padStart(6)} KB br${verdict}`);
    console.log(`${"".padEnd(18)} ${files}`);
    if (budgeted && total > BUDGET_KB * 1024) over.push(what);
  }
} finally {
  await browser.close();
}
if (over.length) {
  console.error(`First-load script over ${BUDGET_KB} KB (brotli) on: ${over.join(", ")}`);
  process.exit(1);
}
console.log(`Budgeted pages within ${BUDGET_KB} KB of script (brotli) on first load.`);
