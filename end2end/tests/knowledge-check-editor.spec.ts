// Writing a knowledge check, JavaScript on and off: a curator opens a demo
// module's lesson in the editor, adds a question (told first what is
// missing, beside each field), finds it listed on the lesson's editor, and
// sees it with its right answer and feedback on the module's review page.
// Every page passes axe.
import { test, expect } from "./support";
import { adminSignedIn, afterNavigation, type Steps, uniqueEmail, uniqueWord } from "./helpers";

const MODULE = "leading-complex-cross-system-investigations";
const LESSON = `/contribute/${MODULE}/lessons/3`;

test("a curator writes a knowledge-check question and reviews it", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(90_000);
  test.skip(!process.env.HUB_E2E_BIN, "needs the hub binary (scripts/test passes it)");
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  await adminSignedIn(steps, uniqueEmail("author", testInfo.project.name), "Ada Author");

  await visit(LESSON);
  await expect(page.getByRole("heading", { name: "Knowledge check" })).toBeVisible();
  await afterNavigation(steps);
  await page.getByRole("link", { name: "Add a question" }).click();
  await expect(page).toHaveURL(/\/lessons\/3\?question=new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lesson 3: new question");
  await afterNavigation(steps);

  // Saved empty: each problem beside its field, the page at its own address.
  await page.getByRole("button", { name: "Save question" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Enter the question");
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Select which answer is right");
  await expect(page).toHaveURL(/\/lessons\/3\?question=new$/);
  await afterNavigation(steps);

  const word = uniqueWord();
  const prompt = `Who should own an action that spans two organisations? (${word})`;
  const feedback = `Each owner can change their own system, and both have agreed to it (${word}).`;
  await page.getByLabel("Question", { exact: true }).fill(prompt);
  await page.getByRole("textbox", { name: "Answer 1", exact: true }).fill("Whoever wrote the report");
  await page.getByRole("textbox", { name: "Feedback for answer 1", exact: true }).fill("Writing the report gives no authority over either organisation's systems.");
  await page.getByRole("textbox", { name: "Answer 2", exact: true }).fill("A named lead in each organisation, agreed by both");
  await page.getByRole("textbox", { name: "Feedback for answer 2", exact: true }).fill(feedback);
  await page.getByRole("group", { name: "Which answer is right?" }).getByRole("radio", { name: "Answer 2" }).check();
  await page.getByRole("button", { name: "Save question" }).click();
  await expect(page).toHaveURL(new RegExp(`${LESSON}$`));
  await expect(page.getByRole("status")).toContainText("Saved as version");
  await expect(page.getByText(prompt)).toBeVisible();
  await afterNavigation(steps);

  // The review page shows it with its right answer and feedback.
  await visit(`/contribute/${MODULE}`);
  await expect(page.getByText(prompt)).toBeVisible();
  await expect(page.getByText(feedback)).toBeVisible();
  await expect(page.getByText("Right answer").first()).toBeVisible();
  await afterNavigation(steps);
});
