// The analysis tools of an investigation, JavaScript on and off: a
// visitor reads the example's SEIPS scan and its factors and actions (the
// diagram and its tables, a warning about a missing measure, how strength
// is suggested); a member goes from a timeline to a scan, a contributory
// factor and safety actions, is refused (and keeps what was typed) when a
// finding is empty or a strength is overridden without a reason, sees the
// plan's warnings follow the actions, changes an action, and is told
// which actions lose their link before deleting a factor; and a member
// builds a safety action with the keyboard alone. Every page passes axe.
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support";
import {
  afterNavigation,
  linkFromOutbox,
  PASSWORD,
  registerAndSignIn,
  type Steps,
  uniqueEmail,
  uniqueWord,
} from "./helpers";

const toolNav = (page: Page) => page.getByRole("navigation", { name: "Tools for this investigation" });

/** The tool navigation marks `current` as the page shown, and no other. */
async function expectCurrentTool(page: Page, current: string) {
  const nav = toolNav(page);
  for (const tool of ["Timeline", "SEIPS scan", "Factors and actions", "Report"]) {
    const link = nav.getByRole("link", { name: tool, exact: true });
    if (tool === current) await expect(link).toHaveAttribute("aria-current", "page");
    else await expect(link).not.toHaveAttribute("aria-current");
  }
}

test("a visitor reads the example's scan and its factors and actions", async ({ page, visit, hydrated, checkAccessibility }) => {
  const steps: Steps = { page, visit, hydrated, checkAccessibility };

  await visit("/workspaces/example?tool=scan");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SEIPS work-system scan");
  await expect(page.getByText("Urgent referral not sent (fictional example)", { exact: true }).first()).toBeVisible();
  await expectCurrentTool(page, "SEIPS scan");
  await expect(page.getByRole("img", { name: /^Diagram of the six work-system elements with 10 findings/ })).toBeVisible();

  const byElement = page.getByRole("table", { name: "Findings by work-system element" });
  await expect(byElement.getByRole("row", { name: /^People/ })).toContainText(/People\s*1\s*2/);
  await expect(byElement.getByRole("row", { name: /^Tools and technology/ })).toContainText(/Tools and technology\s*2\s*0/);
  await expect(byElement.getByRole("row", { name: /^External environment/ })).toContainText(/External environment\s*0\s*1/);
  const interactions = page.getByRole("table", { name: "Interactions between elements" });
  await expect(interactions.getByRole("row").filter({ hasText: "People and Tools and technology" })).toContainText("1, 3, 5, 6");

  const findings = page.getByRole("region", { name: "Findings by element" });
  await expect(findings.locator("tbody tr")).toHaveCount(10);
  await expect(findings.locator("tbody tr").first()).toContainText("Locum GPs had not been given access to the referral template");
  await expect(findings.locator("tbody tr").first()).toContainText("Entries 1, 2");
  // Read-only: nothing to change and no form to add to it.
  await expect(page.getByRole("link", { name: /^Change finding/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add finding" })).toHaveCount(0);
  await expect(page.getByText(/^Sign in\s*to copy it into your own investigations\.$/)).toBeVisible();

  // On to the plan by the tools' navigation.
  await toolNav(page).getByRole("link", { name: "Factors and actions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contributory factors and safety actions");
  await expect(page).toHaveURL(/\/workspaces\/example\?tool=plan$/);
  await afterNavigation(steps);
  await expectCurrentTool(page, "Factors and actions");

  await expect(page.getByRole("heading", { name: /Check the plan: 1 warning$/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "does not say how success will be measured" })).toHaveText(
    /^Action 6, “Add the referral workflow .*…”, does not say how success will be measured$/,
  );
  const factors = page.getByRole("region", { name: "Contributory factors" });
  await expect(factors.locator("tbody tr")).toHaveCount(5);
  const actions = page.getByRole("region", { name: "Safety actions" });
  await expect(actions.locator("tbody tr")).toHaveCount(7);
  await expect(actions.locator("tbody tr").nth(0)).toContainText("Stronger (as suggested)");
  await expect(actions.locator("tbody tr").nth(3)).toContainText("Intermediate (suggested: weaker). Although it is written down as a policy");
  await expect(actions.locator("tbody tr").nth(5)).toContainText("Not given");
  await expect(page.getByText("7 actions: 2 stronger, 3 intermediate, 2 weaker.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Change (factor|action)/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add action" })).toHaveCount(0);

  // How the strength is suggested: closed until asked for.
  const strengths = page.getByRole("heading", { name: "Intermediate", level: 3 });
  await expect(strengths).toBeHidden();
  await page.getByText("How the strength is suggested").click();
  await expect(page.getByRole("heading", { name: "Stronger", level: 3 })).toBeVisible();
  await expect(strengths).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^Forcing function$/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^Training alone$/ })).toBeVisible();
  await checkAccessibility();

  // And back to the timeline.
  await toolNav(page).getByRole("link", { name: "Timeline" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Urgent referral not sent (fictional example)");
  await afterNavigation(steps);
  await expectCurrentTool(page, "Timeline");
});

test("a member goes from a timeline to a scan, factors and safety actions, and changes and deletes them", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(180_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };

  await registerAndSignIn(steps, uniqueEmail("analyst", testInfo.project.name), `Ash ${uniqueWord()}`);
  await visit("/workspaces");
  const title = `Unsent referral ${uniqueWord()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Learning response").selectOption({ label: "After Action Review" });
  await page.getByRole("button", { name: "Start investigation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("status")).toContainText(`Investigation “${title}” started`);
  await afterNavigation(steps);
  await expectCurrentTool(page, "Timeline");

  for (const [time, what] of [
    ["09:40", "Request for an urgent referral sent as a task"],
    ["16:10", "Task marked complete with the letter unsent"],
  ]) {
    await page.getByLabel("Date", { exact: true }).fill("2026-03-14");
    await page.getByLabel("Time", { exact: true }).fill(time);
    await page.getByLabel("What happened").fill(what);
    await page.getByLabel("Source of the information").selectOption({ label: "Device or system log" });
    await page.getByRole("button", { name: "Add to timeline" }).click();
    await expect(page.getByRole("status")).toContainText("Entry added to the timeline");
    await afterNavigation(steps);
  }
  await expect(page.getByRole("table", { name: "Timeline entries in time order" }).locator("tbody tr")).toHaveCount(2);

  // The scan, empty.
  await toolNav(page).getByRole("link", { name: "SEIPS scan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SEIPS work-system scan");
  await afterNavigation(steps);
  await expectCurrentTool(page, "SEIPS scan");
  await expect(page.getByRole("img", { name: /^Diagram of the six work-system elements with 0 findings/ })).toBeVisible();
  await expect(page.getByText("No findings yet.")).toBeVisible();
  await expect(page.getByText("No finding shows two elements interacting yet.")).toBeVisible();

  // A finding with no words and no evidence is refused; what was chosen is kept.
  const findingText = page.getByRole("textbox", { name: "Finding", exact: true });
  const kind = page.getByRole("group", { name: "Barrier or facilitator?" });
  const evidence = page.getByRole("group", { name: "Evidence from the timeline" });
  const interactsWith = page.getByRole("group", { name: "Interacts with (optional)" });
  await page.getByLabel("Work-system element", { exact: true }).selectOption({ label: "Tasks" });
  await kind.getByRole("radio", { name: "Barrier" }).check();
  await interactsWith.getByRole("checkbox", { name: "Organisation" }).check();
  await page.getByRole("button", { name: "Add finding" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the finding");
  await expect(page.getByRole("alert")).toContainText("Choose the timeline entries this finding rests on, or say where else it comes from");
  await expect(page.getByRole("alert")).not.toContainText("Select the work-system element");
  await expect(page).toHaveTitle(/^Error: SEIPS scan: /);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SEIPS work-system scan");
  await afterNavigation(steps);
  await expect(page.getByLabel("Work-system element", { exact: true })).toHaveValue("tasks");
  await expect(kind.getByRole("radio", { name: "Barrier" })).toBeChecked();
  await expect(interactsWith.getByRole("checkbox", { name: "Organisation" })).toBeChecked();
  await expect(evidence.getByRole("checkbox")).toHaveCount(2);

  const finding = "The task list gave an urgent referral no due date and did not sort by urgency.";
  await findingText.fill(finding);
  await evidence.getByRole("checkbox", { name: /^1: 14 Mar 2026, 09:40, Request for an urgent referral/ }).check();
  await page.getByLabel("Other evidence (optional)").fill("Walk-through of the task list");
  await page.getByRole("button", { name: "Add finding" }).click();
  await expect(page.getByRole("status")).toContainText("Finding added");
  await expect(page).toHaveURL(/\?tool=scan#finding-list$/);
  await afterNavigation(steps);
  await expect(page.getByRole("img", { name: /^Diagram of the six work-system elements with 1 finding / })).toBeVisible();
  const byElement = page.getByRole("table", { name: "Findings by work-system element" });
  await expect(byElement.getByRole("row", { name: /^Tasks/ })).toContainText(/Tasks\s*1\s*0/);
  await expect(byElement.getByRole("row", { name: /^Organisation/ })).toContainText(/Organisation\s*0\s*0/);
  await expect(page.getByRole("table", { name: "Interactions between elements" }).getByRole("row").filter({ hasText: "Tasks and Organisation" })).toContainText(/Tasks and Organisation\s*1/);
  const findingRows = page.getByRole("region", { name: "Findings by element" }).locator("tbody tr");
  await expect(findingRows).toHaveCount(1);
  await expect(findingRows.first()).toContainText(finding);
  await expect(findingRows.first()).toContainText("Barrier");
  await expect(findingRows.first()).toContainText("Entry 1; Walk-through of the task list");
  await expect(findingRows.first()).toContainText("Organisation");
  await expect(page.getByRole("link", { name: "Change finding 1" })).toBeVisible();

  // The plan: a factor drawn from the finding takes its element.
  await toolNav(page).getByRole("link", { name: "Factors and actions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contributory factors and safety actions");
  await afterNavigation(steps);
  await expectCurrentTool(page, "Factors and actions");
  await expect(page.getByText("No contributory factors yet: add them from the scan's findings")).toBeVisible();
  await expect(page.getByText("Add a contributory factor first: every safety action addresses at least one.")).toBeVisible();

  const factorText = "No one held a referral through to its sending.";
  await page.getByRole("textbox", { name: "Contributory factor", exact: true }).fill(factorText);
  await page
    .getByRole("group", { name: "Drawn from these findings (optional)" })
    .getByRole("checkbox", { name: /^1: Tasks barrier: The task list gave/ })
    .check();
  await page.getByRole("button", { name: "Add factor" }).click();
  await expect(page.getByRole("status")).toContainText("Contributory factor added");
  await expect(page).toHaveURL(/\?tool=plan#factor-list$/);
  await afterNavigation(steps);
  const factorRows = page.getByRole("region", { name: "Contributory factors" }).locator("tbody tr");
  await expect(factorRows).toHaveCount(1);
  await expect(factorRows.first()).toContainText(factorText);
  await expect(factorRows.first()).toContainText(/Tasks\s*1\s*None yet/);
  await expect(page.getByRole("heading", { name: /Check the plan: 1 warning$/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "has no safety action addressing it" })).toHaveText(
    `Factor 1, “${factorText}”, has no safety action addressing it`,
  );

  // A weaker kind of change made intermediate without a reason is refused,
  // keeping everything typed; with a reason it is added.
  const describe = page.getByRole("textbox", { name: "Safety action", exact: true });
  const addresses = page.getByRole("group", { name: "Contributory factors it addresses" });
  const strength = page.getByRole("group", { name: "Strength", exact: true });
  const reason = page.getByRole("textbox", { name: "Why it differs from the suggestion (if it does)" });
  const owner = page.getByRole("textbox", { name: "Owner", exact: true });
  const due = page.getByRole("textbox", { name: "Due date", exact: true });
  const measure = page.getByRole("textbox", { name: "How success will be measured" });
  const kindOfChange = page.getByRole("combobox", { name: "Kind of change" });
  await expect(strength.getByRole("radio", { name: "As suggested by the kind of change" })).toBeChecked();

  // Each factor's box is named by its label, which must point at it alone.
  await expect(addresses.getByRole("checkbox", { name: `1: ${factorText}` }), "the factor's checkbox is named by its label").toBeVisible();
  const first = "Keep two secretaries on duty, with cover for leave.";
  await describe.fill(first);
  await addresses.getByRole("checkbox", { name: `1: ${factorText}` }).check();
  await kindOfChange.selectOption({ label: "New procedure, memo or policy (weaker)" });
  await strength.getByRole("radio", { name: "Intermediate" }).check();
  await owner.fill("Deputy practice manager");
  await due.fill("2026-04-30");
  await measure.fill("Days with fewer than two secretaries on duty, from the rota each month.");
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Agreed" });
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("alert")).toContainText("A new procedure is usually a weaker action: say why this one is intermediate");
  await expect(page).toHaveTitle(/^Error: Factors and actions: /);
  await afterNavigation(steps);
  await expect(page.locator("#strength_reason-error")).toContainText("say why this one is intermediate");
  await expect(describe).toHaveValue(first);
  await expect(addresses.getByRole("checkbox", { name: `1: ${factorText}` })).toBeChecked();
  await expect(kindOfChange).toHaveValue("new-procedure");
  await expect(strength.getByRole("radio", { name: "Intermediate" })).toBeChecked();
  await expect(owner).toHaveValue("Deputy practice manager");
  await expect(due).toHaveValue("2026-04-30");
  await expect(measure).toHaveValue("Days with fewer than two secretaries on duty, from the rota each month.");
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("agreed");

  await reason.fill("It sets staffing levels rather than asking people to work differently.");
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("status")).toContainText("Safety action added");
  await expect(page).toHaveURL(/\?tool=plan#action-list$/);
  await afterNavigation(steps);
  const actionRows = page.getByRole("region", { name: "Safety actions" }).locator("tbody tr");
  await expect(actionRows).toHaveCount(1);
  await expect(actionRows.first()).toContainText(first);
  await expect(actionRows.first()).toContainText("Intermediate (suggested: weaker). It sets staffing levels");
  await expect(actionRows.first()).toContainText("30 Apr 2026");
  await expect(actionRows.first()).toContainText("Agreed");
  await expect(factorRows.first()).toContainText(/Tasks\s*1\s*1/);
  await expect(page.getByText("No warnings: every factor has an action, and every action an owner, a due date and a measure.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Check the plan/ })).toHaveCount(0);

  // An action as suggested, without a measure: the warning names it.
  const second = "Show reception whether each referral has been sent.";
  await describe.fill(second);
  await addresses.getByRole("checkbox", { name: `1: ${factorText}` }).check();
  await kindOfChange.selectOption({ label: "Better documentation or communication tools (intermediate)" });
  await owner.fill("Reception team lead");
  await due.fill("2026-07-31");
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("status")).toContainText("Safety action added");
  await afterNavigation(steps);
  await expect(actionRows).toHaveCount(2);
  await expect(actionRows.nth(1)).toContainText("Intermediate (as suggested)");
  await expect(actionRows.nth(1)).toContainText("Not given");
  await expect(page.getByRole("heading", { name: /Check the plan: 1 warning$/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "does not say how success will be measured" })).toHaveText(
    `Action 2, “${second}”, does not say how success will be measured`,
  );
  await expect(page.getByText("2 actions: 0 stronger, 2 intermediate, 0 weaker.")).toBeVisible();

  // Changing it: the measure given, the warning goes.
  await page.getByRole("link", { name: "Change action 2" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change action 2");
  await afterNavigation(steps);
  await expect(describe).toHaveValue(second);
  await expect(kindOfChange).toHaveValue("documentation-or-communication-tools");
  await expect(measure).toHaveValue("");
  await measure.fill("Calls chasing a referral that reach the duty doctor the same day, checked monthly.");
  await page.getByRole("button", { name: "Save action" }).click();
  await expect(page.getByRole("status")).toContainText("Safety action saved");
  await expect(page).toHaveURL(/\?tool=plan#action-list$/);
  await afterNavigation(steps);
  await expect(actionRows.nth(1)).toContainText("Calls chasing a referral");
  await expect(page.getByText("No warnings: every factor has an action, and every action an owner, a due date and a measure.")).toBeVisible();

  // Deleting the factor asks first, naming the actions that address it.
  await page.getByRole("link", { name: "Change factor 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change factor 1");
  await afterNavigation(steps);
  await page.getByRole("link", { name: "Delete this factor" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delete factor 1?");
  await afterNavigation(steps);
  await expect(page.getByText("Actions 1, 2 address it and will lose that link.")).toBeVisible();
  await expect(page.getByText("Actions 1, 2 will then address no factor: give it another, or delete it.")).toBeVisible();
  await page.getByRole("button", { name: "Delete factor" }).click();
  await expect(page.getByRole("status")).toContainText("Contributory factor deleted");
  await afterNavigation(steps);
  await expect(page.getByText("No contributory factors yet.")).toBeVisible();
  await expect(actionRows).toHaveCount(2);
  await expect(page.getByRole("heading", { name: /Check the plan: 2 warnings$/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `Action 1, “${first}”, addresses no contributory factor` })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `Action 2, “${second}”, addresses no contributory factor` })).toBeVisible();
});

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target} not reached in ${limit} presses of Tab`);
}

/** Presses `key` until the focused select has `value` (at most `limit` times). */
async function pressUntilValue(page: Page, select: Locator, key: string, value: string, limit = 30) {
  for (let presses = 0; presses < limit; presses++) {
    if ((await select.inputValue()) === value) return;
    await page.keyboard.press(key);
  }
  await expect(select).toHaveValue(value);
}

test("a member builds a safety action with the keyboard alone", async ({ page, visit, hydrated, checkAccessibility, javaScriptEnabled }, testInfo) => {
  test.skip(!javaScriptEnabled, "keyboard use is checked once, with the client running");
  test.setTimeout(120_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };

  // A member with an investigation and one factor, every button pressed
  // with Enter and every box ticked with Space.
  const email = uniqueEmail("keyboard", testInfo.project.name);
  await visit("/register");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Your name").fill(`Kit ${uniqueWord()}`);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).press("Enter");
  await expect(page).toHaveURL(/\/register\/check-email$/);
  await afterNavigation(steps);
  await visit(await linkFromOutbox(email, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my email address" }).press("Enter");
  await expect(page).toHaveURL(/\/sign-in$/);
  await afterNavigation(steps);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).press("Enter");
  await expect(page).toHaveURL(/\/account$/);
  await afterNavigation(steps);

  await visit("/workspaces");
  const title = `Keyboard review ${uniqueWord()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Learning response").selectOption({ label: "After Action Review" });
  await page.getByRole("button", { name: "Start investigation" }).press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await afterNavigation(steps);
  const id = page.url().match(/\/workspaces\/(\d+)/)?.[1];
  expect(id).toBeTruthy();

  await visit(`/workspaces/${id}?tool=plan`);
  const factorText = "Referral letters waited for a quiet hour that never came.";
  await page.getByRole("textbox", { name: "Contributory factor", exact: true }).fill(factorText);
  await page.getByRole("group", { name: "Work-system elements" }).getByRole("checkbox", { name: "Organisation" }).press("Space");
  await page.getByRole("button", { name: "Add factor" }).press("Enter");
  await expect(page.getByRole("status")).toContainText("Contributory factor added");
  await afterNavigation(steps);

  // From the top of the plan: Tab to the strength table and open it with
  // Enter, then on into the builder.
  await visit(`/workspaces/${id}?tool=plan`);
  const summary = page.locator("summary", { hasText: "How the strength is suggested" });
  await tabTo(page, summary);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Stronger", level: 3 })).toBeVisible();

  const description = "Add a daily report of urgent referrals not sent within a working day.";
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Safety action", exact: true })).toBeFocused();
  await page.keyboard.type(description);

  await page.keyboard.press("Tab");
  const factor = page.getByRole("group", { name: "Contributory factors it addresses" }).getByRole("checkbox", { name: `1: ${factorText}` });
  await expect(factor, "the factor's checkbox, named by its label, has focus").toBeFocused();
  await page.keyboard.press("Space");
  await expect(factor).toBeChecked();

  await page.keyboard.press("Tab");
  const kindOfChange = page.getByRole("combobox", { name: "Kind of change" });
  await expect(kindOfChange).toBeFocused();
  await pressUntilValue(page, kindOfChange, "ArrowDown", "checklist-or-cognitive-aid");

  // The strength: the suggestion is chosen already; the arrow keys choose
  // another, which then needs a reason.
  await page.keyboard.press("Tab");
  const strength = page.getByRole("group", { name: "Strength", exact: true });
  await expect(strength.getByRole("radio", { name: "As suggested by the kind of change" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(strength.getByRole("radio", { name: "Stronger" })).toBeFocused();
  await expect(strength.getByRole("radio", { name: "Stronger" })).toBeChecked();

  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Why it differs from the suggestion (if it does)" })).toBeFocused();
  await page.keyboard.type("The report is built into the system and runs every morning without anyone remembering.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Owner", exact: true })).toBeFocused();
  await page.keyboard.type("Lead medical secretary");
  await page.keyboard.press("Tab");
  const due = page.getByRole("textbox", { name: "Due date", exact: true });
  await expect(due).toBeFocused();
  // The same day as month: typed in the order of either the UK or the US.
  await page.keyboard.type("06062026");
  await expect(due).toHaveValue("2026-06-06");
  await tabTo(page, page.getByRole("textbox", { name: "How success will be measured" }), 4);
  await page.keyboard.type("The report worked through on 95% of working days.");
  await page.keyboard.press("Tab");
  const status = page.getByRole("combobox", { name: "Status" });
  await expect(status).toBeFocused();
  await pressUntilValue(page, status, "ArrowDown", "in-progress");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add action" })).toBeFocused();
  await page.keyboard.press("Enter");

  // Added; the page opens at the list of actions, and the keyboard
  // carries on from there.
  await expect(page.getByRole("status")).toContainText("Safety action added");
  await expect(page).toHaveURL(/\?tool=plan#action-list$/);
  await afterNavigation(steps);
  const rows = page.getByRole("region", { name: "Safety actions" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(description);
  await expect(rows.first()).toContainText("Checklist or other cognitive aid");
  await expect(rows.first()).toContainText("Stronger (suggested: intermediate). The report is built into the system");
  await expect(rows.first()).toContainText("6 Jun 2026");
  await expect(rows.first()).toContainText("In progress");
  await expect(page.getByRole("heading", { name: "Safety actions", level: 2 })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("region", { name: "Safety actions" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Change action 1" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change action 1");
  await afterNavigation(steps);
});

test("a visitor reads the example's report draft and downloads it", async ({ page, visit, checkAccessibility }) => {
  await visit("/workspaces/example?tool=report");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report draft");
  await expectCurrentTool(page, "Report");
  for (const section of ["About this learning response", "Chronology", "Findings by work-system element", "Contributory factors", "Safety actions", "Points to check"]) {
    await expect(page.getByRole("heading", { name: section, level: 3 })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Timeline entries in time order" })).toBeVisible();
  await checkAccessibility();

  // The same draft as Markdown, and the whole investigation as JSON.
  const markdown = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the draft as Markdown/ }).click();
  const report = await markdown;
  expect(report.suggestedFilename()).toBe("example-investigation-report.md");
  const text = await (await report.createReadStream()).toArray();
  expect(Buffer.concat(text).toString("utf8")).toContain("# Urgent referral not sent (fictional example)\n");
  const json = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the whole investigation as a JSON file" }).click();
  const file = await json;
  expect(file.suggestedFilename()).toBe("example-investigation-workspace.json");
  const parsed = JSON.parse(Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8"));
  expect(parsed.format).toBe("investigation-resources-hub/workspace");
  expect(parsed.version).toBe(1);
  expect(parsed.findings).toHaveLength(10);
  expect(parsed.actions).toHaveLength(7);
});
