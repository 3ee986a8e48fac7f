// A module with knowledge checks, JavaScript on and off: a member is told
// what is missing when they check without answering, sees whether each
// answer was right with its feedback, finishes every lesson below the
// pass mark and is sent back to the check they got wrong, meets the pass
// mark and completes the module; its certificate is on their learning
// page, and someone signed out can open it. Every page passes axe.
import { test, expect } from "./support";
import { afterNavigation, registerAndSignIn, stepsFor, type Steps, uniqueEmail, uniqueWord } from "./helpers";

const MODULE = "/resources/investigating-in-mental-health-services";
const TITLE = "Investigating in mental health services: a practitioner course";

test("a member takes a module with knowledge checks to completion and its certificate can be checked", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(150_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  await registerAndSignIn(steps, uniqueEmail("checked", testInfo.project.name), `Kit ${uniqueWord()}`);

  await visit(MODULE);
  await page.getByRole("link", { name: /^Start the module/ }).click();
  await expect(page).toHaveURL(/\/lessons\/1$/);
  await expect(page.getByRole("heading", { name: "Knowledge check" })).toBeVisible();
  await expect(page.getByText("you need 75% of its questions right")).toBeVisible();
  await afterNavigation(steps);

  // Checked without an answer: told what is missing, beside the question.
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page.getByRole("alert")).toContainText("Select an answer to question 1");
  await expect(page.locator("#question-1-error")).toContainText("Select an answer to question 1");
  await afterNavigation(steps);

  // A right answer, with its feedback.
  await page.getByRole("radio", { name: /^People often move between several services/ }).check();
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page).toHaveURL(/\/lessons\/1(#knowledge-check)?$/);
  await expect(page.getByRole("status")).toContainText("You answered 1 of 1 right");
  await expect(page.getByText("Right", { exact: true })).toBeVisible();
  await expect(page.getByText(/Incidents often have long histories across teams/)).toBeVisible();
  await afterNavigation(steps);
  await page.getByRole("button", { name: "Mark as done and go to the next lesson: Involving patients, families and carers" }).click();
  await expect(page).toHaveURL(/\/lessons\/2$/);
  await afterNavigation(steps);

  // Two wrong answers: the feedback says why.
  await page.getByRole("radio", { name: "Stop contacting them for good" }).check();
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page.getByText("Not right", { exact: true })).toBeVisible();
  await expect(page.getByText(/Preferences can change; closing the door/)).toBeVisible();
  await afterNavigation(steps);
  await page.getByRole("button", { name: /^Mark as done and go to the next lesson/ }).click();
  await expect(page).toHaveURL(/\/lessons\/3$/);
  await afterNavigation(steps);
  await page.getByRole("radio", { name: "Interviewing them together so that accounts agree" }).check();
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page.getByText("Not right", { exact: true })).toBeVisible();
  await afterNavigation(steps);
  await page.getByRole("button", { name: /^Mark as done and go to the next lesson/ }).click();
  await expect(page).toHaveURL(/\/lessons\/4$/);
  await afterNavigation(steps);
  await page.getByRole("radio", { name: "Use local data to check whether the pattern appears more widely" }).check();
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page.getByText("Across the module: 2 of 4 questions right (50%); the pass mark is 75%.")).toBeVisible();
  await afterNavigation(steps);

  // Every lesson done below the pass mark: back to the first wrong answer.
  await page.getByRole("button", { name: "Mark as done and finish the module" }).click();
  await expect(page).toHaveURL(new RegExp(`${MODULE}$`));
  await expect(page.getByText(/Your knowledge check answers: 2 of 4 questions right \(50%\); the pass mark is 75%/)).toBeVisible();
  await afterNavigation(steps);
  await page.getByRole("link", { name: /^Go to the knowledge check/ }).click();
  await expect(page).toHaveURL(/\/lessons\/2$/);
  await afterNavigation(steps);
  await page.getByRole("radio", { name: /^Respect their wish/ }).check();
  await page.getByRole("button", { name: "Check my answers again" }).click();
  await expect(page.getByRole("status")).toContainText(`You have completed “${TITLE}”`);
  await expect(page.getByText("Across the module: 3 of 4 questions right (75%); the pass mark is 75%.")).toBeVisible();
  await afterNavigation(steps);

  // Its certificate, and someone signed out opening it.
  await visit("/account/learning");
  await page.locator(`a[href^="/credentials/"]`, { hasText: TITLE }).click();
  await expect(page).toHaveURL(/\/credentials\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("Valid.")).toBeVisible();
  await afterNavigation(steps);
  const pdfLink = await page.getByRole("link", { name: "Download the certificate (PDF)" }).getAttribute("href");
  const pdf = await page.request.get(pdfLink!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const certificate = new URL(page.url()).pathname;
  const visitorContext = await browser.newContext({ javaScriptEnabled });
  const visitor = stepsFor(await visitorContext.newPage(), javaScriptEnabled);
  await visitor.visit(certificate);
  await expect(visitor.page.getByText("Valid.")).toBeVisible();
  await expect(visitor.page.getByText(TITLE)).toBeVisible();
  await afterNavigation(visitor);
  await visitorContext.close();
});
