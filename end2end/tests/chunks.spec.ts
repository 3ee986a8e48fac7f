// Code splitting: the catalogue comes with the main module; each other area
// (account, the network's directory, the rest of the network, the staff's
// pages, the editor…) is a chunk fetched the first
// time one of its pages is opened. A chunk that cannot be fetched must not
// leave a dead page: the link still opens its page, by a full page load.
import type { Page } from "@playwright/test";
import { test, expect, pageErrors } from "./support";

/** The split chunks (every WASM file but the main module) the page fetches. */
function chunkRequests(page: Page): string[] {
  const fetched: string[] = [];
  page.on("request", (request) => {
    const file = new URL(request.url()).pathname.split("/").pop() ?? "";
    if (file.endsWith(".wasm") && !file.startsWith("hub.")) fetched.push(file);
  });
  return fetched;
}

/** Follows the menu's "Sign in" link and waits for the sign-in page. */
async function signInFromMenu(page: Page) {
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

/** Marks the document; a full page load loses the mark, client routing keeps it. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { hubMark: number }).hubMark = 1));
}
async function documentIsMarked(page: Page) {
  return page.evaluate(() => (window as unknown as { hubMark?: number }).hubMark === 1);
}

test("the catalogue's pages load no chunk; each area's chunk loads once, on first visit", async ({
  page,
  visit,
  hydrated,
  checkAccessibility,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "chunks are the client's code");
  const chunks = chunkRequests(page);
  await visit("/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Resources" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Find modules, toolkits and guides" })).toBeVisible();
  await checkAccessibility();
  expect(chunks, "home and search need only the main module").toEqual([]);
  await markDocument(page);

  const nav = page.getByRole("navigation", { name: "Menu" });
  await nav.getByRole("link", { name: "Network" }).click();
  await expect(page).toHaveURL(/\/network$/);
  await expect(page.getByRole("heading", { level: 1, name: "Find investigators" })).toBeVisible();
  await checkAccessibility();
  const afterDirectory = chunks.length;
  expect(afterDirectory, "opening the network's directory fetched its chunk").toBeGreaterThan(0);

  // A member's page is in the rest of the network's chunk.
  await page.locator(".hub-member__name a").first().click();
  await expect(page).toHaveURL(/\/network\/members\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await checkAccessibility();
  const afterNetwork = chunks.length;
  expect(afterNetwork, "a member's page fetched the rest of the network's chunk").toBeGreaterThan(afterDirectory);

  await nav.getByRole("link", { name: "Toolkits" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Toolkits" })).toBeVisible();
  await checkAccessibility();
  expect(chunks.length, "the toolkits page fetched the catalogue's chunk").toBeGreaterThan(afterNetwork);

  const beforeReturn = chunks.length;
  await nav.getByRole("link", { name: "Network" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Find investigators" })).toBeVisible();
  await checkAccessibility();
  expect(chunks.length, "the network's chunk is not fetched again").toBe(beforeReturn);

  await signInFromMenu(page);
  await checkAccessibility();
  expect(chunks.length, "signing in fetched the account chunk").toBeGreaterThan(beforeReturn);
  expect(new Set(chunks).size, "no chunk file fetched twice").toBe(chunks.length);

  expect(await documentIsMarked(page), "every step was a client-side navigation").toBe(true);
  await hydrated();
});

test("a first visit to an area's page hydrates it with its chunk", async ({
  page,
  visit,
  checkAccessibility,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "chunks are the client's code");
  const errors = pageErrors(page);
  const chunks = chunkRequests(page);
  await visit("/network");
  expect(chunks.length, "the page's chunk was fetched").toBeGreaterThan(0);
  // Hydrated: the router has the page, so its links navigate in the client.
  await markDocument(page);
  await signInFromMenu(page);
  expect(await documentIsMarked(page), "a client-side navigation").toBe(true);
  await checkAccessibility();
  expect(errors).toEqual([]);
});

test("when a chunk cannot be fetched, the link still opens its page by a full page load", async ({
  page,
  visit,
  checkAccessibility,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "chunks are the client's code");
  await visit("/resources");
  await markDocument(page);
  // From now on no WASM arrives: as if offline, or a deploy had replaced the files.
  await page.route(/\/pkg\/.*\.wasm$/, (route) => route.abort("failed"));

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Network" }).click();
  await expect(page).toHaveURL(/\/network$/);
  await expect(page.getByRole("heading", { level: 1, name: "Find investigators" })).toBeVisible();
  expect(await documentIsMarked(page), "the page came by a full page load").toBe(false);
  await checkAccessibility();

  // The server's page works as plain HTML: its links are ordinary links.
  await signInFromMenu(page);
  await checkAccessibility();
});

test("when a first page's chunk cannot be fetched, the page stays plain HTML and its links work", async ({
  page,
  checkAccessibility,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "chunks are the client's code");
  const errors = pageErrors(page);
  // The main module arrives; no chunk does.
  await page.route(/\/pkg\/(?!hub\.)[^/]+\.wasm$/, (route) => route.abort("failed"));
  const mainModule = page.waitForResponse((response) => /\/pkg\/hub\.[^/]+\.wasm$/.test(response.url()));
  await page.goto("/network");
  await mainModule;
  await expect(page.getByRole("heading", { level: 1, name: "Find investigators" })).toBeVisible();
  await checkAccessibility();
  await markDocument(page);

  // The client did not take the page over, so a link is an ordinary link.
  await signInFromMenu(page);
  expect(await documentIsMarked(page), "the link was followed by a full page load").toBe(false);
  await checkAccessibility();
  expect(await page.locator("body[data-hydrated]").count(), "the sign-in page has no chunk either").toBe(0);
  // The blocked fetches themselves are reported ("Failed to fetch", by
  // wasm-split's loader); nothing else may be, above all no client that
  // stopped part-way through taking the page over.
  expect(errors.filter((message) => message !== "Failed to fetch")).toEqual([]);
});
