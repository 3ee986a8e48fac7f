import { test, expect } from "./support";

// Text that would close the <title> and refresh to another page if it were
// written into the document raw (issue 12).
const HOSTILE = '</title><meta http-equiv="refresh" content="0;url=/about">';

test("hostile text in a page title stays text", async ({ page, visit }) => {
  await visit(`/resources?q=${encodeURIComponent(HOSTILE)}`);
  await expect(page).toHaveTitle(`Search results for ${HOSTILE} – Investigation Resources Hub`);
  await expect(page.locator("meta[http-equiv]")).toHaveCount(0);
  // A refresh would have taken the page to /about by now.
  await page.waitForTimeout(1500);
  await expect(page).toHaveURL(/\/resources\?q=/);

  await visit(`/network?q=${encodeURIComponent(HOSTILE)}`);
  await expect(page.locator("meta[http-equiv]")).toHaveCount(0);
  await expect(page).toHaveURL(/\/network\?q=/);
});

test("an address with a trailing slash opens the page", async ({ page, visit }) => {
  await visit("/resources/");
  await expect(page).toHaveURL(/\/resources$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find modules, toolkits and guides");
  await visit("/no-such-page/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});
