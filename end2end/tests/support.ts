// The shared fixture every spec uses. With JavaScript on, each page a test
// visits must be checked by axe (WCAG 2.0, 2.1 and 2.2, levels A and AA);
// a test that visits a page without checking it fails at teardown.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

type Hub = {
  /** Opens a path, waits for hydration (JavaScript on) and runs axe. */
  visit: (path: string) => Promise<void>;
  /** Runs axe on the current page; fails on any violation. */
  checkAccessibility: () => Promise<void>;
  /** Waits until the client has hydrated the current page (JavaScript on only). */
  hydrated: () => Promise<void>;
};

const pageKey = (url: string) => url.split("#")[0];

export const test = base.extend<Hub>({
  hydrated: async ({ page, javaScriptEnabled }, use) => {
    await use(async () => {
      if (javaScriptEnabled) {
        await page.locator("body[data-hydrated='true']").waitFor({ state: "attached" });
      }
    });
  },

  checkAccessibility: async ({ page, javaScriptEnabled }, use) => {
    const visited = new Set<string>();
    const checked = new Set<string>();
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) visited.add(pageKey(frame.url()));
    });
    await use(async () => {
      if (!javaScriptEnabled) return;
      await expectNoViolations(page);
      checked.add(pageKey(page.url()));
    });
    if (javaScriptEnabled) {
      const unchecked = [...visited].filter((url) => url !== "about:blank" && !checked.has(url));
      expect(unchecked, "every page visited with JavaScript on is checked by axe").toEqual([]);
    }
  },

  visit: async ({ page, hydrated, checkAccessibility }, use) => {
    await use(async (path: string) => {
      await page.goto(path);
      await hydrated();
      await checkAccessibility();
    });
  },
});

export async function expectNoViolations(page: Page) {
  // After a client-side navigation the router swaps the page's <title> a
  // moment after its content; check the settled page, not that moment.
  // (A page that never gets a title still fails, here or in axe.)
  await page.waitForFunction(() => document.title.length > 0);
  // After a full page load the checks could otherwise measure the page
  // before its stylesheet applies (links of an unstyled list are small targets).
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLLinkElement>("link[rel='stylesheet']")].every((link) => link.sheet !== null),
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  // Guards against a silent no-op: a real page always passes some rules.
  expect(results.passes.length, "axe ran its rules").toBeGreaterThan(0);
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export { expect };

/** Collects the page's uncaught errors (script errors and traps) from now on. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
