import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
const flags = ["--headless=new", "--no-sandbox", "--disable-gpu"];
if (process.argv[3] === "nojs") flags.push("--blink-settings=scriptEnabled=false");
const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: flags });
const r = await lighthouse(process.argv[2], { port: chrome.port, output: "json", logLevel: "error", onlyCategories: process.argv[4] ? ["performance","accessibility"] : ["performance"] });
const a = r.lhr.audits;
console.log(process.argv[3] ?? "js", r.lhr.categories.performance.score, "FCP", a["first-contentful-paint"].numericValue|0, "LCP", a["largest-contentful-paint"].numericValue|0, "TBT", a["total-blocking-time"].numericValue|0, "SI", a["speed-index"].numericValue|0);
await chrome.kill();
