// The public service's own pages, JavaScript on and off: the statements,
// privacy, cookies and contact pages are one link away in the footer of
// every page, and anyone can send feedback from the phase banner.
import { test, expect } from "./support";
import { uniqueWord } from "./helpers";

const FOOTER_PAGES: [string, string][] = [
  ["Accessibility statement", "Accessibility statement"],
  ["Privacy", "Privacy notice"],
  ["Cookies", "Cookies"],
  ["Community rules", "Community rules for the network"],
  ["Contact us", "Contact us"],
];

test("the statements, privacy, cookies and contact pages are reachable from the footer of every page", async ({ page, visit, hydrated, checkAccessibility }) => {
  for (const start of ["/", "/resources?q=timeline", "/network", "/sign-in", "/no-such-page"]) {
    await visit(start);
    const footer = page.getByRole("contentinfo");
    for (const [link] of FOOTER_PAGES) {
      await expect(footer.getByRole("link", { name: link, exact: true })).toBeVisible();
    }
  }
  // Follow each footer link from the page the last one led to.
  await visit("/");
  for (const [link, heading] of FOOTER_PAGES) {
    await page.getByRole("contentinfo").getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await hydrated();
    await checkAccessibility();
  }
  await expect(page).toHaveURL(/\/contact$/);
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "How long we keep it" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "2 years, then deleted" }).first()).toBeVisible();
  await hydrated();
  await checkAccessibility();
  await page.getByRole("contentinfo").getByRole("link", { name: "Cookies", exact: true }).click();
  await expect(page.getByRole("cell", { name: "hub_session", exact: true })).toBeVisible();
  await hydrated();
  await checkAccessibility();
});

test("anyone can send feedback about the page they are on, and is told what is wrong", async ({ page, visit, hydrated, checkAccessibility }) => {
  await visit("/resources/seips-in-practice");
  await expect(page.getByText("This is a new service")).toBeVisible();
  await page.getByRole("link", { name: "feedback", exact: true }).click();
  await expect(page).toHaveURL(/\/feedback\?page=%2Fresources%2Fseips-in-practice|\/feedback\?page=\/resources\/seips-in-practice/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give feedback about the hub");
  await hydrated();
  await checkAccessibility();

  // Nothing written: the error is summarised and beside the field.
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter your feedback about the hub");
  await expect(page.locator("#comments-error")).toContainText("Enter your feedback");
  await hydrated();
  await checkAccessibility();

  const word = uniqueWord();
  await page.getByLabel("Satisfied", { exact: true }).check();
  await page.getByLabel("How could we improve the hub?").fill(`The ${word} lesson <b>needs</b> a worked example.`);
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page).toHaveURL(/\/resources\/seips-in-practice$/);
  await expect(page.getByRole("status")).toContainText("Thank you: your feedback has been sent");
  await hydrated();
  await checkAccessibility();
});
