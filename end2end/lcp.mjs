import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.addInitScript(() => {
  window.__lcp = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp.push([Math.round(e.startTime), e.size, e.element ? e.element.tagName + "." + e.element.className + " " + (e.element.textContent||"").slice(0,60) : "?"]); }).observe({ type: "largest-contentful-paint", buffered: true });
  new MutationObserver(() => { if (document.body?.dataset.hydrated && !window.__hyd) window.__hyd = Math.round(performance.now()); }).observe(document, { attributes: true, subtree: true });
});
await page.goto(process.argv[2]);
await page.waitForTimeout(3000);
console.log(JSON.stringify(await page.evaluate(() => ({ lcp: window.__lcp, hydrated: window.__hyd }))));
await browser.close();
