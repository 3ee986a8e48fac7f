import { test, expect, pageErrors } from "./support";

test("with JavaScript, the start-here sections become tabs", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "tabs need the hydrated client");
  await visit("/");
  const tabs = page.getByRole("tablist");
  await expect(tabs).toBeVisible();
  const practitioner = page.getByRole("tab", { name: "Running learning responses" });
  const foundation = page.getByRole("tab", { name: "New to investigation" });
  await expect(foundation).toHaveAttribute("aria-selected", "true");
  await expect(page.locator("#start-practitioner")).toBeHidden();

  await practitioner.click();
  await expect(practitioner).toHaveAttribute("aria-selected", "true");
  await expect(page.locator("#start-practitioner")).toBeVisible();
  await expect(page.locator("#start-foundation")).toBeHidden();

  // Arrow keys move between tabs, as in the NHS.UK pattern.
  await page.keyboard.press("ArrowRight");
  const expert = page.getByRole("tab", { name: "Leading and teaching" });
  await expect(expert).toBeFocused();
  await expect(expert).toHaveAttribute("aria-selected", "true");
  await expect(page.locator("#start-expert")).toBeVisible();
  await checkNoConsoleErrors(page);
});

test("without JavaScript, every start-here section is on the page", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "this is the no-JavaScript rendering");
  await visit("/");
  await expect(page.getByRole("tablist")).toHaveCount(0);
  for (const id of ["#start-foundation", "#start-practitioner", "#start-expert"]) {
    await expect(page.locator(id)).toBeVisible();
  }
  // The contents links still lead to each section.
  await page.getByRole("link", { name: "Leading and teaching" }).click();
  await expect(page).toHaveURL(/#start-expert$/);
});

test("client-side navigation keeps the page working", async ({ page, visit, hydrated, checkAccessibility, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "client-side routing needs the hydrated client");
  const errors = pageErrors(page);
  await visit("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "About the hub" }).click();
  await expect(page).toHaveTitle("About the hub – Investigation Resources Hub");
  await hydrated();
  await checkAccessibility();
  expect(errors).toEqual([]);
});

async function checkNoConsoleErrors(page: import("@playwright/test").Page) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.reload();
  await page.locator("body[data-hydrated='true']").waitFor({ state: "attached" });
  // Fonts come from assets.nhs.uk, unreachable on a closed network: not our error.
  expect(errors.filter((text) => !text.includes("assets.nhs.uk") && !text.includes("net::ERR"))).toEqual([]);
}
