// Account flows in a real browser, with JavaScript on and off: register,
// confirm from the outbox, sign in and out, reset a password, set up
// two-step verification. Every page is checked by axe (JavaScript on).
import { test, expect } from "./support";
import { afterNavigation, linkFromOutbox, PASSWORD, registerAndConfirm, signIn, totp, uniqueEmail } from "./helpers";


test("register, confirm from the outbox, sign out and sign in again", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  // A whole account journey (argon2 at every sign-in, axe on every page) outlasts the default 30 s on a loaded CI machine.
  test.setTimeout(90_000);
  const steps = { page, visit, hydrated, checkAccessibility };
  const email = uniqueEmail("register", testInfo.project.name);
  await registerAndConfirm(steps, email);

  await signIn(steps, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("status")).toContainText("You are signed in as Robin Okafor");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await afterNavigation(steps);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).first()).toBeVisible();
  await afterNavigation(steps);

  await visit("/account");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
  await signIn(steps, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await afterNavigation(steps);
});

test("a wrong password shows the error summary and keeps the email address", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  const steps = { page, visit, hydrated, checkAccessibility };
  await visit("/sign-in");
  const email = uniqueEmail("wrong", testInfo.project.name);
  await signIn(steps, email, "not the right password");
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.getByRole("alert").getByRole("link")).toHaveText("The email address or password is not right");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await afterNavigation(steps);
});

test("reset a forgotten password from the emailed link", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  // A whole account journey (argon2 at every sign-in, axe on every page) outlasts the default 30 s on a loaded CI machine.
  test.setTimeout(90_000);
  const steps = { page, visit, hydrated, checkAccessibility };
  const email = uniqueEmail("reset", testInfo.project.name);
  await registerAndConfirm(steps, email);

  await visit("/forgot-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page).toHaveURL(/\/forgot-password\/sent$/);
  await afterNavigation(steps);

  const link = await linkFromOutbox(email, "/reset-password/");
  await visit(link);
  const renewed = "saffron glacier tandem ember";
  await page.getByLabel("New password").fill(renewed);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("status")).toContainText("Your password has been reset");
  await afterNavigation(steps);

  await signIn(steps, email, renewed);
  await expect(page).toHaveURL(/\/account$/);
  await afterNavigation(steps);

  // The link worked once.
  await visit(link);
  await expect(page.getByText("This link has expired or has already been used")).toBeVisible();
});

test("set up two-step verification and sign in with a code", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  // A whole account journey (argon2 at every sign-in, axe on every page) outlasts the default 30 s on a loaded CI machine.
  test.setTimeout(90_000);
  const steps = { page, visit, hydrated, checkAccessibility };
  const email = uniqueEmail("mfa", testInfo.project.name);
  await registerAndConfirm(steps, email);
  await signIn(steps, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await afterNavigation(steps);

  await visit("/account/mfa");
  const secret = (await page.locator(".hub-secret").innerText()).trim();
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page.getByRole("alert")).toContainText("The code is not right");
  await afterNavigation(steps);

  await page.getByLabel("Code from the app").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page).toHaveURL(/\/account\/recovery-codes$/);
  await expect(page.locator(".hub-recovery-codes li")).toHaveCount(10);
  await afterNavigation(steps);
  await page.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Your recovery codes will not be shown again")).toBeVisible();
  await afterNavigation(steps);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await afterNavigation(steps);
  await visit("/sign-in");
  await signIn(steps, email, PASSWORD);
  await expect(page).toHaveURL(/\/sign-in\/code$/);
  await afterNavigation(steps);
  // The code of the next time step: the one used above cannot be reused.
  await page.getByLabel("Security code").fill(totp(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(/On \(10 recovery codes left\)/)).toBeVisible();
  await afterNavigation(steps);
});

test("account settings pages refuse bad input and pass axe", async ({ page, visit, hydrated, checkAccessibility }, testInfo) => {
  // A whole account journey (argon2 at every sign-in, axe on every page) outlasts the default 30 s on a loaded CI machine.
  test.setTimeout(90_000);
  const steps = { page, visit, hydrated, checkAccessibility };
  const email = uniqueEmail("settings", testInfo.project.name);
  await registerAndConfirm(steps, email);
  await signIn(steps, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await afterNavigation(steps);

  await visit("/account/password");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("quartz lagoon ember willow");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert")).toContainText("Your current password is not right");
  await afterNavigation(steps);

  await visit("/account/email");
  await page.getByLabel("New email address").fill("not-an-email");
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the correct format");
  await expect(page.getByLabel("New email address")).toHaveValue("not-an-email");
  await afterNavigation(steps);

  await visit("/account/delete");
  await page.getByLabel("Enter your password to confirm").fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await afterNavigation(steps);
});
