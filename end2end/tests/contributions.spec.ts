// The contribution story in two browsers, JavaScript on and off: an admin
// (made with `hub create-admin`) makes a new member a contributor; the
// contributor drafts a toolkit in the editor (with its preview) and submits
// it; the curator requests changes from the review queue; the contributor
// sees the feedback, edits and resubmits; the curator publishes and the
// toolkit appears in search. axe runs on the editor, queue and dashboards.
import { test, expect } from "./support";
import { adminSignedIn, afterNavigation, PASSWORD, registerAndConfirm, signIn, stepsFor, type Steps, uniqueEmail, uniqueWord } from "./helpers";

test("a contributor submits, the curator asks for changes, the contributor resubmits and the curator publishes", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(120_000);
  test.skip(!process.env.HUB_E2E_BIN, "needs the hub binary (scripts/test passes it)");
  const contributor: Steps = { page, visit, hydrated, checkAccessibility };
  const curatorContext = await browser.newContext({ javaScriptEnabled });
  const curator = stepsFor(await curatorContext.newPage(), javaScriptEnabled);
  const word = uniqueWord();
  const title = `Swarm huddles for ${word} teams`;
  const name = `Jo ${uniqueWord()}`;

  await adminSignedIn(curator, uniqueEmail("curator", testInfo.project.name), "Cass Curator");
  const email = uniqueEmail("contributor", testInfo.project.name);
  await registerAndConfirm(contributor, email, name);
  await signIn(contributor, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await afterNavigation(contributor);

  // Members cannot contribute until an admin makes them a contributor.
  await curator.visit(`/admin/users?q=${encodeURIComponent(email)}`);
  await curator.page.getByRole("link", { name }).click();
  await afterNavigation(curator);
  await curator.page.getByLabel("Role", { exact: true }).selectOption("contributor");
  await curator.page.getByRole("button", { name: "Change role" }).click();
  await afterNavigation(curator);

  // The editor: a failed save names each problem; the preview renders.
  await visit("/contribute");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your contributions");
  await page.getByRole("link", { name: "Propose a resource" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Propose a resource");
  await afterNavigation(contributor);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Enter a title");
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Select at least one sector");
  await afterNavigation(contributor);

  await page.getByLabel("Kind of resource").selectOption("toolkit");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill(`A ten-minute huddle for ${word} teams straight after an incident.`);
  await page.getByLabel("Provided by").selectOption("primary-care-safety-network");
  await page.getByRole("group", { name: "Sectors it is for" }).getByLabel("Primary care").check();
  await page.getByLabel("Level", { exact: true }).selectOption("foundation");
  await page.getByLabel("Time to complete, in minutes").fill("15");
  await page.getByLabel("Content", { exact: true }).fill("## The four questions\n\n1. What did we expect?\n2. What happened?");
  if (javaScriptEnabled) {
    await expect(page.getByTestId("markdown-preview").getByRole("heading", { name: "The four questions" })).toBeVisible();
  } else {
    await page.getByRole("button", { name: "Update preview" }).click();
    await expect(page.getByTestId("markdown-preview").getByRole("heading", { name: "The four questions" })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);
  }
  await afterNavigation(contributor);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("status")).toContainText("Your draft has been saved");
  await expect(page.getByTestId("stage")).toHaveText("Draft");
  await afterNavigation(contributor);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("stage")).toHaveText("Waiting for review");
  await afterNavigation(contributor);

  // The curator finds it in the queue (filtered) and requests changes.
  await curator.visit("/curation/queue?sector=primary-care&kind=toolkit");
  await curator.page.getByRole("link", { name: title }).click();
  await expect(curator.page.getByRole("heading", { level: 1 })).toHaveText(title);
  await afterNavigation(curator);
  await curator.page.getByRole("button", { name: "Request changes" }).click();
  await expect(curator.page.locator(".nhsuk-error-summary")).toContainText("Write what needs to change");
  await afterNavigation(curator);
  await curator.page.getByLabel("Feedback for the contributor").fill("Please add the third and fourth questions.");
  await curator.page.getByRole("button", { name: "Request changes" }).click();
  await expect(curator.page).toHaveURL(/\/curation\/queue$/);
  await afterNavigation(curator);

  // The contributor sees the feedback, edits and resubmits.
  await visit("/contribute");
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("Please add the third and fourth questions.");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("feedback")).toContainText("Please add the third and fourth questions.");
  await afterNavigation(contributor);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit: ${title}`);
  await afterNavigation(contributor);
  await page.getByLabel("Content", { exact: true }).fill("## The four questions\n\n1. What did we expect?\n2. What happened?\n3. Why was it different?\n4. What will we change?");
  await page.getByLabel("What you changed (optional)").fill("Added questions 3 and 4");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as version 2");
  await afterNavigation(contributor);
  await page.getByRole("link", { name: "See history and compare versions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Versions");
  await afterNavigation(contributor);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("line-changes")).toContainText("Why was it different?");
  await afterNavigation(contributor);
  await page.getByRole("link", { name: "Back to the resource" }).click();
  await expect(page.getByTestId("stage")).toHaveText("Changes requested");
  await afterNavigation(contributor);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("stage")).toHaveText("Waiting for review");
  await afterNavigation(contributor);

  // The curator publishes; the toolkit is in search for everyone.
  await curator.visit("/curation/queue");
  await curator.page.getByRole("link", { name: title }).click();
  await afterNavigation(curator);
  await curator.page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(curator.page).toHaveURL(/\/curation\/queue$/);
  await expect(curator.page.getByRole("status")).toContainText("is now: published");
  await afterNavigation(curator);

  await visit(`/resources?q=${word}`);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { name: "The four questions" })).toBeVisible();
  await afterNavigation(contributor);
  await curatorContext.close();
});
