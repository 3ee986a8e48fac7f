import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const r = await lighthouse(process.argv[2], { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
const a = r.lhr.audits;
for (const id of ["largest-contentful-paint-element", "render-blocking-resources", "unused-css-rules", "unused-javascript", "network-requests", "lcp-lazy-loaded", "mainthread-work-breakdown", "bootup-time", "font-display", "uses-text-compression", "total-byte-weight"]) {
  const x = a[id]; if (!x) continue;
  console.log("##", id, x.displayValue ?? "", x.score);
  const items = x.details?.items ?? [];
  for (const it of items.slice(0, 8)) console.log("   ", JSON.stringify(it).slice(0, 300));
}
for (const [k, v] of Object.entries(r.lhr.categories.performance.auditRefs.filter(x=>x.weight>0))) {}
console.log(Object.fromEntries(["first-contentful-paint","largest-contentful-paint","total-blocking-time","cumulative-layout-shift","speed-index"].map(k=>[k,a[k].score])));
await chrome.kill();
