// Curator and admin pages in a real browser: an admin made with
// `hub create-admin` chooses a password, sets up two-step verification,
// and opens every curation and admin page (axe on each, JavaScript on).
import { test, expect } from "./support";
import { adminSignedIn, afterNavigation, uniqueEmail } from "./helpers";

test("an admin sets up two-step verification and uses the curation and admin pages", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  test.setTimeout(60_000);
  const steps = { page, visit, hydrated, checkAccessibility };
  test.skip(!process.env.HUB_E2E_BIN, "needs the hub binary (scripts/test passes it)");
  await adminSignedIn(steps, uniqueEmail("admin", testInfo.project.name), "Ada Admin");

  await visit("/curation");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Curation");
  for (const [path, heading] of [
    ["/curation/searches", "Searches that found nothing"],
    ["/curation/review-dates", "Review dates"],
    ["/curation/links", "Broken links"],
    ["/curation/export", "Export the catalogue"],
    ["/curation/queue", "Review queue"],
    ["/curation/organisations", "Organisations"],
    ["/curation/organisations/new", "Add an organisation"],
    ["/curation/organisations/primary-care-safety-network", "Edit organisation"],
    ["/contribute/foundations-of-systems-based-investigation/lessons/1", "Lesson 1"],
    ["/contribute/foundations-of-systems-based-investigation/history", "Versions"],
    ["/contribute", "Your contributions"],
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
