// Certificates, JavaScript on and off: a member completes a demo module,
// finds its certificate on their learning page, downloads it as a PDF and
// as a signed credential, and hides their name; someone signed out opens
// the certificate's page and checks the credential file they were given,
// and a changed one is refused; an admin revokes it, and its page and the
// hub's revocation list say so. Every page passes axe.
import { test, expect } from "./support";
import { adminSignedIn, afterNavigation, registerAndSignIn, stepsFor, type Steps, uniqueEmail, uniqueWord } from "./helpers";

const MODULE = "/resources/human-factors-in-pre-hospital-care";
const TITLE = "Human factors in pre-hospital and urgent care";

test("a member completes a module, keeps its certificate, someone signed out checks it, and an admin revokes it", async ({ page, visit, hydrated, checkAccessibility, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(150_000);
  const steps: Steps = { page, visit, hydrated, checkAccessibility };
  const name = `Noor ${uniqueWord()}`;
  await registerAndSignIn(steps, uniqueEmail("certified", testInfo.project.name), name);

  await visit(`${MODULE}/lessons/1`);
  for (let lesson = 1; lesson <= 3; lesson++) {
    await page.getByRole("button", { name: /^Mark as done and/ }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await afterNavigation(steps);
  }
  await expect(page.getByRole("status")).toContainText(`You have completed “${TITLE}”`);

  // The certificate, from the learning page.
  await visit("/account/learning");
  await expect(page.getByRole("heading", { name: "Certificates" })).toBeVisible();
  await page.locator(`a[href^="/credentials/"]`, { hasText: TITLE }).click();
  await expect(page).toHaveURL(/\/credentials\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate of completion");
  await expect(page.getByText("Valid.")).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();
  await afterNavigation(steps);
  const certificate = new URL(page.url()).pathname;

  // Its downloads.
  const pdfLink = await page.getByRole("link", { name: "Download the certificate (PDF)" }).getAttribute("href");
  const pdf = await page.request.get(pdfLink!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const jsonLink = await page.getByRole("link", { name: /Download the signed credential/ }).getAttribute("href");
  const credential = await (await page.request.get(jsonLink!)).text();
  expect(JSON.parse(credential).type).toBe("EnvelopedVerifiableCredential");

  // The holder hides their name from others.
  await page.getByRole("radio", { name: /^No, say only/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Your name is hidden");
  await expect(page.getByText(`${name} (only you see your name here)`)).toBeVisible();
  await afterNavigation(steps);

  // Someone signed out, given the link and the file.
  const visitorContext = await browser.newContext({ javaScriptEnabled });
  const visitor = stepsFor(await visitorContext.newPage(), javaScriptEnabled);
  await visitor.visit(certificate);
  await expect(visitor.page.getByText("The holder chose not to show their name")).toBeVisible();
  await expect(visitor.page.getByText(name)).toHaveCount(0);
  await expect(visitor.page.getByRole("link", { name: "Download the certificate (PDF)" })).toHaveCount(0);
  await visitor.page.getByRole("link", { name: "Check a credential file" }).click();
  await expect(visitor.page.getByRole("heading", { level: 1 })).toHaveText("Check a certificate");
  await afterNavigation(visitor);

  // A changed credential is refused, with what was pasted kept.
  const envelope = JSON.parse(credential);
  const [header, payload, signature] = envelope.id.replace("data:application/vc+jwt,", "").split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  claims.credentialSubject.creditsEarned = 40;
  const changed = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
  await visitor.page.getByLabel("Credential").fill(changed);
  await visitor.page.getByRole("button", { name: "Check credential" }).click();
  await expect(visitor.page.getByRole("alert")).toContainText("changed or damaged since the hub issued it");
  await expect(visitor.page.getByLabel("Credential")).toHaveValue(changed);
  await afterNavigation(visitor);

  // The file as it was given is genuine.
  await visitor.page.getByLabel("Credential").fill(credential);
  await visitor.page.getByRole("button", { name: "Check credential" }).click();
  await expect(visitor.page).toHaveURL(new RegExp(`${certificate}$`));
  await expect(visitor.page.getByRole("status")).toContainText("The credential is genuine");
  await expect(visitor.page.getByText("Valid.")).toBeVisible();
  await afterNavigation(visitor);
  await visitorContext.close();

  // An admin revokes it, with a reason its page then shows.
  const adminContext = await browser.newContext({ javaScriptEnabled });
  const admin = stepsFor(await adminContext.newPage(), javaScriptEnabled);
  await adminSignedIn(admin, uniqueEmail("revoker", testInfo.project.name), "Ade Admin");
  await admin.visit(certificate);
  await admin.page.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(admin.page.getByRole("alert")).toContainText("Enter why the certificate is revoked");
  await afterNavigation(admin);
  await admin.page.getByLabel("Reason").fill("Issued in error during a test");
  await admin.page.getByRole("checkbox", { name: /Yes, revoke this certificate/ }).check();
  await admin.page.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(admin.page.getByRole("status")).toContainText("Certificate revoked");
  await expect(admin.page.getByText("Reason: Issued in error during a test")).toBeVisible();
  await expect(admin.page.getByRole("button", { name: "Revoke certificate" })).toHaveCount(0);
  await afterNavigation(admin);
  const list = await (await admin.page.request.get("/credentials/revocations.json")).json();
  expect(list.revokedCredentials.map((entry: { id: string }) => new URL(entry.id).pathname)).toContain(certificate);
  await adminContext.close();

  // The holder sees it revoked, with nothing more to download.
  await visit(certificate);
  await expect(page.getByText("It no longer stands.")).toBeVisible();
  await expect(page.getByRole("link", { name: /Download the signed credential/ })).toHaveCount(0);
});
