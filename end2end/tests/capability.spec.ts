// The capability self-assessment, JavaScript on and off: a member finds it
// on their learning page, leaves two questions unanswered and is told which,
// answers every domain, sees their gaps with resources for the next level,
// follows one, takes it again (their last answers chosen) and sees the gap
// closed. Every page passes axe.
import { test, expect } from "./support";
import { afterNavigation, registerAndSignIn, type Steps, uniqueEmail, uniqueWord } from "./helpers";

const DOMAINS = [
  "systems thinking and human factors",
  "planning a learning response",
  "gathering evidence",
  "analysis",
  "safety actions and improvement",
  "involving and supporting people",
  "writing and sharing learning",
  "leading and overseeing investigations",
];

test("a member takes the self-assessment, follows a recommendation and takes it again", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(120_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  await registerAndSignIn(steps, uniqueEmail("assessed", testInfo.project.name), `Sam ${uniqueWord()}`);

  await visit("/account/learning");
  await page.getByRole("link", { name: "Take the self-assessment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Capability self-assessment");
  await afterNavigation(steps);

  const confidence = (domain: string) => page.getByRole("group", { name: `How confident are you in ${domain}?` });
  const relevance = (domain: string) => page.getByRole("group", { name: `How relevant is ${domain} to your role?` });
  // Everything but analysis's confidence and leading's relevance.
  for (const domain of DOMAINS) {
    if (domain !== "analysis") await confidence(domain).getByRole("radio", { name: "Practitioner", exact: true }).check();
    if (domain !== "leading and overseeing investigations") await relevance(domain).getByRole("radio", { name: "Part of my role" }).check();
  }
  await relevance("analysis").getByRole("radio", { name: "Central to my role" }).check();
  await page.getByRole("button", { name: "Save and see your results" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Select how confident you are in analysis");
  await expect(summary).toContainText("Select how relevant leading and overseeing investigations is to your role");
  await expect(relevance("analysis").getByRole("radio", { name: "Central to my role" })).toBeChecked();
  await afterNavigation(steps);

  // Answered: analysis becomes the one gap.
  await confidence("analysis").getByRole("radio", { name: "Not yet at foundation" }).check();
  await relevance("leading and overseeing investigations").getByRole("radio", { name: "Not relevant to my role" }).check();
  await page.getByRole("button", { name: "Save and see your results" }).click();
  await expect(page.getByRole("status")).toContainText("Your self-assessment is saved");
  await expect(page.getByRole("heading", { name: "Where to grow" })).toBeVisible();
  const gap = page.locator(".nhsuk-card", { has: page.getByRole("heading", { name: "Analysis", exact: true }) });
  await expect(gap).toContainText("You said: not yet confident at foundation level; central to my role.");
  await expect(gap).toContainText("Next, foundation: Can follow a completed analysis.");
  await expect(page.locator(".nhsuk-card")).toHaveCount(1);
  await afterNavigation(steps);

  // A recommendation leads to its resource.
  const recommended = gap.locator("ul a").first();
  const title = (await recommended.textContent())!;
  await recommended.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  // Its page names the domains it helps with, and the way back.
  const domains = page.getByRole("region", { name: "Capability domains" });
  await expect(domains).toContainText("At foundation level, this resource helps with:");
  await expect(domains.getByRole("link", { name: "Analysis", exact: true })).toHaveAttribute("href", "/resources?capability=analysis");
  await afterNavigation(steps);

  // Taking it again starts from the last answers.
  await visit("/account/capability");
  await page.getByRole("link", { name: "Take it again" }).click();
  await expect(confidence("analysis").getByRole("radio", { name: "Not yet at foundation" })).toBeChecked();
  await afterNavigation(steps);
  await confidence("analysis").getByRole("radio", { name: "Practitioner", exact: true }).check();
  await page.getByRole("button", { name: "Save and see your results" }).click();
  await expect(page.getByRole("status")).toContainText("Your self-assessment is saved");
  await expect(page.getByText("No gaps: for every domain relevant to your role")).toBeVisible();
  await expect(page.getByRole("row", { name: /Analysis Practitioner Central to my role/ })).toBeVisible();
  await afterNavigation(steps);
});
