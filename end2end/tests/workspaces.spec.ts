// Investigation workspaces, JavaScript on and off: a visitor reads the
// fictional example; a member starts an investigation (told what is
// missing first), builds a timeline out of order and reads it back in
// time order with a gap and a disagreement flagged, changes an entry,
// is asked before deleting one (told which entry loses its link), copies
// the example, and reaches the table and an entry's link by keyboard.
// Every page passes axe.
import { test, expect } from "./support";
import { afterNavigation, registerAndSignIn, type Steps, uniqueEmail, uniqueWord } from "./helpers";

test("a member builds a timeline in time order, with flags, and changes and deletes entries", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(150_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };

  await visit("/workspaces/example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Urgent referral not sent (fictional example)");
  await expect(page.getByText("No patient-identifiable information")).toBeVisible();
  await expect(page.getByRole("table", { name: "Timeline entries in time order" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Chart of the 10 timeline entries/ })).toBeVisible();
  await afterNavigation(steps);

  await registerAndSignIn(steps, uniqueEmail("investigator", testInfo.project.name), `Sam ${uniqueWord()}`);
  await visit("/workspaces");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your investigations");
  await page.getByRole("button", { name: "Start investigation" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  await afterNavigation(steps);
  await expect(page.getByRole("alert")).toContainText("Enter a title for the investigation");
  await expect(page.locator("#response-error")).toContainText("Select the kind of learning response");

  const title = `Missed call back ${uniqueWord()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Learning response").selectOption({ label: "After Action Review" });
  await page.getByLabel("Sector (optional)").selectOption({ label: "Primary care" });
  await page.getByRole("button", { name: "Start investigation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("status")).toContainText(`Investigation “${title}” started`);
  await afterNavigation(steps);

  // An entry without what happened is refused beside its field, and what
  // was typed is kept.
  const addEntry = async (date: string, time: string, what: string, extra?: () => Promise<void>) => {
    await page.getByLabel("Date", { exact: true }).fill(date);
    await page.getByLabel("Time", { exact: true }).fill(time);
    await page.getByLabel("What happened").fill(what);
    await page.getByLabel("Source of the information").selectOption({ label: "Clinical record" });
    if (extra) await extra();
    await page.getByRole("button", { name: "Add to timeline" }).click();
  };
  await addEntry("2026-03-14", "09:40", "");
  await afterNavigation(steps);
  await expect(page.getByRole("alert")).toContainText("Enter what happened");
  await expect(page.getByLabel("Time", { exact: true })).toHaveValue("09:40");

  await addEntry("2026-03-14", "14:00", "Call back made");
  await expect(page.getByRole("status")).toContainText("Entry added to the timeline");
  await afterNavigation(steps);
  await addEntry("2026-03-14", "09:40", "Request for a call back", async () => {
    await page.getByLabel("Who (optional)").fill("Receptionist");
    await page.getByLabel("Analysis note (optional)").fill("Work as imagined: call backs within two hours.");
    await page.getByLabel("Service delivery problem").check();
    await page.getByLabel("Organisation", { exact: true }).check();
  });
  await afterNavigation(steps);
  await addEntry("2026-03-14", "15:10", "Call back, as the GP recalls it", async () => {
    await page.getByLabel("Source of the information").selectOption({ label: "Interview" });
    await page.getByLabel("Same event as another entry (optional)").selectOption({ label: "2: 14 Mar 2026, 14:00, Call back made" });
  });
  await afterNavigation(steps);

  const rows = page.getByRole("table", { name: "Timeline entries in time order" }).locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Request for a call back");
  await expect(rows.nth(0)).toContainText("Service delivery problem");
  await expect(rows.nth(0)).toContainText("SEIPS: Organisation");
  await expect(rows.nth(1)).toContainText("Flag: No record for 4 hours 20 minutes before this");
  await expect(rows.nth(1)).toContainText("Sources disagree about the time");
  await expect(rows.nth(2)).toContainText("Same event as entry 2");
  await expect(page.getByText("2 entries are flagged")).toBeVisible();

  // A longer gap chosen: the gap is no longer flagged.
  await page.getByLabel("Flag gaps longer than (minutes)").fill("300");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/gap=300/);
  await expect(page.getByLabel("Flag gaps longer than (minutes)")).toHaveValue("300");
  await expect(rows.nth(1)).toContainText("Sources disagree about the time");
  await expect(rows.nth(1)).not.toContainText("No record for");
  await afterNavigation(steps);

  // By keyboard: from the form to the table (a scrolling region that takes
  // focus) and on to its first entry's link.
  await page.getByRole("button", { name: "Show" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("region", { name: "Timeline entries in time order" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Change entry 1" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change entry 1");
  await afterNavigation(steps);
  await page.getByLabel("Time", { exact: true }).fill("16:00");
  await page.getByRole("button", { name: "Save entry" }).click();
  await expect(page.getByRole("status")).toContainText("Entry saved");
  await expect(rows.nth(2)).toContainText("Request for a call back");
  await afterNavigation(steps);

  // Deleting asks first, and names the entry that loses its link.
  await page.getByRole("link", { name: "Change entry 1" }).click();
  await expect(page.getByLabel("What happened")).toHaveValue("Call back made");
  await afterNavigation(steps);
  await page.getByRole("link", { name: "Delete this entry" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delete entry 1?");
  await expect(page.getByText("Entry 2 is linked to it as the same event and will lose that link.")).toBeVisible();
  await afterNavigation(steps);
  await page.getByRole("button", { name: "Delete entry" }).click();
  await expect(page.getByRole("status")).toContainText("Entry deleted");
  await expect(rows).toHaveCount(2);
  await afterNavigation(steps);

  // The example, copied into the member's own.
  await visit("/workspaces/example");
  await page.getByRole("button", { name: "Copy into your investigations" }).click();
  await expect(page.getByRole("status")).toContainText("it is yours to change");
  await expect(rows).toHaveCount(10);
  await afterNavigation(steps);
  await visit("/workspaces");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Urgent referral not sent (fictional example)" })).toBeVisible();
  await afterNavigation(steps);
});
