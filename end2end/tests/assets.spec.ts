import { test, expect } from "./support";

test("the page's WASM and CSS have hashed names, long cache lives and brotli", async ({ page, request, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "checked once");
  await visit("/");
  const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname));
  const wasm = fetched.find((path) => path.endsWith(".wasm"));
  const css = await page.locator("link[rel=stylesheet]").getAttribute("href");
  expect(wasm).toMatch(/^\/pkg\/hub\.[A-Za-z0-9_-]+\.wasm$/);
  expect(css).toMatch(/^\/pkg\/hub\.[A-Za-z0-9_-]+\.css$/);

  for (const path of [wasm!, css!]) {
    const response = await request.get(path, { headers: { "Accept-Encoding": "br" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"]).toBe("br");
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  }
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
});

test("web fonts never hide text: every font face is optional", async ({ page, request, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "checked once");
  await visit("/");
  const css = await (await request.get((await page.locator("link[rel=stylesheet]").getAttribute("href"))!)).text();
  const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
  expect(faces.length).toBeGreaterThan(0);
  for (const face of faces) expect(face).toMatch(/font-display:\s*optional/);
  // The font's origin is contacted early, so a quick font can still make it.
  await expect(page.locator("link[rel=preconnect][href='https://assets.nhs.uk']")).toHaveCount(1);
});

test("an area's chunks are hashed, long-lived and brotli", async ({ page, request, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "checked once");
  await visit("/network");
  const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname));
  const split = fetched.filter((path) => path.endsWith(".wasm") && !/\/hub\.[^/]+\.wasm$/.test(path));
  expect(split.length, "the network page fetched its chunks").toBeGreaterThan(0);
  for (const path of split) {
    expect(path).toMatch(/^\/pkg\/[a-z_0-9]+\.[A-Za-z0-9_-]+\.wasm$/);
    const response = await request.get(path, { headers: { "Accept-Encoding": "br" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"]).toBe("br");
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  }
});

test("the client starts after the page has loaded, without preloading its WASM", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "checked once");
  await visit("/");
  // Nothing in <head> fetches WASM ahead of the page's own HTML and CSS.
  await expect(page.locator("link[rel=preload][type='application/wasm'], link[rel=modulepreload]")).toHaveCount(0);
  const [load, wasm] = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const wasm = performance.getEntriesByType("resource").find((entry) => entry.name.endsWith(".wasm"))!;
    return [navigation.loadEventStart, wasm.startTime];
  });
  expect(wasm).toBeGreaterThanOrEqual(load);
});
