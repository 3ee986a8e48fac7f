import { test, expect } from "./support";

test("home introduces the four pillars as entry points", async ({ page, visit }) => {
  await visit("/");
  await expect(page).toHaveTitle("Investigation Resources Hub");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Get better at learning from patient safety events",
  );
  for (const pillar of [
    "Build capability where it is needed most",
    "Find modules, toolkits and guides",
    "Connect with other investigators",
    "Join up national effort",
  ]) {
    await expect(page.getByRole("link", { name: pillar })).toBeVisible();
  }
});

test("the header links to each part of the hub", async ({ page, visit }) => {
  await visit("/");
  const menu = page.getByRole("navigation", { name: "Menu" });
  for (const [name, href] of [
    ["Resources", "/resources"],
    ["Toolkits", "/toolkits"],
    ["Network", "/network"],
    ["Sign in", "/sign-in"],
  ]) {
    await expect(menu.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
  }
});

test("the skip link is the first stop and moves focus past the header", async ({ page, visit }) => {
  await visit("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#maincontent$/);
});

test("the about page has breadcrumbs and its own title", async ({ page, visit }) => {
  await visit("/about");
  await expect(page).toHaveTitle("About the hub – Investigation Resources Hub");
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb.getByRole("link", { name: "Home" }).first()).toHaveAttribute("href", "/");
  await expect(page.locator("#national-system-convening")).toBeVisible();
});

test("following a footer link reaches the right page, and the about page leads to the statements", async ({ page, visit, hydrated, checkAccessibility }) => {
  await visit("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "About the hub" }).click();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About the hub");
  await hydrated();
  await checkAccessibility();
  await page.getByRole("main").getByRole("link", { name: "accessibility statement" }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
  await hydrated();
  await checkAccessibility();
});

test("an unknown address gets a helpful 404 page", async ({ page, checkAccessibility, hydrated }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await hydrated();
  await expect(page).toHaveTitle("Page not found – Investigation Resources Hub");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "go to the hub's home page" })).toHaveAttribute("href", "/");
  await checkAccessibility();
});
