// Sharing an investigation with a team, in two browsers, JavaScript on
// and off: an owner shares with a connection as a reader, who finds it
// under "Shared with you", reads every tool's page with nothing to change
// on them, downloads its report and copies it; made an editor, they add a
// timeline entry the owner then sees, but cannot delete or share it; when
// the owner stops sharing, it is not found. The sharing page refuses a
// share with nothing chosen (and keeps what was chosen), shares by
// keyboard alone, and a member leaves an investigation shared with them.
// Every page passes axe.
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support";
import { afterNavigation, memberWithProfile, stepsFor, type Steps, uniqueEmail, uniqueWord } from "./helpers";

// Each test registers two members. The rest of the suite already comes
// close to the hub's 20 registrations an hour per address from each
// project's address, so this spec's browsers come from an office of their
// own (one per project, as the config's are).
test.use({
  extraHTTPHeaders: async ({ javaScriptEnabled }, use) => {
    await use({ "X-Forwarded-For": javaScriptEnabled ? "192.0.2.11" : "192.0.2.21" });
  },
});

const READER = "Reader: can read it, print it and download it, but not change it";
const EDITOR = "Editor: can change everything in it, but cannot delete it or share it";

/** `asker` asks to connect with the member whose profile is at `profile`, and `answerer` (that member) accepts. */
async function connect(asker: Steps, answerer: Steps, profile: string) {
  await asker.visit(profile);
  await asker.page.getByRole("button", { name: "Send request" }).click();
  await expect(asker.page.getByRole("heading", { name: "Request sent" })).toBeVisible();
  await afterNavigation(asker);
  await answerer.visit("/network/connections");
  await answerer.page.getByRole("button", { name: "Accept" }).click();
  await expect(answerer.page.getByRole("status")).toContainText("You are now connected");
  await afterNavigation(answerer);
}

/** Starts an investigation called `title`; returns its id. */
async function startInvestigation(steps: Steps, title: string): Promise<string> {
  const { page, visit } = steps;
  await visit("/workspaces");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Learning response").selectOption({ label: "After Action Review" });
  await page.getByRole("button", { name: "Start investigation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("status")).toContainText(`Investigation “${title}” started`);
  await afterNavigation(steps);
  return workspaceId(page);
}

function workspaceId(page: Page): string {
  const id = page.url().match(/\/workspaces\/(\d+)/)?.[1];
  expect(id, page.url()).toBeTruthy();
  return id!;
}

/** From an investigation's page, by its link, to its sharing page. */
async function openSharing(steps: Steps, title: string) {
  const { page } = steps;
  await page.getByRole("link", { name: "Share with your team" }).click();
  await expect(page).toHaveURL(/\/workspaces\/\d+\?edit=sharing$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share with your team");
  await expect(page).toHaveTitle(new RegExp(`^Share: ${title} – `));
  await afterNavigation(steps);
}

/** Shares the investigation whose sharing page is open with `name` as `role`, with the mouse. */
async function share(steps: Steps, name: string, role: "reader" | "editor") {
  const { page } = steps;
  await page.getByRole("combobox", { name: "Who" }).selectOption({ label: name });
  await page
    .getByRole("group", { name: "What they can do" })
    .getByRole("radio", { name: role === "reader" ? READER : EDITOR })
    .check();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`Shared with ${name} as ${role}`);
  await expect(page).toHaveURL(/\?edit=sharing$/);
  await afterNavigation(steps);
}

const sharedPanel = (page: Page) => page.locator("#sharing");

/** The page at `path` is not found (404) for this member. */
async function expectNotFound(steps: Steps, path: string) {
  const response = await steps.page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(steps.page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await afterNavigation(steps);
}

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target} not reached in ${limit} presses of Tab`);
}

test("an owner shares with a reader, makes them an editor whose entry they see, and stops sharing", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(300_000);
  const owner: Steps = { page, visit, hydrated, checkAccessibility };
  const memberContext = await browser.newContext({ javaScriptEnabled });
  const member = stepsFor(await memberContext.newPage(), javaScriptEnabled);
  const ownerName = `Olu ${uniqueWord()}`;
  const memberName = `Rae ${uniqueWord()}`;

  const memberProfile = await memberWithProfile(member, uniqueEmail("sharee", testInfo.project.name), memberName);
  await memberWithProfile(owner, uniqueEmail("sharer", testInfo.project.name), ownerName);
  await connect(owner, member, memberProfile);

  // The owner's investigation: the example, copied and renamed.
  await visit("/workspaces/example");
  await page.getByRole("button", { name: "Copy into your investigations" }).click();
  await expect(page.getByRole("status")).toContainText("it is yours to change");
  await afterNavigation(owner);
  const id = workspaceId(page);
  const title = `Referral review ${uniqueWord()}`;
  await page.getByRole("link", { name: "Change the details" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change the details");
  await afterNavigation(owner);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status")).toContainText("Details saved");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await afterNavigation(owner);
  await expect(sharedPanel(page)).toHaveCount(0);

  // Shared with the connection, as a reader.
  await openSharing(owner, title);
  await expect(page.getByRole("heading", { name: "Not shared with anyone yet" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Who" }).getByRole("option")).toHaveText(["Choose one of your connections", memberName]);
  await share(owner, memberName, "reader");
  await expect(page.getByRole("heading", { name: "Shared with 1 member" })).toBeVisible();
  const shares = page.getByRole("table", { name: "Members it is shared with" });
  const memberRow = shares.getByRole("row").filter({ hasText: memberName });
  await expect(memberRow.getByRole("cell")).toHaveText([memberName, "Reader", /^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC$/, /Make editor/]);
  await expect(memberRow.getByRole("link", { name: memberName })).toHaveAttribute("href", memberProfile);
  await expect(memberRow.getByRole("button", { name: `Make editor (${memberName})`, exact: true })).toBeVisible();
  await expect(memberRow.getByRole("button", { name: `Stop sharing (${memberName})`, exact: true })).toBeVisible();
  // Their only connection has it now: no form, and a way to find more.
  await expect(page.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Find colleagues in the network" })).toHaveAttribute("href", "/network");

  // The reader finds it under "Shared with you", and reads each tool's
  // page with nothing on it to change.
  await member.visit("/workspaces");
  await expect(member.page.getByRole("heading", { name: "Shared with you", level: 2 })).toBeVisible();
  const sharedWithYou = member.page.getByRole("table", { name: "Investigations shared with you, the latest changed first" });
  await expect(sharedWithYou.getByRole("columnheader")).toHaveText(["Investigation", "Shared by", "Your role", "Timeline", "Last changed"]);
  const sharedRow = sharedWithYou.getByRole("row").filter({ hasText: title });
  await expect(sharedRow.getByRole("cell")).toHaveText([title, ownerName, "Reader", "10 entries", /\d{4}/]);
  await sharedRow.getByRole("link", { name: title }).click();
  await expect(member.page).toHaveURL(new RegExp(`/workspaces/${id}$`));
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(title);
  await afterNavigation(member);
  const readerSays = `Shared with you by ${ownerName} as a reader: you can read it, print it and download it, but not change it.`;
  await expect(sharedPanel(member.page)).toContainText(readerSays);
  await expect(sharedPanel(member.page).getByRole("button", { name: "Copy into your investigations" })).toBeVisible();
  await expect(sharedPanel(member.page).getByRole("link", { name: "Leave this investigation" })).toBeVisible();
  await expect(member.page.getByRole("table", { name: "Timeline entries in time order" }).locator("tbody tr")).toHaveCount(10);
  await expect(member.page.getByRole("button", { name: "Add to timeline" })).toHaveCount(0);
  await expect(member.page.getByRole("link", { name: /^Change / })).toHaveCount(0);
  await expect(member.page.getByRole("link", { name: "Share with your team" })).toHaveCount(0);

  const tools = member.page.getByRole("navigation", { name: "Tools for this investigation" });
  await tools.getByRole("link", { name: "SEIPS scan" }).click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText("SEIPS work-system scan");
  await afterNavigation(member);
  await expect(sharedPanel(member.page)).toContainText(readerSays);
  await expect(member.page.getByRole("region", { name: "Findings by element" }).locator("tbody tr")).toHaveCount(10);
  await expect(member.page.getByRole("button", { name: "Add finding" })).toHaveCount(0);
  await expect(member.page.getByRole("link", { name: /^Change / })).toHaveCount(0);

  await tools.getByRole("link", { name: "Factors and actions" }).click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText("Contributory factors and safety actions");
  await afterNavigation(member);
  await expect(sharedPanel(member.page)).toContainText(readerSays);
  await expect(member.page.getByRole("region", { name: "Safety actions" }).locator("tbody tr")).toHaveCount(7);
  await expect(member.page.getByRole("button", { name: "Add factor" })).toHaveCount(0);
  await expect(member.page.getByRole("button", { name: "Add action" })).toHaveCount(0);
  await expect(member.page.getByRole("link", { name: /^Change / })).toHaveCount(0);

  await tools.getByRole("link", { name: "Report" }).click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText("Report draft");
  await afterNavigation(member);
  await expect(sharedPanel(member.page)).toContainText(readerSays);
  const download = member.page.waitForEvent("download");
  await member.page.getByRole("link", { name: /Download the draft as Markdown/ }).click();
  const report = await download;
  expect(report.suggestedFilename()).toBe(`investigation-${id}-report.md`);
  expect(Buffer.concat(await (await report.createReadStream()).toArray()).toString("utf8")).toContain(`# ${title}\n`);

  // What only the owner (or an editor) may open is not found for a reader.
  await expectNotFound(member, `/workspaces/${id}?edit=sharing`);
  await expectNotFound(member, `/workspaces/${id}?edit=details`);
  await expectNotFound(member, `/workspaces/${id}?entry=1`);

  // The reader copies it into their own investigations, to change.
  await member.visit(`/workspaces/${id}`);
  await sharedPanel(member.page).getByRole("button", { name: "Copy into your investigations" }).click();
  await expect(member.page.getByRole("status")).toContainText(`Copied “${title}” into your investigations: it is yours to change`);
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(title);
  await afterNavigation(member);
  const copy = workspaceId(member.page);
  expect(copy).not.toBe(id);
  await expect(sharedPanel(member.page)).toHaveCount(0);
  await expect(member.page.getByRole("link", { name: "Share with your team" })).toBeVisible();
  await expect(member.page.getByRole("button", { name: "Add to timeline" })).toBeVisible();
  await expect(member.page.getByRole("table", { name: "Timeline entries in time order" }).locator("tbody tr")).toHaveCount(10);
  await member.visit("/workspaces");
  await expect(
    member.page.getByRole("table", { name: "Your investigations, the latest changed first" }).getByRole("link", { name: title }),
  ).toHaveAttribute("href", `/workspaces/${copy}`);
  await expect(sharedWithYou.getByRole("link", { name: title })).toHaveAttribute("href", `/workspaces/${id}`);

  // The owner makes them an editor.
  await visit(`/workspaces/${id}?edit=sharing`);
  await memberRow.getByRole("button", { name: `Make editor (${memberName})` }).click();
  await expect(page.getByRole("status")).toContainText(`Shared with ${memberName} as editor`);
  await afterNavigation(owner);
  await expect(memberRow.getByRole("cell").nth(1)).toHaveText("Editor");
  await expect(memberRow.getByRole("button", { name: `Make reader (${memberName})`, exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shared with 1 member" })).toBeVisible();

  // The editor adds an entry, and may change the details, but not delete
  // it or share it.
  await member.visit("/workspaces");
  await expect(sharedRow.getByRole("cell").nth(2)).toHaveText("Editor");
  await member.visit(`/workspaces/${id}`);
  await expect(sharedPanel(member.page)).toContainText(
    `Shared with you by ${ownerName} as an editor: you can change everything in it, but cannot delete it or share it.`,
  );
  await expect(member.page.getByRole("link", { name: "Share with your team" })).toHaveCount(0);
  const happened = `Practice manager checks the task list (${uniqueWord()})`;
  await member.page.getByLabel("Date", { exact: true }).fill("2026-03-15");
  await member.page.getByLabel("Time", { exact: true }).fill("08:30");
  await member.page.getByLabel("What happened").fill(happened);
  await member.page.getByLabel("Source of the information").selectOption({ label: "Interview" });
  await member.page.getByRole("button", { name: "Add to timeline" }).click();
  await expect(member.page.getByRole("status")).toContainText("Entry added to the timeline");
  await afterNavigation(member);
  await expect(member.page.getByRole("table", { name: "Timeline entries in time order" }).locator("tbody tr")).toHaveCount(11);
  await member.page.getByRole("link", { name: "Change the details" }).click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText("Change the details");
  await afterNavigation(member);
  await expect(member.page.getByLabel("Title")).toHaveValue(title);
  await expect(member.page.getByRole("link", { name: "Delete this investigation" })).toHaveCount(0);
  await expectNotFound(member, `/workspaces/${id}?edit=delete`);
  await expectNotFound(member, `/workspaces/${id}?edit=sharing`);

  // The owner sees the editor's entry.
  await visit(`/workspaces/${id}`);
  const ownerRows = page.getByRole("table", { name: "Timeline entries in time order" }).locator("tbody tr");
  await expect(ownerRows).toHaveCount(11);
  await expect(ownerRows.filter({ hasText: happened })).toHaveCount(1);
  await expect(ownerRows.filter({ hasText: happened })).toContainText("Interview");

  // The owner stops sharing: the investigation, and its files, are not
  // found for the member any more; their copy stays theirs.
  await openSharing(owner, title);
  await memberRow.getByRole("button", { name: `Stop sharing (${memberName})` }).click();
  await expect(page.getByRole("status")).toContainText(`Stopped sharing it with ${memberName}`);
  await afterNavigation(owner);
  await expect(page.getByRole("heading", { name: "Not shared with anyone yet" })).toBeVisible();
  await expect(shares).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Who" }).getByRole("option", { name: memberName })).toHaveCount(1);

  await expectNotFound(member, `/workspaces/${id}`);
  await expectNotFound(member, `/workspaces/${id}?tool=report`);
  expect((await member.page.request.get(`/workspaces/${id}/report.md`)).status()).toBe(404);
  await member.visit("/workspaces");
  await expect(member.page.getByRole("heading", { name: "Shared with you" })).toHaveCount(0);
  await expect(member.page.getByRole("link", { name: title })).toHaveAttribute("href", `/workspaces/${copy}`);
  await memberContext.close();
});

test("the sharing page refuses a share with nothing chosen, keeps what was chosen, and shares by keyboard alone", async ({ page: colleaguePage, visit: colleagueVisit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(180_000);
  const colleague: Steps = { page: colleaguePage, visit: colleagueVisit, hydrated, checkAccessibility };
  // The owner's browser is the second: a refused form is shown at the
  // address it was posted to (/workspaces/{id}) before the client
  // puts the page's own in the address bar, and the fixture, which tracks
  // the first browser's pages by address, would count the posted-to one
  // as a page never checked. The second browser's steps check each page
  // as it is shown, the refused ones too.
  const ownerContext = await browser.newContext({ javaScriptEnabled });
  const owner = stepsFor(await ownerContext.newPage(), javaScriptEnabled);
  const { page, visit } = owner;
  const colleagueName = `Kai ${uniqueWord()}`;

  await memberWithProfile(owner, uniqueEmail("sharer", testInfo.project.name), `Ola ${uniqueWord()}`);
  const title = `Delayed discharge ${uniqueWord()}`;
  const id = await startInvestigation(owner, title);

  // With no connections, the page says where to find some.
  await openSharing(owner, title);
  await expect(page.getByRole("heading", { name: "Not shared with anyone yet" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Who" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
  await expect(page.getByText("you have no connections it is not shared with yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Find colleagues in the network" })).toHaveAttribute("href", "/network");

  const colleagueProfile = await memberWithProfile(colleague, uniqueEmail("colleague", testInfo.project.name), colleagueName);
  const handle = colleagueProfile.split("/").pop()!;
  await connect(owner, colleague, colleagueProfile);

  // Nothing chosen: refused (422), with a summary and a message by each field.
  await visit(`/workspaces/${id}?edit=sharing`);
  const who = page.getByRole("combobox", { name: "Who" });
  const roles = page.getByRole("group", { name: "What they can do" });
  const posted = () =>
    page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith(`/workspaces/${id}`));
  let answer = posted();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  expect((await answer).status()).toBe(422);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share with your team");
  await expect(page).toHaveTitle(new RegExp(`^Error: Share: ${title} – `));
  await afterNavigation(owner);
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("heading")).toHaveText("There is a problem");
  await expect(summary.getByRole("link")).toHaveText(["Choose who to share it with", "Choose what they can do: edit it, or only read it"]);
  await expect(summary.getByRole("link", { name: "Choose who to share it with" })).toHaveAttribute("href", "#member");
  await expect(summary.getByRole("link", { name: /^Choose what they can do/ })).toHaveAttribute("href", "#role");
  await expect(page.locator("#member-error")).toHaveText("Error: Choose who to share it with");
  await expect(page.locator("#role-error")).toHaveText("Error: Choose what they can do: edit it, or only read it");
  await expect(who).toHaveAttribute("aria-describedby", "member-error");
  await expect(roles).toHaveAttribute("aria-describedby", "role-error");
  await expect(page.locator("#role")).toHaveAccessibleName(EDITOR);
  await expect(who).toHaveValue("");
  await expect(page.getByRole("heading", { name: "Not shared with anyone yet" })).toBeVisible();

  // Who chosen but not what they can do: only that is refused, and who is kept.
  await who.selectOption({ label: colleagueName });
  answer = posted();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  expect((await answer).status()).toBe(422);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share with your team");
  await afterNavigation(owner);
  await expect(summary.getByRole("link")).toHaveText(["Choose what they can do: edit it, or only read it"]);
  await expect(page.locator("#member-error")).toHaveCount(0);
  await expect(who).toHaveValue(handle);
  await expect(roles.getByRole("radio", { checked: true })).toHaveCount(0);

  // The page is still usable: choosing the role shares it.
  await roles.getByRole("radio", { name: READER }).check();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`Shared with ${colleagueName} as reader`);
  await expect(page).toHaveURL(new RegExp(`/workspaces/${id}\\?edit=sharing$`));
  await expect(page.getByRole("alert")).toHaveCount(0);
  await afterNavigation(owner);
  await expect(page.getByRole("heading", { name: "Shared with 1 member" })).toBeVisible();
  const row = page.getByRole("table", { name: "Members it is shared with" }).getByRole("row").filter({ hasText: colleagueName });
  await page.getByRole("button", { name: `Stop sharing (${colleagueName})` }).click();
  await expect(page.getByRole("status")).toContainText(`Stopped sharing it with ${colleagueName}`);
  await afterNavigation(owner);
  await expect(row).toHaveCount(0);

  // By keyboard alone: Tab to the member, an arrow key to choose them,
  // Tab to the first role and Space to choose it, Enter on "Share"; then
  // on to the buttons of the row it adds.
  await visit(`/workspaces/${id}?edit=sharing`);
  await tabTo(page, who);
  await page.keyboard.press("ArrowDown");
  await expect(who).toHaveValue(handle);
  await page.keyboard.press("Tab");
  const editor = roles.getByRole("radio", { name: EDITOR });
  await expect(editor).toBeFocused();
  await page.keyboard.press("Space");
  await expect(editor).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Share", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(`Shared with ${colleagueName} as editor`);
  await afterNavigation(owner);
  await expect(row.getByRole("cell").nth(1)).toHaveText("Editor");

  await tabTo(page, row.getByRole("button", { name: `Make reader (${colleagueName})` }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(`Shared with ${colleagueName} as reader`);
  await afterNavigation(owner);
  await expect(row.getByRole("cell").nth(1)).toHaveText("Reader");

  // The colleague reads it as a reader.
  await colleague.visit(`/workspaces/${id}`);
  await expect(sharedPanel(colleague.page).getByRole("paragraph").first()).toHaveText(/ as a reader: you can read it, print it and download it, but not change it\.$/);
  await expect(colleague.page.getByRole("button", { name: "Add to timeline" })).toHaveCount(0);

  await tabTo(page, row.getByRole("button", { name: `Stop sharing (${colleagueName})` }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("status")).toContainText(`Stopped sharing it with ${colleagueName}`);
  await afterNavigation(owner);
  await expect(page.getByRole("heading", { name: "Not shared with anyone yet" })).toBeVisible();
  await expectNotFound(colleague, `/workspaces/${id}`);
  await ownerContext.close();
});

test("a member leaves an investigation shared with them", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(180_000);
  const member: Steps = { page, visit, hydrated, checkAccessibility };
  const ownerContext = await browser.newContext({ javaScriptEnabled });
  const owner = stepsFor(await ownerContext.newPage(), javaScriptEnabled);
  const ownerName = `Ife ${uniqueWord()}`;
  const memberName = `Tam ${uniqueWord()}`;

  const memberProfile = await memberWithProfile(member, uniqueEmail("leaver", testInfo.project.name), memberName);
  await memberWithProfile(owner, uniqueEmail("sharer", testInfo.project.name), ownerName);
  await connect(owner, member, memberProfile);
  const title = `Missed scan follow-up ${uniqueWord()}`;
  const id = await startInvestigation(owner, title);
  // Its owner cannot leave their own investigation: there is nothing to leave.
  await expect(sharedPanel(owner.page)).toHaveCount(0);
  await expect(owner.page.getByRole("link", { name: "Leave this investigation" })).toHaveCount(0);
  await openSharing(owner, title);
  await share(owner, memberName, "editor");

  await visit("/workspaces");
  const sharedWithYou = page.getByRole("table", { name: "Investigations shared with you, the latest changed first" });
  await expect(sharedWithYou.getByRole("row").filter({ hasText: title }).getByRole("cell")).toHaveText([title, ownerName, "Editor", "0 entries", /\d{4}/]);
  await sharedWithYou.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await afterNavigation(member);
  await expect(sharedPanel(page)).toContainText(`Shared with you by ${ownerName} as an editor`);
  // Asked first: only the owner can share it again.
  await sharedPanel(page).getByRole("link", { name: "Leave this investigation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Leave “${title}”?`);
  await expect(page.getByText(`only ${ownerName} can share it with you again`)).toBeVisible();
  await afterNavigation(member);
  await page.getByRole("button", { name: "Leave investigation" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole("status")).toContainText(`You have left “${title}”: it is no longer shared with you`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your investigations");
  await afterNavigation(member);
  await expect(page.getByRole("heading", { name: "Shared with you" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await expectNotFound(member, `/workspaces/${id}`);

  // The owner's sharing page no longer lists them, and offers them again.
  await owner.visit(`/workspaces/${id}?edit=sharing`);
  await expect(owner.page.getByRole("heading", { name: "Not shared with anyone yet" })).toBeVisible();
  await expect(owner.page.getByRole("table", { name: "Members it is shared with" })).toHaveCount(0);
  await expect(owner.page.getByRole("combobox", { name: "Who" }).getByRole("option", { name: memberName })).toHaveCount(1);
  await ownerContext.close();
});
