// Steps shared by the specs: unique accounts, links from the outbox,
// registering and signing in, and the same visit/axe steps for a second
// browser context as the fixture gives the first.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoViolations } from "./support";

export const PASSWORD = "orchid tundra pylon basket";
const outbox = process.env.HUB_E2E_OUTBOX ?? "";

export function uniqueEmail(name: string, project: string): string {
  return `${name}-${project}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** A word of letters only, unique enough to search for. */
export function uniqueWord(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let word = "";
  for (let i = 0; i < 10; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return word[0].toUpperCase() + word.slice(1);
}

/** The path of the newest link under `prefix` emailed to `to`. */
export async function linkFromOutbox(to: string, prefix: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const texts = readdirSync(outbox)
      .sort()
      .reverse()
      .map((name) => readFileSync(join(outbox, name), "utf8"))
      .filter((text) => text.startsWith(`To: ${to}\n`));
    for (const text of texts) {
      const match = text.match(new RegExp(`https?://[^/\\s]+(${prefix}[^\\s]+)`));
      if (match) return match[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no email to ${to} with a link under ${prefix}`);
}

export type Steps = {
  page: Page;
  visit: (path: string) => Promise<void>;
  hydrated: () => Promise<void>;
  checkAccessibility: () => Promise<void>;
};

/** Steps for a page of a second browser context (the fixture covers the first). */
export function stepsFor(page: Page, javaScriptEnabled: boolean): Steps {
  const hydrated = async () => {
    if (javaScriptEnabled) await page.locator("body[data-hydrated='true']").waitFor({ state: "attached" });
  };
  const checkAccessibility = async () => {
    if (javaScriptEnabled) await expectNoViolations(page);
  };
  return {
    page,
    hydrated,
    checkAccessibility,
    visit: async (path: string) => {
      await page.goto(path);
      await hydrated();
      await checkAccessibility();
    },
  };
}

export async function afterNavigation({ hydrated, checkAccessibility }: Steps) {
  await hydrated();
  await checkAccessibility();
}

export async function registerAndConfirm(steps: Steps, email: string, name = "Robin Okafor") {
  const { page, visit } = steps;
  await visit("/register");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/register\/check-email$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await afterNavigation(steps);

  await visit(await linkFromOutbox(email, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("status")).toContainText("Your email address is confirmed");
  await afterNavigation(steps);
}

/** A new member, registered, confirmed and signed in (on their account page). */
export async function registerAndSignIn(steps: Steps, email: string, name: string) {
  await registerAndConfirm(steps, email, name);
  await signIn(steps, email, PASSWORD);
  await expect(steps.page).toHaveURL(/\/account$/);
  await afterNavigation(steps);
}

/** A member, signed in, with a profile others can find; returns its path. */
export async function memberWithProfile(steps: Steps, email: string, name: string): Promise<string> {
  const { page, visit } = steps;
  await registerAndSignIn(steps, email, name);
  await visit("/account/profile");
  await page.getByLabel("Who can find your profile").selectOption("members");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(/\/network\/members\/[a-z0-9-]+$/);
  await afterNavigation(steps);
  return page.url().replace(/^https?:\/\/[^/]+/, "");
}

export async function signIn(steps: Steps, email: string, password: string) {
  const { page } = steps;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret. */
export function totp(secret: string, time = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of secret.replace(/=+$/, "")) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30_000)));
  const digest = createHmac("sha1", Buffer.from(bytes)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0xf;
  return ((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0");
}

/**
 * An admin made with `hub create-admin` (scripts/test passes the binary and
 * database): chooses a password, signs in and sets up two-step verification.
 */
export async function adminSignedIn(steps: Steps, email: string, name: string) {
  const { page, visit } = steps;
  const printed = execFileSync(process.env.HUB_E2E_BIN!, ["create-admin", "--email", email, "--name", name], {
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
}
