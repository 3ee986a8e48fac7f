import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const r = await lighthouse(process.argv[2], { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
const a = r.lhr.audits;
console.log(Object.keys(a).filter(k=>/lcp|largest|render-block/.test(k)).join(" "));for (const k of Object.keys(a).filter(k=>/lcp|largest|render-block/.test(k))) console.log(k, JSON.stringify(a[k]).slice(0,900));
console.log(JSON.stringify(a["lcp-breakdown-insight"]?.details ?? a["largest-contentful-paint"]).slice(0, 600));
console.log(JSON.stringify(a["render-blocking-resources"]?.details ?? {}).slice(0, 800));
await chrome.kill();
