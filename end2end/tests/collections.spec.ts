// Collections, JavaScript on and off: a member is told what is missing
// when saving to a new collection, saves two resources to it, changes
// their order with buttons and shares it by link; a visitor who is signed
// out reads it with its notes, and another member copies it into their own collections.
// Every page passes axe.
import { test, expect } from "./support";
import { afterNavigation, registerAndSignIn, stepsFor, type Steps, uniqueEmail, uniqueWord } from "./helpers";

const HUDDLES = "/resources/swarm-huddles-on-mental-health-wards";
const HUDDLES_TITLE = "Swarm huddles on inpatient mental health wards";
const TIMELINE = "/resources/timeline-mapping";
const TIMELINE_TITLE = "Timeline mapping";

test("a member saves resources to a new collection, orders and shares it, and another member copies it", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(120_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  const owner = `Noor ${uniqueWord()}`;
  await registerAndSignIn(steps, uniqueEmail("collector", testInfo.project.name), owner);

  await visit(HUDDLES);
  await expect(page.getByRole("heading", { name: "Save this resource" })).toBeVisible();
  await page.getByLabel("Collection", { exact: true }).selectOption({ label: "A new collection" });
  await page.getByLabel("Your note").fill("Share with the ward managers");
  await page.getByRole("button", { name: "Save to collection" }).click();
  await expect(page).toHaveURL(new RegExp(`${HUDDLES}$`));
  await afterNavigation(steps);
  await expect(page.getByRole("alert")).toContainText("Enter a name for the collection");
  await expect(page.locator("#new_collection-error")).toContainText("Enter a name for the collection");
  await expect(page.getByLabel("Your note")).toHaveValue("Share with the ward managers");

  const name = `Huddle prep ${uniqueWord()}`;
  await page.getByLabel("Collection", { exact: true }).selectOption({ label: "A new collection" });
  await page.getByLabel("Name of a new collection").fill(name);
  await page.getByRole("button", { name: "Save to collection" }).click();
  await expect(page).toHaveURL(new RegExp(`${HUDDLES}$`));
  await expect(page.getByRole("status")).toContainText(`Saved to “${name}”`);
  await afterNavigation(steps);

  await visit(TIMELINE);
  await page.getByLabel("Collection", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Save to collection" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved to “${name}”`);
  await afterNavigation(steps);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await afterNavigation(steps);

  // The order, by buttons.
  const titles = page.locator(".hub-collection-item h3");
  await expect(titles).toHaveText([HUDDLES_TITLE, TIMELINE_TITLE]);
  // Each button names its resource for screen readers.
  await page.getByRole("button", { name: new RegExp(`^Move up\\W+${TIMELINE_TITLE}$`) }).click();
  await expect(page.getByRole("status")).toContainText("moved up");
  await expect(titles).toHaveText([TIMELINE_TITLE, HUDDLES_TITLE]);
  await afterNavigation(steps);

  // A note, on its own page.
  await page.getByRole("link", { name: new RegExp(`^Add a note\\s+on ${TIMELINE_TITLE}$`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your note");
  await afterNavigation(steps);
  await page.getByLabel("Note", { exact: true }).fill("Use with the huddle prompts");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("status")).toContainText("Note saved");
  await expect(page.getByText("Use with the huddle prompts")).toBeVisible();
  await afterNavigation(steps);

  // Shared by link.
  await page.getByRole("radio", { name: /Shared by link/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Collection settings saved");
  await afterNavigation(steps);
  const link = await page.locator(".hub-share-link a").getAttribute("href");
  expect(link).toMatch(/\/collections\/[A-Za-z0-9_-]{43}$/);
  const path = new URL(link!).pathname;

  // A visitor who is signed out reads it.
  const visitorContext = await browser.newContext({ javaScriptEnabled });
  const visitor = stepsFor(await visitorContext.newPage(), javaScriptEnabled);
  await visitor.visit(path);
  await expect(visitor.page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(visitor.page.getByText(`Shared by ${owner}. 2 resources.`)).toBeVisible();
  await expect(visitor.page.getByText("Share with the ward managers")).toBeVisible();
  await expect(visitor.page.getByText("to copy this collection into your own")).toBeVisible();

  // Another member copies it.
  const copier = `Idris ${uniqueWord()}`;
  await registerAndSignIn(visitor, uniqueEmail("copier", testInfo.project.name), copier);
  await visitor.visit(path);
  await visitor.page.getByRole("button", { name: "Copy to your collections" }).click();
  await expect(visitor.page.getByRole("heading", { level: 1 })).toHaveText(`Copy of ${name}`);
  await expect(visitor.page.getByRole("status")).toContainText("it is private until you share it");
  await expect(visitor.page.locator(".hub-collection-item h3")).toHaveText([TIMELINE_TITLE, HUDDLES_TITLE]);
  await afterNavigation(visitor);
  await visitorContext.close();
});
