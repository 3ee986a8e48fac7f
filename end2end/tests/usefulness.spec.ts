// "Was this useful?", JavaScript on and off: a member is told what is
// missing, answers with a comment and sees their answer kept; an admin then
// finds the answer, by sector and with the comment but not the member's
// name, in the curation area. Every page passes axe.
import { test, expect } from "./support";
import { adminSignedIn, afterNavigation, registerAndSignIn, type Steps, uniqueEmail, uniqueWord } from "./helpers";

const RESOURCE = "/resources/swarm-huddles-on-mental-health-wards";
const TITLE = "Swarm huddles on inpatient mental health wards";

test("a member says whether a resource was useful and a curator sees it by sector", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(90_000);
  test.skip(!process.env.HUB_E2E_BIN, "needs the hub binary (scripts/test passes it)");
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  const name = `Uma ${uniqueWord()}`;
  await registerAndSignIn(steps, uniqueEmail("useful", testInfo.project.name), name);

  await visit(RESOURCE);
  await expect(page.getByRole("heading", { name: "Was this useful?" })).toBeVisible();
  const comment = `Used the huddle prompts on our ward ${uniqueWord()}`;
  await page.getByLabel("Your comment").fill(comment);
  await page.getByRole("button", { name: "Send your answer" }).click();
  await expect(page).toHaveURL(new RegExp(`${RESOURCE}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await afterNavigation(steps);
  // Still there once the page has hydrated: the message and what was typed.
  await expect(page.getByRole("alert")).toContainText("Select yes if this resource was useful to you, or no");
  await expect(page.locator("#useful-error")).toContainText("Select yes if this resource was useful to you, or no");
  await expect(page.getByLabel("Your comment")).toHaveValue(comment);

  await page.getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("button", { name: "Send your answer" }).click();
  await expect(page).toHaveURL(new RegExp(`${RESOURCE}$`));
  await expect(page.getByRole("status")).toContainText("your answer about this resource is saved");
  await expect(page.getByText("You said this resource was useful.")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Yes" })).toBeChecked();
  await expect(page.getByLabel("Your comment")).toHaveValue(comment);
  await afterNavigation(steps);

  // A curator finds it, from the curation area's front page.
  await page.context().clearCookies();
  await adminSignedIn(steps, uniqueEmail("useful-admin", testInfo.project.name), "Ada Admin");
  await visit("/curation");
  await page.getByRole("link", { name: "Was it useful?" }).click();
  await expect(page).toHaveURL(/\/curation\/usefulness$/);
  await expect(page.getByRole("table", { name: "Across the catalogue, by sector" })).toBeVisible();
  await afterNavigation(steps);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText(comment)).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  await afterNavigation(steps);
});
