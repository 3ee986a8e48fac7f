// Reporting and moderation in three browsers, JavaScript on and off: a
// member reports a message that names a patient, a moderator hides it from
// the queue, and the reporter sees the outcome. Every page passes axe.
import { test, expect } from "./support";
import { adminSignedIn, afterNavigation, memberWithProfile, stepsFor, type Steps, uniqueEmail, uniqueWord } from "./helpers";

test("a member reports a message, a moderator hides it, and the reporter sees the outcome", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(120_000);
  const reporter: Steps = { page, visit, hydrated, checkAccessibility };
  const authorContext = await browser.newContext({ javaScriptEnabled });
  const author = stepsFor(await authorContext.newPage(), javaScriptEnabled);
  const moderatorContext = await browser.newContext({ javaScriptEnabled });
  const moderator = stepsFor(await moderatorContext.newPage(), javaScriptEnabled);

  const authorName = `Ada ${uniqueWord()}`;
  const reporterName = `Ben ${uniqueWord()}`;
  const authorProfile = await memberWithProfile(author, uniqueEmail("author", testInfo.project.name), authorName);
  const reporterProfile = await memberWithProfile(reporter, uniqueEmail("reporter", testInfo.project.name), reporterName);

  // They connect, and the author sends a message that names a patient.
  await author.visit(reporterProfile);
  await author.page.getByRole("button", { name: "Send request" }).click();
  await expect(author.page.getByRole("heading", { name: "Request sent" })).toBeVisible();
  await afterNavigation(author);
  await visit("/network/connections");
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("status")).toContainText("You are now connected");
  await afterNavigation(reporter);
  const secret = `Mrs ${uniqueWord()} in bed 4 caused it`;
  await author.visit(`/network/messages${reporterProfile.replace("/network/members", "")}`);
  await author.page.getByLabel("Write a message").fill(secret);
  await author.page.getByRole("button", { name: "Send message" }).click();
  await expect(author.page.locator(".hub-message").first()).toContainText(secret);
  await afterNavigation(author);

  // The reporter reports it.
  await visit(`/network/messages${authorProfile.replace("/network/members", "")}`);
  await expect(page.getByText(secret)).toBeVisible();
  await page.locator(".hub-message__report").getByRole("link", { name: /^Report/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report a message");
  await expect(page.getByText(secret)).toBeVisible();
  await afterNavigation(reporter);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("alert")).toContainText("Select which community rule it breaks");
  await afterNavigation(reporter);
  await page.getByLabel("It shares information that could identify a patient, a family or a member of staff").check();
  await page.getByLabel("Anything the moderators should know (optional)").fill("It names a patient.");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page).toHaveURL(/\/account\/reports$/);
  await expect(page.getByRole("status")).toContainText("your report has been sent to the moderators");
  await expect(page.getByRole("cell", { name: /Waiting for a moderator/ })).toBeVisible();
  await afterNavigation(reporter);

  // A moderator hides it from the queue.
  await adminSignedIn(moderator, uniqueEmail("moderator", testInfo.project.name), "Morgan Moderator");
  await moderator.visit("/curation/reports");
  // Other tests' reports may be waiting too: take the one about this author.
  await moderator.page.getByRole("row", { name: new RegExp(authorName) }).getByRole("link", { name: /^A message \(report \d+\)$/ }).first().click();
  await expect(moderator.page.getByText(secret)).toBeVisible();
  await afterNavigation(moderator);
  await moderator.page.getByLabel("Hide the content and tell its author why").check();
  await moderator.page.getByLabel("Why (sent to the member unless you dismiss)").fill("It names a patient: never share patient-identifiable information.");
  await moderator.page.getByRole("button", { name: "Record decision" }).click();
  await expect(moderator.page).toHaveURL(/\/curation\/reports$/);
  await expect(moderator.page.getByRole("status")).toContainText("content hidden");
  await afterNavigation(moderator);

  // The reporter sees the outcome; neither of them sees the text any more.
  await visit("/account/reports");
  await expect(page.getByRole("cell", { name: /Content hidden/ })).toBeVisible();
  await visit(`/network/messages${authorProfile.replace("/network/members", "")}`);
  await expect(page.getByText("A moderator hid this message")).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await author.visit(`/network/messages${reporterProfile.replace("/network/members", "")}`);
  await expect(author.page.getByText(secret)).toHaveCount(0);
  await authorContext.close();
  await moderatorContext.close();
});
