// Taking a module and keeping a CPD log, JavaScript on and off: a member
// takes a demo module lesson by lesson (leaving and coming back in the
// middle), finishes it, finds it in their learning record and CPD log,
// adds an entry of their own with a reflection, and exports the log as
// CSV and as a page to print. Every page passes axe.
import { test, expect } from "./support";
import { afterNavigation, registerAndSignIn, type Steps, uniqueEmail, uniqueWord } from "./helpers";

const MODULE = "/resources/human-factors-in-pre-hospital-care";

test("a member takes a module to completion and keeps a CPD log with a reflection", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(90_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  await registerAndSignIn(steps, uniqueEmail("learner", testInfo.project.name), `Lee ${uniqueWord()}`);

  await visit(MODULE);
  await page.getByRole("link", { name: "Start the module" }).click();
  await expect(page).toHaveURL(/\/lessons\/1$/);
  await afterNavigation(steps);
  await page.getByRole("button", { name: "Mark as done and go to the next lesson: Handover at hospital" }).click();
  await expect(page).toHaveURL(/\/lessons\/2$/);
  await expect(page.getByRole("status")).toContainText("Lesson 1 marked as done");
  await afterNavigation(steps);

  // Away and back: the module page says how far they got.
  await visit(MODULE);
  await expect(page.getByText("You have done 1 of 3 lessons.")).toBeVisible();
  await page.getByRole("link", { name: /Continue where you left off/ }).click();
  await expect(page).toHaveURL(/\/lessons\/2$/);
  await afterNavigation(steps);
  await page.getByRole("button", { name: /^Mark as done and go to the next lesson/ }).click();
  await expect(page).toHaveURL(/\/lessons\/3$/);
  await afterNavigation(steps);
  await page.getByRole("button", { name: "Mark as done and finish the module" }).click();
  await expect(page).toHaveURL(new RegExp(`${MODULE}$`));
  await expect(page.getByRole("status")).toContainText("You have completed “Human factors in pre-hospital and urgent care”");
  await expect(page.getByText(/You completed this module on/)).toBeVisible();
  await afterNavigation(steps);

  // The record, from the account page.
  await visit("/account");
  await page.getByRole("link", { name: "Your learning record and CPD log" }).click();
  await expect(page).toHaveURL(/\/account\/learning$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your learning");
  await expect(page.getByRole("link", { name: "Completed the module “Human factors in pre-hospital and urgent care” (change)" })).toBeVisible();
  await afterNavigation(steps);

  // An entry of their own: told what is missing, then saved.
  await page.getByRole("link", { name: "Add a CPD entry" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add a CPD entry");
  await afterNavigation(steps);
  await page.getByRole("button", { name: "Save entry" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter what you did");
  await expect(page.locator("#hours-error")).toContainText("Enter how many hours it took");
  await afterNavigation(steps);
  const title = `Swarm huddle ${uniqueWord()}`;
  await page.getByLabel("What did you do?").fill(title);
  await page.getByLabel("Date you did it").fill("2026-01-15");
  await page.getByLabel("Hours").fill("1.5");
  await page.getByLabel("Type of activity").selectOption("investigation");
  await page.getByLabel("So what? Why does it matter for your practice?").fill("The team saw the rota, not each other, as the problem.");
  await page.getByRole("button", { name: "Save entry" }).click();
  await expect(page).toHaveURL(/\/account\/learning$/);
  await expect(page.getByRole("status")).toContainText("CPD entry added");
  await expect(page.getByRole("link", { name: `${title} (change)` })).toBeVisible();
  await expect(page.getByRole("cell", { name: "2026", exact: true })).toBeVisible();
  await afterNavigation(steps);

  // Exported for an appraisal: a spreadsheet file and a page to print.
  const csv = await page.request.get("/account/learning/cpd.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain(`2026-01-15,${title},Investigation work,1.50,`);
  expect(text).toContain("Completed the module “Human factors in pre-hospital and urgent care”");
  await page.getByRole("link", { name: "Your CPD log with reflections, to print or save as PDF" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("CPD log of Lee");
  await expect(page.getByText("The team saw the rota, not each other, as the problem.")).toBeVisible();
  await afterNavigation(steps);
});
