// Lighthouse, mobile (its default: a mid-range phone, simulated slow 4G and
// a 4x slower CPU), on the pages a first visit most often lands on, against
// the hub at HUB_E2E_URL (a release build). Scores move with the machine's
// load, so each page gets up to RUNS runs and keeps its best; a page stops
// early once it passes unless LIGHTHOUSE_ALL_RUNS=1 (for the figures in
// BENCHMARKS.md). Fails when a page's best is below the thresholds.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const base = process.env.HUB_E2E_URL;
if (!base) {
  console.error("HUB_E2E_URL must name the hub to measure");
  process.exit(2);
}
const RUNS = 3;
const allRuns = process.env.LIGHTHOUSE_ALL_RUNS === "1";
const MIN_PERFORMANCE = 95;
const MIN_ACCESSIBILITY = 100;

const pages = [
  ["home", "/"],
  ["search", "/resources?q=timeline"],
  ["resource", "/resources/seips-in-practice"],
  ["module lesson", "/resources/foundations-of-systems-based-investigation/lessons/1"],
  ["network directory", "/network"],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
  ],
});

const failures = [];
try {
  for (const [what, path] of pages) {
    const url = new URL(path, base).href;
    let best = null;
    const seen = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
      });
      const { categories, audits } = result.lhr;
      const scored = {
        performance: Math.round(categories.performance.score * 100),
        accessibility: Math.round(categories.accessibility.score * 100),
        fcp: audits["first-contentful-paint"].numericValue,
        lcp: audits["largest-contentful-paint"].numericValue,
        tbt: audits["total-blocking-time"].numericValue,
        tti: audits["interactive"]?.numericValue,
      };
      seen.push(scored.performance);
      if (!best || scored.performance > best.performance) best = scored;
      const passes = best.performance >= MIN_PERFORMANCE && best.accessibility >= MIN_ACCESSIBILITY;
      if (passes && !allRuns) break;
    }
    const seconds = (ms) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(1)} s`);
    console.log(
      `${what.padEnd(18)} performance ${String(best.performance).padStart(3)} (runs: ${seen.join(", ")})` +
        `  accessibility ${best.accessibility}  FCP ${seconds(best.fcp)}  LCP ${seconds(best.lcp)}` +
        `  TBT ${Math.round(best.tbt)} ms  TTI ${seconds(best.tti)}`,
    );
    if (best.performance < MIN_PERFORMANCE || best.accessibility < MIN_ACCESSIBILITY) {
      failures.push(`${what} (performance ${best.performance}, accessibility ${best.accessibility})`);
    }
  }
} finally {
  await chrome.kill();
}
if (failures.length) {
  console.error(
    `Lighthouse below ${MIN_PERFORMANCE} performance / ${MIN_ACCESSIBILITY} accessibility on: ${failures.join("; ")}`,
  );
  process.exit(1);
}
console.log(`Every page at least ${MIN_PERFORMANCE} for performance and ${MIN_ACCESSIBILITY} for accessibility.`);
