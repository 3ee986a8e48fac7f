// The timeline kept in the browser (/workspaces/local), for anyone. With
// JavaScript: entries stay in time order, a bad one is refused beside its
// fields with what was typed kept, changes are announced and focus stays
// put; everything survives a reload; offline after the first load it keeps
// working, reloading included (the service worker); storage that refuses
// or holds a damaged copy is said, and the tool goes on in memory without
// overwriting it; a member saves it to their account, works on offline
// and sends the changes when back online, and chooses which to keep when
// both it and the account's copy changed. Without JavaScript the page
// says what works instead. Every page passes axe.
import { test, expect, pageErrors } from "./support";
import { afterNavigation, registerAndSignIn, type Steps, uniqueEmail, uniqueWord } from "./helpers";
import type { Page } from "@playwright/test";

// One test registers a member. The rest of the suite already comes close
// to the hub's 20 registrations an hour per address from each project's
// address, so this spec's browsers come from an office of their own.
test.use({
  extraHTTPHeaders: async ({ javaScriptEnabled }, use) => {
    await use({ "X-Forwarded-For": javaScriptEnabled ? "192.0.2.12" : "192.0.2.22" });
  },
});

const LOCAL = "/workspaces/local";

type Entry = { date: string; time: string; what: string; who?: string };

async function addEntry(page: Page, entry: Entry) {
  const form = page.locator("#local-entry");
  await form.getByLabel("Date", { exact: true }).fill(entry.date);
  await form.getByLabel("Time", { exact: true }).fill(entry.time);
  await form.getByLabel("What happened").fill(entry.what);
  if (entry.who) await form.getByLabel("Who (optional)").fill(entry.who);
  await form.getByLabel("Source of the information").selectOption("clinical-record");
  await page.getByRole("button", { name: "Add the entry" }).click();
}

const rows = (page: Page) => page.locator("#local-entries tr");

async function ready(page: Page) {
  await expect(page.getByRole("button", { name: "Add the entry" })).toBeEnabled();
}

test("anyone keeps a timeline in the browser, offline and after reloads", async ({ page, visit, hydrated, checkAccessibility, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the tool runs in the browser; without JavaScript see the last test");
  test.setTimeout(120_000);
  const errors = pageErrors(page);
  await visit(LOCAL);
  await ready(page);
  await expect(page.locator("#local-state")).toHaveText(/Kept in this browser/);
  await expect(page.locator("#local-summary")).toHaveText("No entries yet: add the first below.");

  // Typed out of order, kept in time order; each addition said politely,
  // and focus goes back to the first field for the next.
  await addEntry(page, { date: "2026-03-14", time: "14:05", what: "Repeat prescription request reviewed", who: "Practice pharmacist" });
  await expect(page.locator("#local-announce")).toHaveText(/^Entry 1 added: .*14:05/);
  await expect(page.locator("#date")).toBeFocused();
  await expect(page.locator("#local-announce")).toHaveAttribute("aria-live", "polite");
  await addEntry(page, { date: "2026-03-14", time: "02:10", what: "Request received by the practice" });
  await expect(page.locator("#local-announce")).toHaveText(/^Entry 1 added: .*02:10/);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).nth(0)).toContainText("Request received by the practice");
  await expect(rows(page).nth(1)).toContainText("Practice pharmacist");
  await expect(page.locator("#local-summary")).toHaveText(/^2 entries in time order/);

  // No date, a window that ends before it starts and nothing said:
  // refused beside the fields, with the error summary focused, the page's
  // title marked and what was typed kept.
  const form = page.locator("#local-entry");
  await form.getByLabel("Time", { exact: true }).fill("09:00");
  await form.getByLabel("Window ends: date (optional)").fill("2026-03-15");
  await form.getByLabel("Window ends: time (optional)").fill("08:00");
  await form.getByLabel("Who (optional)").fill("Duty doctor");
  await page.getByRole("button", { name: "Add the entry" }).click();
  const summary = page.locator("#local-errors").getByRole("alert");
  await expect(summary).toContainText("Enter the date, for example 2026-03-14");
  await expect(summary).toContainText("Enter what happened");
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: A timeline in this browser/);
  await expect(page.locator("#date-error")).toContainText("Enter the date");
  await expect(page.locator("#date")).toHaveAttribute("aria-describedby", /date-error/);
  await expect(page.locator("#date")).toHaveClass(/nhsuk-input--error/);
  await expect(form.getByLabel("Who (optional)")).toHaveValue("Duty doctor");
  await expect(rows(page)).toHaveCount(2);
  await checkAccessibility();
  // A start after the window's end: that is said too.
  await form.getByLabel("Date", { exact: true }).fill("2026-03-15");
  await form.getByLabel("What happened").fill("Duty doctor called the patient back");
  await form.getByLabel("Source of the information").selectOption("clinical-record");
  await page.getByRole("button", { name: "Add the entry" }).click();
  await expect(page.locator("#end_time-error")).toContainText("The window must end after it starts");
  await expect(page.locator("#date-error")).toHaveCount(0);
  // Put right: added, and the messages go.
  await form.getByLabel("Window ends: time (optional)").fill("");
  await form.getByLabel("Window ends: date (optional)").fill("");
  await page.getByRole("button", { name: "Add the entry" }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.locator("#local-errors")).toBeEmpty();
  await expect(page.locator("#end_time-error")).toHaveCount(0);
  await expect(page).toHaveTitle(/^A timeline in this browser/);
  // Hours of silence before it (over the hour flagged unless changed):
  // flagged, in words.
  await expect(rows(page).nth(2)).toContainText("Flag:");

  // The chart, drawn from the same entries and flags as the table: one
  // numbered mark each, in lanes by who, the two flagged stretches shaded.
  const chart = page.locator("#local-chart-svg");
  await expect(page.getByRole("img", { name: "Chart of the 3 timeline entries listed in the table, in 3 lanes by who, from 14 Mar 2026, 02:10 to 15 Mar 2026, 09:00." })).toBeVisible();
  await expect(chart.locator(".hub-chart-mark")).toHaveCount(3);
  await expect(chart.locator(".hub-chart-mark--flagged")).toHaveCount(2);
  await expect(chart.locator(".hub-chart-gap")).toHaveCount(2);
  await expect(chart.locator(".hub-chart-label")).toHaveText(["Practice pharmacist", "Duty doctor", "Not recorded"]);
  await expect(chart.locator(".hub-chart-number")).toHaveText(["1", "2", "3"]);
  // A day's gap flags neither stretch, in the table and the chart alike;
  // lanes by where put all three in one (no place was recorded).
  const view = page.locator("#local-view");
  await view.getByLabel("Flag gaps longer than (minutes)").fill("1440");
  await view.getByLabel("Chart lanes by").selectOption("place");
  await view.getByRole("button", { name: "Show" }).click();
  await expect(page.locator("#local-announce")).toHaveText("Shown again. 3 entries in time order. Nothing flagged.");
  await expect(page.getByRole("img", { name: /^Chart of the 3 timeline entries listed in the table, in 1 lane by where,/ })).toBeVisible();
  await expect(chart.locator(".hub-chart-gap")).toHaveCount(0);
  await expect(chart.locator(".hub-chart-mark--flagged")).toHaveCount(0);
  await expect(rows(page).nth(2)).not.toContainText("Flag:");
  await expect(page.locator("#local-summary")).toHaveText(/^3 entries in time order/);
  await checkAccessibility();
  // Back to the hour, by keyboard alone: flagged again.
  await view.getByLabel("Flag gaps longer than (minutes)").fill("60");
  await view.getByLabel("Chart lanes by").selectOption("who");
  await view.getByLabel("Flag gaps longer than (minutes)").press("Enter");
  await expect(chart.locator(".hub-chart-gap")).toHaveCount(2);
  await expect(rows(page).nth(2)).toContainText("Flag:");

  // Over-long text is refused with its limit said, what was typed kept.
  const long = "x".repeat(1001);
  await form.getByLabel("Date", { exact: true }).fill("2026-03-15");
  await form.getByLabel("Time", { exact: true }).fill("10:00");
  await form.getByLabel("What happened").fill(long);
  await form.getByLabel("Source of the information").selectOption("clinical-record");
  await page.getByRole("button", { name: "Add the entry" }).click();
  await expect(page.locator("#what-error")).toContainText("What happened must be 1000 characters or fewer (it has 1001)");
  await expect(form.getByLabel("What happened")).toHaveValue(long);
  await expect(rows(page)).toHaveCount(3);
  // Markup is kept as the words typed, never run; control characters go
  // (as the server's forms drop them). Sent twice at once (a double
  // click: the page scrolls to the first field after an addition, so
  // Playwright's second click would land elsewhere), it is added once.
  const typed = '<img src=x onerror="window.hacked=1">Bell\u0007 rang';
  await form.getByLabel("What happened").fill(typed);
  await form.getByLabel("Who (optional)").fill("<b>Receptionist</b>");
  await page.getByRole("button", { name: "Add the entry" }).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).nth(3)).toContainText('<img src=x onerror="window.hacked=1">Bell rang');
  await expect(page.locator("#local-chart-svg .hub-chart-label").nth(2)).toHaveText("<b>Receptionist</b>");
  await expect(page.locator("#local-errors")).toBeEmpty();
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  // Deleting the last row keeps focus in the table, on the row before.
  await page.getByRole("button", { name: "Delete entry 4" }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Delete entry 3" })).toBeFocused();

  // Deleting keeps focus in the table, on the row now in its place.
  await page.getByRole("button", { name: "Delete entry 1" }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator("#local-announce")).toHaveText("Entry 1 deleted. The timeline has 2 entries.");
  await expect(page.getByRole("button", { name: "Delete entry 1" })).toBeFocused();

  // The details, kept as well.
  await page.getByLabel("Title").fill("Missed repeat prescription");
  await page.getByLabel("Sector (optional)").selectOption("primary-care");
  await page.getByRole("button", { name: "Save the details" }).click();
  await expect(page.locator("#local-announce")).toHaveText("Details saved.");

  // A reload loses nothing.
  await page.reload();
  await hydrated();
  await ready(page);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByLabel("Title")).toHaveValue("Missed repeat prescription");
  await checkAccessibility();

  // Offline once the worker has kept the page and its code.
  await keptForOffline(page);
  await page.context().setOffline(true);
  const network = () => page.evaluate(() => fetch("/healthz").then(() => "up", () => "down"));
  expect(await network()).toBe("down");
  await addEntry(page, { date: "2026-03-16", time: "08:30", what: "Added with no network" });
  await expect(rows(page)).toHaveCount(3);
  await page.reload();
  await hydrated();
  await ready(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await network()).toBe("down");
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).nth(2)).toContainText("Added with no network");
  await addEntry(page, { date: "2026-03-16", time: "09:00", what: "Added after reloading offline" });
  await expect(rows(page)).toHaveCount(4);
  await checkAccessibility();
  await page.context().setOffline(false);

  // The download is the hub's workspace file, with everything in it.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download it as a file" }).click();
  const file = await download;
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
  const parsed = JSON.parse(text);
  expect(parsed.format).toBe("investigation-resources-hub/workspace");
  expect(parsed.details.title).toBe("Missed repeat prescription");
  expect(parsed.timeline).toHaveLength(4);

  // Deleting this browser's copy empties it, for good.
  await page.getByText("Delete this browser's copy").click();
  await page.getByRole("button", { name: "Delete it from this browser" }).click();
  await expect(rows(page)).toHaveCount(0);
  await page.reload();
  await hydrated();
  await ready(page);
  await expect(rows(page)).toHaveCount(0);
  await checkAccessibility();
  expect(errors).toEqual([]);
});

test("entries sent one right after another are each added", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the tool runs in the browser");
  await visit(LOCAL);
  await ready(page);
  // Two filled forms sent within a few milliseconds (faster than anyone
  // types): only an emptied form sent that soon is taken for a double click.
  await page.getByRole("button", { name: "Add the entry" }).evaluate((button: HTMLButtonElement) => {
    // (By selector: the form's `elements` is its SEIPS elements' field.)
    const form = button.form!;
    const set = (name: string, value: string) => (form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value = value);
    for (const [time, what] of [["11:00", "First, sent at once"], ["11:05", "Second, a moment later"]]) {
      set("date", "2026-03-15");
      set("time", time);
      set("what", what);
      set("source", "clinical-record");
      button.click();
    }
  });
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator("#local-errors")).toBeEmpty();
  await expect(rows(page).nth(1)).toContainText("Second, a moment later");
});

/** Waits until the worker has kept the page and its code for use offline. */
async function keptForOffline(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const cache = await caches.open("hub-local-tool-v1");
          const kept = (await cache.keys()).map((request) => new URL(request.url).pathname);
          return kept.includes("/workspaces/local") && kept.some((path) => path.endsWith(".wasm"));
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
}

test("reached by a link within the app, the page is kept for use offline too", async ({ page, visit, hydrated, checkAccessibility, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the worker is registered by the page's code");
  await visit("/workspaces");
  await page.getByRole("link", { name: "Keep a timeline in this browser" }).click();
  await expect(page).toHaveURL(/\/workspaces\/local$/);
  await hydrated();
  await ready(page);
  await checkAccessibility();
  await addEntry(page, { date: "2026-05-01", time: "09:15", what: "Kept after a link" });
  await keptForOffline(page);
  await page.context().setOffline(true);
  await page.reload();
  await hydrated();
  await ready(page);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).nth(0)).toContainText("Kept after a link");
  await checkAccessibility();
  await page.context().setOffline(false);
});

test("storage that refuses, or holds a damaged copy, is said and nothing is overwritten", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the tool runs in the browser");
  test.setTimeout(90_000);
  // A damaged copy: read, refused, and left as it is.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("hub.investigation", '{"format": "investigation-resources-hub/workspace", "version": 1, "details": ');
      sessionStorage.setItem("seeded", "yes");
    }
  });
  await visit(LOCAL);
  await ready(page);
  await expect(page.locator("#local-state")).toContainText("The copy kept in this browser could not be read");
  await addEntry(page, { date: "2026-03-14", time: "10:00", what: "Works in memory" });
  await expect(rows(page)).toHaveCount(1);
  const kept = await page.evaluate(() => localStorage.getItem("hub.investigation"));
  expect(kept).toMatch(/"details": $/);

  // Storage that refuses every write (full): said, and the tool goes on.
  await page.evaluate(() => localStorage.removeItem("hub.investigation"));
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await visit(LOCAL);
  await ready(page);
  await addEntry(page, { date: "2026-03-14", time: "11:00", what: "Kept in this tab only" });
  await expect(rows(page)).toHaveCount(1);
  await expect(page.locator("#local-state")).toContainText("not letting the hub keep anything");
});

/** The account's own page of investigation `id`, with `what` added by its form. */
async function addInAccount(steps: Steps, id: string, what: string) {
  const { page, visit } = steps;
  await visit(`/workspaces/${id}`);
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add to timeline" }) });
  await form.getByLabel("Date", { exact: true }).fill("2026-04-03");
  await form.getByLabel("Time", { exact: true }).fill("10:00");
  await form.getByLabel("What happened").fill(what);
  await form.getByLabel("Source of the information").selectOption("interview");
  await form.getByRole("button", { name: "Add to timeline" }).click();
  await expect(page.locator(".hub-notice")).toContainText("Entry added to the timeline");
}

test("a member saves the browser's timeline to their account, works offline, sends the changes, and chooses when both changed", async ({ page, visit, hydrated, checkAccessibility, javaScriptEnabled }, testInfo) => {
  test.skip(!javaScriptEnabled, "the tool runs in the browser");
  test.setTimeout(180_000);
  const errors = pageErrors(page);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  await registerAndSignIn(steps, uniqueEmail("local", testInfo.project.name), `Lou ${uniqueWord()}`);
  await visit(LOCAL);
  await ready(page);
  const title = `Delayed referral ${uniqueWord()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save the details" }).click();
  await addEntry(page, { date: "2026-04-02", time: "16:20", what: "Referral letter drafted", who: "GP registrar" });
  await expect(rows(page)).toHaveCount(1);
  const state = page.locator("#local-account-state");
  await expect(state).toContainText("Saving makes a new investigation in your account");

  // The first save makes a new investigation and comes back here, which
  // now knows it as the account's copy.
  await page.getByRole("button", { name: "Save a copy to your account" }).click();
  await expect(page.locator(".hub-notice")).toContainText(`Saved to your account as “${title}”`);
  await expect(page).toHaveURL(/\/workspaces\/local$/);
  await hydrated();
  await ready(page);
  await expect(state).toHaveText("Saved to your account as it is here.");
  const send = page.getByRole("button", { name: "Send your changes to your account" });
  await expect(send).toBeVisible();
  const id = await page.locator("#local-save-workspace").inputValue();
  expect(id).toMatch(/^\d+$/);
  await checkAccessibility();

  // Offline: it keeps working and says the changes wait; a send is held
  // back and said; a reload offline finds it all (the page as a visitor
  // gets it: the worker keeps nobody's form token).
  await keptForOffline(page);
  await page.context().setOffline(true);
  await addEntry(page, { date: "2026-04-02", time: "17:05", what: "Letter filed without action", who: "Administrator" });
  await expect(rows(page)).toHaveCount(2);
  await expect(state).toHaveText(/^Changed here since it was last saved to your account/);
  await send.click();
  await expect(page.locator("#local-announce")).toHaveText(/^You are offline: nothing was sent/);
  await page.reload();
  await hydrated();
  await ready(page);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.locator("#local-entries")).toContainText("Letter filed without action");

  // Back online: said, with what to do; the page opened again signed in
  // still knows the changes wait, and one click sends them.
  await page.context().setOffline(false);
  await expect(page.locator("#local-announce")).toHaveText(/^You are back online: reload this page, signed in, to send your changes/);
  await page.reload();
  await hydrated();
  await ready(page);
  await expect(state).toHaveText(/^Changed here since/);
  await send.click();
  await expect(page.locator(".hub-notice")).toContainText(`Your changes are saved to your account, in “${title}”`);
  await ready(page);
  await expect(state).toHaveText("Saved to your account as it is here.");
  await visit(`/workspaces/${id}`);
  const timeline = page.getByRole("table", { name: "Timeline entries in time order" });
  await expect(timeline).toContainText("Referral letter drafted");
  await expect(timeline).toContainText("Letter filed without action");

  // Changed in the account and here: the send is refused and both are
  // shown. Keeping the account's replaces this browser's.
  await addInAccount(steps, id, "Practice manager told of the letter");
  await visit(LOCAL);
  await ready(page);
  await addEntry(page, { date: "2026-04-03", time: "09:00", what: "Changed here meanwhile" });
  await send.click();
  const conflict = page.locator("#local-conflict");
  await expect(conflict.getByRole("heading", { level: 2 })).toHaveText("Your account's copy has changed");
  await expect(page.getByRole("alert")).toContainText("choose which to keep");
  await expect(conflict.getByRole("region", { name: /^In your account now/ })).toContainText("Practice manager told of the letter");
  await expect(conflict.getByRole("region", { name: "In this browser" })).toContainText("Changed here meanwhile");
  await ready(page);
  await checkAccessibility();
  await page.getByRole("button", { name: "Keep your account's: replace this browser's with it" }).click();
  await expect(page.locator("#local-announce")).toHaveText("Your account's copy is now this browser's too.");
  await expect(conflict).toHaveCount(0);
  await expect(rows(page)).toHaveCount(3);
  await expect(page.locator("#local-entries")).toContainText("Practice manager told of the letter");
  await expect(page.locator("#local-entries")).not.toContainText("Changed here meanwhile");
  await expect(state).toHaveText("Saved to your account as it is here.");

  // Again, and keeping this browser's replaces the account's.
  await addEntry(page, { date: "2026-04-03", time: "11:30", what: "Kept from this browser" });
  await addInAccount(steps, id, "Overwritten in the account");
  await visit(LOCAL);
  await ready(page);
  await send.click();
  await expect(conflict).toBeVisible();
  await ready(page);
  // What is sent is this browser's copy as it is when the button is
  // pressed, with what was added after the refusal.
  await addEntry(page, { date: "2026-04-03", time: "12:00", what: "Added after the refusal" });
  await expect(rows(page)).toHaveCount(5);
  // The comparison no longer shows this browser's as sent, and says so.
  await expect(conflict.getByRole("region", { name: "In this browser" })).toHaveCount(0);
  await expect(page.locator("#local-conflict-browser")).toHaveText(/^Changed here since: this browser's timeline is now as the table under “Timeline” shows it/);
  await checkAccessibility();
  await page.getByRole("button", { name: "Keep this browser's: replace your account's with it" }).click();
  await expect(page.locator(".hub-notice")).toContainText(`Your changes are saved to your account, in “${title}”`);
  await ready(page);
  await expect(state).toHaveText("Saved to your account as it is here.");
  await visit(`/workspaces/${id}`);
  await expect(timeline).toContainText("Kept from this browser");
  await expect(timeline).toContainText("Added after the refusal");
  await expect(timeline).not.toContainText("Overwritten in the account");
  expect(errors).toEqual([]);
});

test("without JavaScript the page says what works instead", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "with JavaScript the tool runs: see above");
  await visit(LOCAL);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A timeline in this browser");
  await expect(page.locator("#local-state")).toContainText("needs JavaScript");
  await expect(page.getByRole("button", { name: "Add the entry" })).toBeDisabled();
  await expect(page.locator("#local-chart")).toBeHidden();
  await page.locator("#local-state").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fworkspaces$/);
});
