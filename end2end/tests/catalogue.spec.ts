import { test, expect } from "./support";

test("searching finds resources and keeps the search in the URL", async ({ page, visit, hydrated, checkAccessibility }) => {
  await visit("/resources");
  await expect(page).toHaveTitle("Find resources – Investigation Resources Hub");
  await page.getByLabel("Search the catalogue").fill("timeline mapping");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/resources\?q=timeline\+mapping/);
  await hydrated();
  const results = page.locator("#results");
  await expect(results.getByRole("heading", { level: 2 })).toHaveText(/\d+ resources?/);
  await expect(results.getByRole("link", { name: "Timeline mapping", exact: true })).toBeVisible();
  // The exact title is the first result.
  await expect(results.locator(".hub-result__title a").first()).toHaveText("Timeline mapping");
  await expect(results.locator("mark").first()).toBeVisible();
  await checkAccessibility();
});

test("filters narrow the results and show counts", async ({ page, visit, hydrated, checkAccessibility, javaScriptEnabled }) => {
  await visit("/resources");
  const all = await page.locator("#results h2").first().innerText();
  const expected = Number((await page.locator("label[for=sector-primary-care] .hub-count").innerText()).replace(/\D/g, ""));
  expect(expected).toBeGreaterThan(0);
  await page.getByLabel(/Primary care/).check();
  if (!javaScriptEnabled) {
    await page.getByRole("button", { name: "Apply filters" }).click();
  }
  await expect(page).toHaveURL(/sector=primary-care/);
  await hydrated();
  await expect(page.locator("#results h2").first()).toHaveText(`${expected} resources`);
  expect(all).not.toEqual(`${expected} resources`);
  await expect(page.getByLabel(/Primary care/)).toBeChecked();
  await checkAccessibility();

  // Back returns to the unfiltered results.
  await page.goBack();
  await expect(page).not.toHaveURL(/sector=/);
  await expect(page.locator("#results h2").first()).toHaveText(all);
});

test("results come in pages of twenty", async ({ page, visit, hydrated, checkAccessibility }) => {
  await visit("/resources?sort=title");
  await expect(page.locator("#results .hub-result")).toHaveCount(20);
  await page.getByRole("link", { name: /Next.*Page 2/ }).click();
  await expect(page).toHaveURL(/page=2/);
  await hydrated();
  await expect(page.locator("#results").getByText("Page 2 of")).toBeVisible();
  await checkAccessibility();
});

test("a bad filter gets a clear message", async ({ page, checkAccessibility, hydrated }) => {
  const response = await page.goto("/resources?sector=outer-space");
  expect(response?.status()).toBe(400);
  await hydrated();
  await expect(page.getByRole("alert")).toContainText("there is no sector called 'outer-space'");
  await checkAccessibility();
});

test("a resource page shows its content and details", async ({ page, visit, hydrated, checkAccessibility }) => {
  await visit("/resources?q=timeline+mapping");
  await page.locator("#results").getByRole("link", { name: "Timeline mapping", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Timeline mapping");
  await hydrated();
  await expect(page.getByText("About this resource")).toBeVisible();
  await expect(page.locator("dl.nhsuk-summary-list")).toContainText("Next review due");
  await checkAccessibility();
});

test("a module can be read lesson by lesson", async ({ page, visit, hydrated, checkAccessibility }) => {
  await visit("/resources?kind=module&sort=title");
  await page.locator("#results .hub-result__title a").first().click();
  await hydrated();
  await checkAccessibility();
  await page.getByRole("link", { name: "Start the module" }).click();
  await expect(page.locator(".nhsuk-caption-l")).toContainText("lesson 1 of");
  await hydrated();
  await checkAccessibility();
  await page.getByRole("link", { name: /^Next/ }).click();
  await expect(page.locator(".nhsuk-caption-l")).toContainText("lesson 2 of");
  await hydrated();
  await checkAccessibility();
});

test("sector, organisation and toolkit pages list resources", async ({ page, visit }) => {
  await visit("/sectors/primary-care");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Primary care");
  await expect(page.locator(".hub-result").first()).toBeVisible();
  await visit("/organisations");
  const first = page.locator(".hub-result__title a").first();
  const name = await first.innerText();
  await visit((await first.getAttribute("href"))!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await visit("/toolkits");
  await expect(page.locator(".hub-result").first()).toBeVisible();
});

test("a signposted resource says its link leaves the hub", async ({ page, visit }) => {
  await visit("/resources?kind=signposted");
  await page.locator("#results .hub-result__title a").first().click();
  await page.waitForLoadState();
  await visit(new URL(page.url()).pathname);
  await expect(page.getByRole("link", { name: /website \(leaves this site\)/ })).toHaveAttribute("href", /^https:\/\//);
});

test("typing in the search box suggests titles", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "suggestions need the hydrated client");
  await visit("/resources");
  await page.getByLabel("Search the catalogue").pressSequentially("swarm hu", { delay: 30 });
  await expect(page.locator("#search-suggestions option").first()).toHaveAttribute("value", /swarm huddle/i);
});
