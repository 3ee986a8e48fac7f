// The network story in two browsers, JavaScript on and off: a primary-care
// investigator in the North West finds a mentor, asks for mentoring, the
// mentor accepts, and they exchange messages. Every page passes axe.
import { test, expect } from "./support";
import { afterNavigation, registerAndSignIn, stepsFor, type Steps, uniqueEmail, uniqueWord } from "./helpers";

async function joinWithProfile(steps: Steps, email: string, name: string, mentor: boolean) {
  const { page, visit } = steps;
  await registerAndSignIn(steps, email, name);

  await visit("/account/profile");
  await page.getByLabel("Role", { exact: true }).fill(mentor ? "Senior patient safety investigator" : "Patient safety lead");
  await page.getByLabel("Type of organisation").selectOption("general-practice");
  await page.getByRole("group", { name: "Sectors you work in" }).getByLabel("Primary care").check();
  await page.getByLabel("NHS England region").selectOption("north-west");
  await page.getByLabel("Level", { exact: true }).selectOption(mentor ? "expert" : "practitioner");
  await page.getByLabel("Specialisms", { exact: true }).fill(mentor ? "PSII in primary care\nSEIPS" : "After Action Review");
  if (mentor) await page.getByLabel("Mentoring another investigator").check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(/\/network\/members\/[a-z0-9-]+$/);
  await expect(page.getByRole("status")).toContainText("Your profile has been saved");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await afterNavigation(steps);
}

test("a primary-care investigator finds a mentor, asks, is accepted and they exchange messages", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(90_000);
  const mentee: Steps = { page, visit, hydrated, checkAccessibility };
  const mentorContext = await browser.newContext({ javaScriptEnabled });
  const mentor = stepsFor(await mentorContext.newPage(), javaScriptEnabled);
  const surname = uniqueWord();
  const mentorName = `Morgan ${surname}`;

  await joinWithProfile(mentor, uniqueEmail("mentor", testInfo.project.name), mentorName, true);
  const menteeName = `Robin ${uniqueWord()}`;
  await joinWithProfile(mentee, uniqueEmail("mentee", testInfo.project.name), menteeName, false);

  // Find a mentor: search and filters, all in the URL.
  await visit("/network");
  await page.getByLabel("Search by name, role or specialism").fill(surname);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${surname}`));
  await afterNavigation(mentee);
  for (const [group, label] of [["Sector", "Primary care"], ["Region", "North West"], ["Mentoring", "Open to mentoring"]]) {
    await page.getByRole("group", { name: group, exact: true }).getByLabel(label).check();
    if (!javaScriptEnabled) await page.getByRole("button", { name: "Apply filters" }).click();
    await afterNavigation(mentee);
  }
  await expect(page).toHaveURL(/sector=primary-care/);
  await expect(page).toHaveURL(/region=north-west/);
  await expect(page).toHaveURL(/mentoring=yes/);
  await expect(page.locator("#members h2").first()).toHaveText("1 member");
  await page.getByRole("link", { name: mentorName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(mentorName);
  await expect(page.getByText("Open to mentoring")).toBeVisible();
  await afterNavigation(mentee);

  // Ask for mentoring.
  await page.getByLabel(`Ask ${mentorName} to mentor me`).check();
  await page.getByLabel("Add a note (optional)").fill("I am scoping my first PSII in primary care. Could you mentor me?");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText(`Your mentoring request has been sent to ${mentorName}`);
  await expect(page.getByRole("heading", { name: "Request sent" })).toBeVisible();
  await afterNavigation(mentee);

  // The mentor sees the count in the header and accepts.
  await mentor.visit("/network/connections");
  await expect(mentor.page.getByRole("link", { name: /^Connections\s*\(\s*1 waiting\)$/ })).toBeVisible();
  await expect(mentor.page.getByText("Could you mentor me?")).toBeVisible();
  await mentor.page.getByRole("button", { name: "Accept" }).click();
  await expect(mentor.page.getByRole("status")).toContainText("You are now connected");
  await expect(mentor.page.getByRole("cell", { name: "You mentor them" })).toBeVisible();
  await afterNavigation(mentor);

  // They exchange a message.
  await mentor.page.getByRole("link", { name: /^Message / }).click();
  await expect(mentor.page).toHaveURL(/\/network\/messages\//);
  await afterNavigation(mentor);
  await mentor.page.getByLabel("Write a message").fill("Happy to help. Start with what each organisation thinks happened: https://example.org/scoping");
  await mentor.page.getByRole("button", { name: "Send message" }).click();
  await expect(mentor.page.locator(".hub-message").first()).toContainText("Happy to help");
  await expect(mentor.page.getByRole("link", { name: "https://example.org/scoping" })).toHaveAttribute("rel", "nofollow noopener noreferrer ugc");
  await afterNavigation(mentor);

  await visit("/network/messages");
  await expect(page.getByRole("link", { name: /^Messages\s*\(\s*1 unread\)$/ })).toBeVisible();
  await expect(page.getByText("1 unread", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: mentorName }).click();
  await expect(page.getByText("Happy to help.")).toBeVisible();
  await afterNavigation(mentee);
  await page.getByLabel("Write a message").fill("Thank you, Thursday works for me.");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.locator(".hub-message").first()).toContainText("Thursday works");
  await afterNavigation(mentee);

  await mentor.visit("/network/messages");
  await mentor.page.getByRole("link", { name: menteeName }).click();
  await expect(mentor.page.locator(".hub-message").first()).toContainText("Thursday works");
  await afterNavigation(mentor);
  await mentorContext.close();
});

test("the directory without an account shows public profiles, and refuses bad filters", async ({ page, visit, checkAccessibility }) => {
  await visit("/network");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find investigators");
  await expect(page.getByText("You are seeing public profiles only")).toBeVisible();
  await expect(page.locator(".hub-member").first()).toBeVisible();
  await page.locator(".hub-member a").first().click();
  await expect(page.getByRole("link", { name: /Sign in to connect with/ })).toBeVisible();
  await page.waitForURL(/\/network\/members\//);
  await visit(page.url().replace(/^https?:\/\/[^/]+/, ""));

  const response = await page.goto("/network?region=atlantis");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("there is no region called 'atlantis'");
  await checkAccessibility();
});
