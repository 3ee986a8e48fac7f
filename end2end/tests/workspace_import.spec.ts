// Importing an investigation from its file, JavaScript on and off: a
// member copies the example, downloads it from its report page as a JSON
// file, is refused (beside the file field, with the page still usable)
// for a file that is not one of the hub's and for one with a date that
// does not exist, then imports the downloaded file and finds the same
// investigation as a new one of theirs. Every page passes axe.
import { test, expect } from "./support";
import { afterNavigation, registerAndSignIn, type Steps, uniqueEmail, uniqueWord } from "./helpers";

/** Chooses `file` in the import form and sends it. */
async function importFile(steps: Steps, file: { name: string; mimeType: string; buffer: Buffer }) {
  const { page } = steps;
  await page.getByLabel("Workspace file").setInputFiles(file);
  await page.getByRole("button", { name: "Import", exact: true }).click();
}

test("a member imports a downloaded investigation, after two bad files", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  // Eight pages with axe on each: CI's machine took over 30 s for it.
  test.setTimeout(120_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  await registerAndSignIn(steps, uniqueEmail("importer", testInfo.project.name), `Ira ${uniqueWord()}`);

  // A copy of the example, downloaded whole from its report page.
  await visit("/workspaces/example");
  await page.getByRole("button", { name: "Copy into your investigations" }).click();
  await expect(page).toHaveURL(/\/workspaces\/\d+$/);
  const original = page.url();
  await afterNavigation(steps);
  await visit(`${new URL(original).pathname}?tool=report`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the whole investigation as a JSON file" }).click();
  const file = await download;
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
  const parsed = JSON.parse(text);
  expect(parsed.timeline).toHaveLength(10);

  // From the list to the import page.
  await visit("/workspaces");
  await page.getByRole("link", { name: "Import an investigation from a file" }).click();
  await expect(page).toHaveURL(/\/workspaces\/import$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import an investigation");
  await afterNavigation(steps);

  // Not one of the hub's files: refused beside the field.
  await importFile(steps, { name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"notes": "not a workspace"}') });
  await expect(page).toHaveTitle(/^Error: Import an investigation/);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("This file is not a workspace exported from the hub");
  await expect(page.locator("#file-error")).toContainText("This file is not a workspace exported from the hub");
  await expect(page.getByText("Nothing was imported. Choose the file again")).toBeVisible();
  await afterNavigation(steps);
  // The summary's link leads to the field.
  await expect(summary.getByRole("link")).toHaveAttribute("href", "#file");

  // One of the hub's, with a date that does not exist: the rule is named.
  parsed.timeline[2].date = "2026-02-30";
  await importFile(steps, { name: "damaged.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(parsed)) });
  await expect(page.locator("#file-error")).toContainText("Entry 3: 2026-02-30 is not a real date");
  await afterNavigation(steps);

  // The file as it was downloaded: a new investigation, the same one.
  await importFile(steps, { name: file.suggestedFilename(), mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page).toHaveURL(/\/workspaces\/\d+$/);
  expect(page.url()).not.toBe(original);
  await expect(page.getByRole("status")).toContainText("into your investigations");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(parsed.details.title);
  await expect(page.getByRole("region", { name: "Timeline entries in time order" }).locator("tbody tr")).toHaveCount(10);
  await afterNavigation(steps);
  await visit(`${new URL(page.url()).pathname}?tool=plan`);
  await expect(page.getByRole("region", { name: "Safety actions", exact: true }).locator("tbody tr")).toHaveCount(7);

  // Both are in the list.
  await visit("/workspaces");
  await expect(page.getByRole("link", { name: parsed.details.title, exact: true })).toHaveCount(2);
});
