import { test, expect } from "./support";

test("the page's WASM and CSS have hashed names, long cache lives and brotli", async ({ page, request, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "checked once");
  await visit("/");
  const wasm = await page.locator("link[rel=preload][type='application/wasm']").getAttribute("href");
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

test("an area's chunks are preloaded by its first page, hashed, long-lived and brotli", async ({
  page,
  request,
  visit,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "checked once");
  await visit("/network");
  const chunks = await page
    .locator("link[rel=preload][type='application/wasm']")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
  const split = chunks.filter((href) => !/\/hub\.[^/]+\.wasm$/.test(href));
  expect(split.length, "the network page names its chunks in <head>").toBeGreaterThan(0);
  for (const path of split) {
    expect(path).toMatch(/^\/pkg\/[a-z_0-9]+\.[A-Za-z0-9_-]+\.wasm$/);
    const response = await request.get(path, { headers: { "Accept-Encoding": "br" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"]).toBe("br");
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  }
});
