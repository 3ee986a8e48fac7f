// Curator and admin pages in a real browser: an admin made with
// `hub create-admin` chooses a password, sets up two-step verification,
// and opens every curation and admin page (axe on each, JavaScript on).
import { execFileSync } from "node:child_process";
import { test, expect } from "./support";
import { afterNavigation, PASSWORD, signIn, totp, uniqueEmail } from "./helpers";

test("an admin sets up two-step verification and uses the curation and admin pages", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(60_000);
  const steps = { page, visit, hydrated, checkAccessibility };
  const bin = process.env.HUB_E2E_BIN;
  test.skip(!bin, "needs the hub binary (scripts/test passes it)");
  const email = uniqueEmail("admin", testInfo.project.name);
  const printed = execFileSync(bin!, ["create-admin", "--email", email, "--name", "Ada Admin"], {
    env: { ...process.env, DATABASE_URL: process.env.HUB_E2E_DATABASE_URL, RUST_LOG: "warn" },
  }).toString();
  const link = printed.match(/\/reset-password\/\S+/)?.[0];
  expect(link, printed).toBeTruthy();

  await visit(link!);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await afterNavigation(steps);
  await signIn(steps, email, PASSWORD);
  await expect(page).toHaveURL(/\/account\/mfa$/);
  await afterNavigation(steps);
  const secret = (await page.locator(".hub-secret").innerText()).trim();
  await page.getByLabel("Code from the app").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page).toHaveURL(/\/account\/recovery-codes$/);
  await afterNavigation(steps);

  await visit("/curation");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Curation");
  for (const [path, heading] of [
    ["/curation/searches", "Searches that found nothing"],
    ["/curation/review-dates", "Review dates"],
    ["/curation/links", "Broken links"],
    ["/curation/export", "Export the catalogue"],
    ["/admin/users", "Accounts"],
    ["/admin/audit", "Audit log"],
  ]) {
    await visit(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
  await visit("/admin/users");
  await page.getByRole("link", { name: "Ada Admin" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ada Admin");
  await afterNavigation(steps);
});
