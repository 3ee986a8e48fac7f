// A benchmark (not a test: nothing here fails on a figure) of the
// timeline kept in the browser (/workspaces/local), in Debian's Chromium
// against a running hub at HUB_BENCH_URL (default http://127.0.0.1:3400).
//
// No account: it puts a timeline of 499 entries (a timeline holds 500) in
// the browser's storage as the hub's workspace file, opens the page, and
// then, over HUB_BENCH_ROUNDS rounds (default 7, after one uncounted
// warm-up), times from the click on "Add the entry" to the frame after
// the table holds the new row (every row rebuilt from the shared rules,
// the file written to storage, the change announced), and the same for
// deleting that entry again. It also prints the page's load to hydrated
// and the tool started, with the timeline read from storage.
//
// Requests to other origins (the NHS.UK fonts) are refused.
import { chromium } from "@playwright/test";
import { cpus, loadavg } from "node:os";

const base = process.env.HUB_BENCH_URL ?? "http://127.0.0.1:3400";
const ROUNDS = Number(process.env.HUB_BENCH_ROUNDS ?? 7);
const LABEL = process.env.HUB_BENCH_LABEL ?? "";
const ENTRIES = 499;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const spread = (values) => `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;

// The workspace file (exchange.rs, version 1): entries a few minutes
// apart over several days, with roles, places, sources and notes.
const roles = ["Practice nurse", "Duty doctor", "Receptionist", "Pharmacist", "Community psychiatric nurse"];
const places = ["GP surgery", "Patient's home", "Crisis team office", "Pharmacy"];
const sources = ["clinical-record", "device-log", "interview", "statement", "call-record"];
const timeline = Array.from({ length: ENTRIES }, (_, index) => {
  const minutes = index * 17;
  const day = 1 + Math.floor(minutes / 1440);
  const time = `${String(Math.floor((minutes % 1440) / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return {
    id: index + 1,
    date: `2026-03-${String(day).padStart(2, "0")}`,
    time,
    end_date: null,
    end_time: null,
    approximate: index % 7 === 0,
    what: `Step ${index + 1} of the referral pathway was recorded, with the details the source gives about what was done and when.`,
    who: roles[index % roles.length],
    place: places[index % places.length],
    source: sources[index % sources.length],
    source_detail: "",
    note: index % 3 === 0 ? "Work as done differed from the written procedure: the form had no field for it." : "",
    problem: index % 11 === 0 ? "care-delivery" : null,
    elements: index % 5 === 0 ? ["tasks", "organisation"] : [],
    same_as: null,
  };
});
const file = JSON.stringify({
  format: "investigation-resources-hub/workspace",
  version: 1,
  details: { title: "Benchmark: a long timeline", response: "psii", sector: "mental-health", scope: "" },
  timeline,
  findings: [],
  factors: [],
  actions: [],
});

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const context = await browser.newContext();
await context.route((url) => !url.href.startsWith(base), (route) => route.abort());
const page = await context.newPage();
await page.addInitScript(([key, text]) => {
  if (!sessionStorage.getItem("seeded")) {
    localStorage.setItem(key, text);
    sessionStorage.setItem("seeded", "yes");
  }
}, ["hub.investigation", file]);

const loads = [];
for (let round = 0; round <= 2; round++) {
  await page.goto(`${base}/workspaces/local`);
  await page.locator("body[data-hydrated='true']").waitFor({ state: "attached" });
  await page.locator("#local-entries tr").nth(ENTRIES - 1).waitFor({ state: "attached" });
  const started = await page.evaluate(() => performance.now());
  if (round > 0) loads.push(started);
}

/** Clicks `button` in the page and times to the frame after the table has `rows` rows. */
async function timed(selector, rows) {
  return page.evaluate(
    ([selector, rows]) =>
      new Promise((resolve) => {
        const body = document.getElementById("local-entries");
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (body.children.length === rows) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
          }
        });
        observer.observe(body, { childList: true });
        document.querySelector(selector).click();
      }),
    [selector, rows],
  );
}

// HUB_BENCH_WITHOUT_CHART=1 takes the chart out of the page after the
// loads above and before the rounds (the tool then draws none), to
// measure what drawing it costs at each change; the loads draw it either
// way.
const WITHOUT_CHART = process.env.HUB_BENCH_WITHOUT_CHART === "1";
if (WITHOUT_CHART) await page.evaluate(() => document.getElementById("local-chart").remove());

const adds = [];
const deletes = [];
for (let round = 0; round <= ROUNDS; round++) {
  await page.fill("#date", "2026-03-02");
  await page.fill("#time", "12:01");
  await page.fill("#what", `Added in round ${round}`);
  await page.selectOption("#source", "interview");
  const added = await timed("#local-entry button[type=submit]", ENTRIES + 1);
  const id = await page.evaluate(
    (round) => [...document.querySelectorAll("#local-entries tr")].find((row) => row.textContent.includes(`Added in round ${round}`)).querySelector("[data-delete]").dataset.entry,
    round,
  );
  const deleted = await timed(`[data-entry="${id}"]`, ENTRIES);
  if (round > 0) {
    adds.push(added);
    deletes.push(deleted);
  } else {
    console.log("# warm-up round not counted");
  }
}
const stored = await page.evaluate(() => localStorage.getItem("hub.investigation").length);
await browser.close();

console.log(`\n| ${LABEL || "local timeline"}${WITHOUT_CHART ? " (chart taken out)" : ""}: ${ENTRIES} entries, ${ROUNDS} rounds, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)} | median (range), ms |`);
console.log("|---|---|");
console.log(`| page loaded to the tool started with every row (from navigation start${WITHOUT_CHART ? "; the chart drawn" : ""}) | ${spread(loads)} |`);
console.log(`| add an entry: click to the frame after the new row is in the table | ${spread(adds)} |`);
console.log(`| delete it: click to the frame after the row has gone | ${spread(deletes)} |`);
console.log(`| the file kept in storage | ${(stored / 1024).toFixed(0)} KB |`);
