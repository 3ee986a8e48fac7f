// A benchmark (not a test: nothing here fails on a figure) of a large
// investigation workspace, in Debian's Chromium against a running hub at
// HUB_BENCH_URL (default http://127.0.0.1:3400) whose outbox folder is
// HUB_BENCH_OUTBOX (for the email-confirmation link).
//
// Through the pages, it registers and signs in a fresh member, builds in
// memory a workspace file in the hub's format (exchange.rs: version 1)
// with 500 timeline entries (the most a timeline holds), 200 findings,
// 100 contributory factors and 200 safety actions, and imports it at
// /workspaces/import. Then, each over HUB_BENCH_ROUNDS rounds (default 7,
// after one uncounted warm-up where it says so), it prints the median and
// the range of:
//
//   - the server: time and size of the tool pages and the downloads,
//     fetched with the member's cookies, once as plain HTML and once with
//     `accept-encoding: br, gzip` (the bytes a browser would transfer);
//   - the browser: a warm-cache load of each tool page, from the
//     navigation's start to the document's last byte, to the page laid
//     out whole (parsed, styled and laid out), to `load` and to
//     hydrated; and its number of elements;
//   - re-rendering after adding one item on the forms path (the only one
//     there is: no client-side tools yet): the same moments from the
//     click on "Add to timeline", "Add finding" or "Add action" (the last
//     byte is then POST, 303 and GET; laid out is the browser having laid
//     out every row and the chart, the new row among them). A
//     timeline holds at most 500 entries, so one entry is deleted first
//     and each round's added entry is deleted again after it is measured:
//     each round lays out 500 rows;
//   - the import itself (the click on "Import" to the new workspace's
//     page loaded), the first round being the workspace measured;
//   - the first-load script of each tool page, JS and WASM as
//     brotli-compressed bytes, measured as first-load.mjs measures them.
//
// Requests to other origins (the NHS.UK fonts, from assets.nhs.uk) are
// refused, so that the outside network does not stall the `load` event;
// a page load over 2 s is explained (the document's timing and its slow
// files) where it happens, marked STALL.
//
// Markdown tables of the figures come last, with the machine's cores,
// load and Chromium's version. HUB_BENCH_LABEL names the run in them (for
// example the database backend).
import { chromium } from "@playwright/test";
import http from "node:http";
import { brotliSize } from "./brotli-size.mjs";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";

const base = process.env.HUB_BENCH_URL ?? "http://127.0.0.1:3400";
const outbox = process.env.HUB_BENCH_OUTBOX;
const ROUNDS = Number(process.env.HUB_BENCH_ROUNDS ?? 7);
const LABEL = process.env.HUB_BENCH_LABEL ?? "";
const PASSWORD = "orchid tundra pylon basket";
const SIZES = { entries: 500, findings: 200, factors: 100, actions: 200 };

// ---------------------------------------------------------------------------
// Figures

const results = { server: [], browser: [], adds: [], imports: [], firstLoad: [] };
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const kb = (bytes) => (bytes / 1024).toFixed(1);
const spread = (values, show = ms) =>
  `${show(median(values))} (${show(Math.min(...values))}–${show(Math.max(...values))})`;
const log = (text) => console.log(`# ${text}`);

// ---------------------------------------------------------------------------
// The workspace file: varied, plausible text from a seeded generator, so
// that every run imports the same file.

function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low, high) => low + Math.floor(next() * (high - low + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const some = (list, low, high) => {
    const copy = [...list];
    const count = Math.min(copy.length, int(low, high));
    const chosen = [];
    for (let i = 0; i < count; i++) chosen.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return chosen;
  };
  return { next, int, pick, chance, some };
}

const ELEMENTS = ["people", "tasks", "tools-and-technology", "organisation", "internal-environment", "external-environment"];
const SOURCES = ["clinical-record", "device-log", "interview", "statement", "observation", "policy-document", "call-record"];
// actions.rs: each kind of change and the strength the table suggests.
const INTERVENTIONS = {
  "physical-change": "stronger",
  "forcing-function": "stronger",
  "simplify-process": "stronger",
  standardise: "stronger",
  "usability-testing": "stronger",
  "leadership-involvement": "stronger",
  "staffing-or-workload": "intermediate",
  "software-or-device-settings": "intermediate",
  "remove-distractions": "intermediate",
  "checklist-or-cognitive-aid": "intermediate",
  "remove-look-alikes": "intermediate",
  "read-back": "intermediate",
  redundancy: "intermediate",
  "documentation-or-communication-tools": "intermediate",
  "simulation-training": "intermediate",
  "double-check": "weaker",
  "warning-alert-or-label": "weaker",
  "new-procedure": "weaker",
  "training-alone": "weaker",
  "further-study-or-audit": "weaker",
};
const STATUSES = ["proposed", "agreed", "in-progress", "done"];

const ROLES = [
  "Duty doctor", "Locum GP", "Practice nurse", "Healthcare assistant", "Medical secretary", "Receptionist",
  "Practice manager", "Deputy practice manager", "Ward nurse", "Nurse in charge", "Foundation doctor",
  "Registrar", "Consultant", "Pharmacist", "Pharmacy technician", "Paramedic", "Call handler",
  "Clinical navigator", "Discharge coordinator", "Bed manager", "Porter", "Radiographer", "Patient", "Relative",
];
const PLACES = [
  "Consulting room 3", "Reception", "Administration office", "Ward 7", "Ward 12", "Emergency department",
  "Acute medical unit", "Radiology", "Pharmacy", "Patient's home", "Ambulance", "Discharge lounge",
  "Nurses' station", "Treatment room", "Telephone", "Out-of-hours base",
];
const SOURCE_DETAILS = [
  "Consultation note in the practice record", "Practice system audit trail (its clock ran about 6 minutes slow)",
  "Interview with the deputy practice manager", "Written statement, 20 February", "Nursing observation chart",
  "Electronic prescribing audit log", "Call recording and dispatch log", "Referral management system log",
  "Ward handover sheet", "Infusion pump event log (clock offset not known)", "Discharge summary",
  "Interview with the patient's daughter", "Observation of the morning huddle", "Task list export",
];
// Sentences with slots ({role}, {system}, {n}…) filled at random, so that
// no two entries read alike and compression sees text much as it would
// in a real investigation's, not the same sentences over and over.
const SLOTS = {
  role: ROLES.filter((role) => !["Patient", "Relative"].includes(role)).map((role) => role.toLowerCase()),
  place: ["ward 7", "ward 12", "the emergency department", "the acute medical unit", "the administration office", "reception", "the treatment room", "the discharge lounge", "radiology", "the pharmacy", "the patient's home", "the out-of-hours base", "bay 4", "side room 2", "the nurses' station"],
  system: ["the practice system", "the electronic patient record", "the referral portal", "the e-prescribing system", "the shared task list", "the bed board", "the results inbox", "the pager system", "the observation app", "the dispatch system", "the discharge template"],
  thing: ["the urgent referral", "the blood results", "the second set of observations", "the discharge letter", "the medicines chart", "the infusion", "the repeat prescription", "the chest X-ray report", "the safeguarding form", "the fluid balance chart", "the consent form", "the transfer request", "the interpreter booking", "the follow-up appointment", "the anticoagulation plan", "the sepsis screen"],
  symptom: ["worsening breathlessness", "a new cough", "chest pain on exertion", "confusion since the morning", "a change in bowel habit", "a high temperature", "pain in the left calf", "dizziness on standing", "vomiting since the night before", "a rash on both arms", "a fall at home", "reduced fetal movements"],
  day: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  n: ["two", "three", "four", "five", "six", "seven", "eight", "nine"],
  team: ["the day team", "the night team", "the weekend team", "the community team", "the medical team", "the surgical team", "the district nurses", "the out-of-hours service", "the hospital switchboard", "the pathology lab"],
};
const OPENERS = [
  "The patient is seen by the {role} about {symptom} and {symptom}",
  "A task asking for {thing} is sent to the {role} through {system}",
  "The morning huddle in {place} discusses staffing and {nn} open tasks",
  "Observations are taken by the {role} and the early warning score is recorded as {score}",
  "The {role} reviews {thing} after the ward round in {place}",
  "A telephone call from the patient's daughter about {symptom} is taken by the {role}",
  "The {role} drafts {thing} from the template in {system}",
  "The infusion pump in {place} alarms for an occlusion and the {role} silences it",
  "The {role} starts {thing} but does not finish it before the shift ends at {time}",
  "The results of {thing} arrive in {system} and are filed to the {role}",
  "Handover between {team} and {team} takes place in {place}",
  "The {role} bleeps the on-call registrar about {symptom}",
  "The {role} asks for an ambulance to take the patient to {place}",
  "The {role} opens {system} and finds {nn} tasks still open",
  "The {role} asks the {role} for access to {system}",
  "{Thing} is due at {time} but is not recorded by {team}",
  "The bed manager tells the {role} there is no bed in {place} until {time}",
  "The patient is moved from {place} to {place} by the {role}",
  "The weekly check of {thing} falls due and is left for {day}",
  "The {role} triages the call about {symptom} using the standard protocol",
];
const DETAILS = [
  "{N} of the {role}s were on leave that week, and {system} sorted the list by date rather than urgency.",
  "{System} showed the task as complete, while {thing} linked to it was still a draft.",
  "The template asked for a code that the {role} could not look up, so {thing} was written as free text.",
  "The rota showed {n} staff short in {place} from {time}, covered by moving the {role} from another area.",
  "The alarm was the {ordinal} that hour on the same pump, and the others had each been a false alarm.",
  "{Thing} was on paper in {place} and electronic in {place}, so the two did not match at transfer.",
  "The result was flagged as abnormal in {system} but went to the inbox of a {role} who had left on {day}.",
  "The handover sheet used by {team} had no field for {thing}.",
  "The {role} was covering {place}, {place} and {team} at the time.",
  "The protocol's question about {symptom} did not fit the way the caller described it.",
  "The printer in {place} had been out of order since {day}, so {thing} was kept on screen.",
  "A new version of {system} had moved the button that sends {thing} {n} days earlier.",
  "{Place} had {n} patients with similar names, two of them in neighbouring bays.",
  "The check of {thing} had been part of the {role}'s role, which was vacant that month.",
  "The patient's first language was not English and the interpreter booked for {time} did not arrive.",
  "Everyone involved said this way of handling {thing} had worked for months without a problem.",
  "{System} was slow between {time} and {time}, taking up to {nn} seconds to open a record.",
  "The {role} was interrupted {n} times while preparing {thing}.",
];
const CONSEQUENCES = [
  "Nothing is sent that day.",
  "{Thing} is left to do after lunch.",
  "The score is not escalated to the {role}.",
  "The patient is told to expect a call within {n} days.",
  "{Thing} stays in the drafts folder of {system}.",
  "The dose is given {nn} minutes later than prescribed.",
  "The family are told the {role} will ring them back by {time}.",
  "The plan is in the notes but not on the handover to {team}.",
  "The transfer to {place} goes ahead without {thing}.",
  "The {role} repeats the request by telephone to {team}.",
  "No one is asked to follow up {thing}.",
  "The next review is booked for {day}.",
];
const NOTES = [
  "Work as imagined: the {role} completes {thing} before the end of the session. Work as done: it went to the {role} by task in {system}, a workaround that made sense while the template was unavailable.",
  "Leaving {thing} for a quieter hour made sense at the time, with {nn} open tasks and the phones ringing.",
  "The early warning score of {score} called for escalation, but the route depended on the {role}, who was in {place}.",
  "Alarm fatigue described by the {role} matches the pump's event log: most alarms that week were cleared within a minute.",
  "Handover between {team} and {team} relied on memory for anything not on the sheet, and {thing} was not on it.",
  "The protocol was followed as written; the mismatch was between the protocol and how people describe {symptom}.",
  "The {role} described the change to {system} as arriving without warning or training, which the release notes confirm.",
  "Two sources disagree here: {system} and the {role}'s statement differ by about {n} minutes and in order.",
  "The {role} had done {nn} similar referrals that month without a problem; nothing marked this one as different.",
];

function sentence(random, list) {
  const capital = (text) => text[0].toUpperCase() + text.slice(1);
  return random.pick(list).replace(/\{(\w+)\}/g, (_, slot) => {
    const key = slot.toLowerCase();
    let value;
    if (key === "nn") value = String(random.int(10, 180));
    else if (key === "score") value = String(random.int(3, 9));
    else if (key === "time") value = `${String(random.int(7, 22)).padStart(2, "0")}:${String(random.int(0, 11) * 5).padStart(2, "0")}`;
    else if (key === "ordinal") value = random.pick(["third", "fourth", "fifth", "sixth"]);
    else value = random.pick(SLOTS[key]);
    return slot === key ? value : capital(value);
  });
}

function workspaceFile(seed = 20261201) {
  const random = generator(seed);
  const pad = (n) => String(n).padStart(2, "0");
  const dateOf = (minute) => {
    const when = new Date(Date.UTC(2026, 1, 2, 7, 30) + minute * 60_000);
    return [
      `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())}`,
      `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}`,
    ];
  };

  const timeline = [];
  let minute = 0;
  for (let id = 1; id <= SIZES.entries; id++) {
    // Mostly minutes apart, now and then hours (a gap the timeline flags).
    minute += id % 41 === 0 ? random.int(180, 720) : random.int(2, 24);
    const [date, time] = dateOf(minute);
    const entry = {
      id,
      date,
      time,
      end_date: null,
      end_time: null,
      approximate: random.chance(0.1),
      what: [
        sentence(random, OPENERS) + ".",
        sentence(random, DETAILS),
        random.chance(0.6) ? sentence(random, DETAILS) : "",
        random.chance(0.7) ? sentence(random, CONSEQUENCES) : "",
      ]
        .filter(Boolean)
        .join(" "),
      who: random.chance(0.9) ? random.pick(ROLES) : "",
      place: random.chance(0.85) ? random.pick(PLACES) : "",
      source: random.pick(SOURCES),
      source_detail: random.chance(0.6) ? random.pick(SOURCE_DETAILS) : "",
      note: random.chance(0.4) ? sentence(random, NOTES) : "",
      problem: random.chance(0.15) ? random.pick(["care-delivery", "service-delivery"]) : null,
      elements: random.some(ELEMENTS, 0, 2),
      same_as: null,
    };
    if (random.chance(0.12)) {
      // A window, some running past midnight.
      const [endDate, endTime] = dateOf(minute + random.int(15, 240));
      entry.end_time = endTime;
      if (endDate !== date) entry.end_date = endDate;
    }
    if (id > 3 && random.chance(0.06)) entry.same_as = id - random.int(1, 3);
    timeline.push(entry);
  }

  const findings = [];
  for (let id = 1; id <= SIZES.findings; id++) {
    const element = ELEMENTS[(id - 1) % ELEMENTS.length];
    findings.push({
      id,
      element,
      kind: random.chance(0.7) ? "barrier" : "facilitator",
      text: `${sentence(random, DETAILS)} ${sentence(random, DETAILS)} Seen in the ${element.replace(/-/g, " ")} of the work system during ${random.pick(["the day shift", "the night shift", "the weekend", "the handover", "the referral process", "the transfer"])}.`,
      evidence: random.some(
        Array.from({ length: SIZES.entries }, (_, i) => i + 1),
        1,
        3,
      ).sort((a, b) => a - b),
      other_evidence: random.chance(0.3) ? random.pick(SOURCE_DETAILS) : "",
      interacts_with: random.some(ELEMENTS.filter((other) => other !== element), 0, 2),
    });
  }

  const factors = [];
  for (let id = 1; id <= SIZES.factors; id++) {
    factors.push({
      id,
      text: `${random.pick(["No one held", "Nothing in the system showed", "The workload left no time for", "The design of the screen hid", "Staffing did not allow for", "The procedure did not cover"])} ${random.pick(["the urgent referral through to sending", "an unsent letter linked to a completed task", "the check of outstanding results", "escalation when the nurse in charge was busy", "the transfer of medicines information", "a follow-up call to the family"])}. ${sentence(random, DETAILS)}`,
      elements: random.chance(0.3) ? random.some(ELEMENTS, 1, 1) : [],
      findings: random.some(
        Array.from({ length: SIZES.findings }, (_, i) => i + 1),
        1,
        3,
      ).sort((a, b) => a - b),
    });
  }

  const kinds = Object.keys(INTERVENTIONS);
  const actions = [];
  for (let id = 1; id <= SIZES.actions; id++) {
    const intervention = random.pick(kinds);
    const month = random.int(4, 12);
    actions.push({
      id,
      description: `${random.pick(["Change the practice system so that", "Redesign the task screen so that", "Add to the weekly huddle a check that", "Set the pumps so that", "Give every locum on their first day access so that", "Agree with the hospital a route so that"])} ${random.pick(["a task linked to an unsent letter cannot be marked complete", "every urgent referral is tracked until the hospital acknowledges it", "results filed to an absent clinician are reassigned the same day", "an early warning score of 5 or more reaches the nurse in charge", "the medicines chart travels with the patient", "the family are called back within a working day"])}.`,
      intervention,
      strength: INTERVENTIONS[intervention],
      strength_reason: "",
      factors: random.some(
        Array.from({ length: SIZES.factors }, (_, i) => i + 1),
        1,
        2,
      ).sort((a, b) => a - b),
      owner: random.chance(0.9) ? random.pick(["Practice manager", "Clinical lead", "Ward manager", "Head of nursing", "IT lead", "Medicines safety officer", "Patient safety lead"]) : "",
      due: random.chance(0.9) ? `2026-${pad(month)}-${pad(random.int(1, 28))}` : null,
      measure: random.chance(0.85)
        ? `${random.pick(["Monthly audit of", "Weekly count of", "Quarterly review of", "A sample of 20"])} ${random.pick(["urgent referrals acknowledged within two days", "tasks completed with unsent letters", "scores of 5 or more escalated within 30 minutes", "transfers with the medicines chart", "families called back within a day"])}, reported to the patient safety group.`
        : "",
      status: random.pick(STATUSES),
    });
  }

  return {
    format: "investigation-resources-hub/workspace",
    version: 1,
    exported: "2026-12-01",
    details: {
      title: "Benchmark: delayed escalation and an unsent referral (synthetic)",
      response: "psii",
      sector: "primary-care",
      scope:
        "A synthetic learning response of the largest size a workspace holds in its timeline, made by end2end/perf/workspace-bench.mjs: no real patient, practice or person.",
    },
    timeline,
    findings,
    factors,
    actions,
  };
}

// ---------------------------------------------------------------------------
// Fetching with the member's cookies: raw bytes as sent, and the time to
// the last byte (one kept-alive connection, as a browser would use).

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function fetchRaw(url, headers) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    http
      .get(url, { agent, headers }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode,
            encoding: response.headers["content-encoding"] ?? "identity",
            body: Buffer.concat(chunks),
            ms: performance.now() - start,
          }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

function decoded({ body, encoding }) {
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "gzip") return zlib.gunzipSync(body);
  return body;
}


// ---------------------------------------------------------------------------
// Steps in the browser

const url = (path) => new URL(path, base).href;
const hydrated = (page) => page.locator("body[data-hydrated='true']").waitFor({ state: "attached", timeout: 60_000 });

async function expectPath(page, pattern, what) {
  const path = new URL(page.url()).pathname;
  if (!pattern.test(path)) {
    const alert = await page.locator(".nhsuk-error-summary, [role=alert]").first().textContent().catch(() => "");
    throw new Error(`${what}: landed on ${page.url()} ${alert ? `(${alert.trim().replace(/\s+/g, " ")})` : ""}`);
  }
}

/** Refuses requests to other origins: the NHS.UK fonts, which the style
 * sheet loads from assets.nhs.uk. A visitor's browser would have them
 * cached or fetch them beside the page; here the outside network may be
 * slow or shut, and the `load` event waits for them (stalls of 5–10 s
 * were seen), which would measure this machine's network, not the hub. */
let refused = 0;
async function keepToHub(context) {
  const hub = new URL(base).origin;
  await context.route(
    (address) => address.origin !== hub,
    (route) => {
      refused++;
      return route.abort("blockedbyclient");
    },
  );
}

async function linkFromOutbox(to, prefix) {
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
  throw new Error(`no email to ${to} with a link under ${prefix} in ${outbox}`);
}

async function registerAndSignIn(page) {
  const email = `bench-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  await page.goto(url("/register"));
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Your name").fill("Bea Benchmark");
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/register\/check-email$/);
  await page.goto(url(await linkFromOutbox(email, "/verify-email/")));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await page.waitForURL(/\/sign-in$/);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/account$/);
  return email;
}

/** For a page that took over STALL_MS to load: where the time went (the
 * document's own timing, and each slow file), printed so that a stall is
 * explained rather than only counted. */
const STALL_MS = 2000;
async function explainStall(page, what, took) {
  if (took < STALL_MS) return;
  const report = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType("navigation");
    const round = (value) => Math.round(value);
    const slow = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.duration > 500)
      .map((entry) => `${new URL(entry.name).pathname} from ${round(entry.startTime)} for ${round(entry.duration)} ms (waiting ${round(entry.responseStart - entry.requestStart)} ms)`);
    return `document: request ${round(nav.requestStart)}, first byte ${round(nav.responseStart)}, last byte ${round(nav.responseEnd)}, DOM ready ${round(nav.domContentLoadedEventEnd)}, load ${round(nav.loadEventEnd)} ms; slow files: ${slow.join("; ") || "none"}`;
  });
  log(`STALL ${what}: ${Math.round(took)} ms. ${report}`);
}

/** Marks, in every page, two moments after its navigation started: the
 * whole document parsed, styled and laid out (every server-rendered row
 * and the chart: a layout forced as the document is complete, before the
 * page's own scripts start hydrating), and hydration's end
 * (`data-hydrated`). */
async function markMoments(context) {
  await context.addInitScript(() => {
    const mark = (name) => (window[name] ??= performance.now());
    document.addEventListener("DOMContentLoaded", () => {
      void document.documentElement.scrollHeight;
      mark("__benchLaidOut");
      const hydrated = () => document.body.dataset.hydrated === "true" && mark("__benchHydrated");
      if (!hydrated()) {
        new MutationObserver((_, observer) => hydrated() && observer.disconnect()).observe(document.body, {
          attributes: true,
          attributeFilter: ["data-hydrated"],
        });
      }
    });
  });
}

/** The moments of the page's navigation, in ms after it started. */
async function moments(page) {
  await hydrated(page);
  await page.waitForFunction(() => window.__benchLaidOut !== undefined && window.__benchHydrated !== undefined);
  return page.evaluate(() => {
    const [nav] = performance.getEntriesByType("navigation");
    return {
      origin: performance.timeOrigin,
      lastByte: nav.responseEnd,
      laidOut: window.__benchLaidOut,
      load: nav.loadEventEnd,
      hydrated: window.__benchHydrated,
      rows: document.querySelectorAll("tbody tr").length,
    };
  });
}

/** Clicks `button` and times the navigation it starts, each moment from
 * the click (this process's clock and the page's `timeOrigin` are the
 * same wall clock); then checks that `row` is on the new page. */
async function timedSubmit(page, button, row) {
  await button.scrollIntoViewIfNeeded();
  const label = await button.textContent();
  const loaded = page.waitForEvent("load", { timeout: 120_000 });
  const clicked = performance.timeOrigin + performance.now();
  await button.click();
  await loaded;
  await row().waitFor({ state: "visible", timeout: 60_000 });
  const seen = await moments(page);
  const start = seen.origin - clicked;
  const timed = {
    start,
    lastByte: start + seen.lastByte,
    laidOut: start + seen.laidOut,
    load: start + seen.load,
    hydrated: start + seen.hydrated,
    rows: seen.rows,
  };
  await explainStall(page, `after the click on “${label.trim()}”`, timed.load);
  return timed;
}

// ---------------------------------------------------------------------------

// HUB_BENCH_WRITE_FILE=path writes the workspace file there and stops,
// to look at it or import it by hand.
if (process.env.HUB_BENCH_WRITE_FILE) {
  writeFileSync(process.env.HUB_BENCH_WRITE_FILE, JSON.stringify(workspaceFile(), null, 2) + "\n");
  process.exit(0);
}
if (!outbox) {
  console.error("HUB_BENCH_OUTBOX must name the hub's outbox folder (HUB_OUTBOX_DIR)");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const browserVersion = browser.version();
const startLoad = loadavg();
let workspace; // "/workspaces/{id}"
let fileBytes;
try {
  const context = await browser.newContext();
  await keepToHub(context);
  await markMoments(context);
  const page = await context.newPage();

  log("registering and signing in a fresh member");
  await registerAndSignIn(page);

  const file = workspaceFile();
  const text = JSON.stringify(file, null, 2) + "\n";
  fileBytes = Buffer.byteLength(text);
  log(`workspace file: ${kb(fileBytes)} KB, ${SIZES.entries} entries, ${SIZES.findings} findings, ${SIZES.factors} factors, ${SIZES.actions} actions`);

  // The import, timed each round; the first workspace is the one measured.
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(url("/workspaces/import"));
    await hydrated(page);
    await page.getByLabel("Workspace file").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(text) });
    const timed = await timedSubmit(page, page.getByRole("button", { name: "Import", exact: true }), () =>
      page.locator("tr[id^='entry-']").last(),
    );
    await expectPath(page, /^\/workspaces\/\d+$/, "The import");
    results.imports.push(timed);
    workspace ??= new URL(page.url()).pathname;
    log(`import ${round + 1}: ${ms(timed.load)} ms to load, ${timed.rows} rows`);
  }
  log(`measuring ${workspace}`);

  // Server: every page and download, plain and compressed.
  const targets = [
    ["timeline page", workspace],
    ["scan page", `${workspace}?tool=scan`],
    ["plan page", `${workspace}?tool=plan`],
    ["report page", `${workspace}?tool=report`],
    ["report.md", `${workspace}/report.md`],
    ["workspace.json", `${workspace}/workspace.json`],
  ];
  const cookie = (await context.cookies(base)).map(({ name, value }) => `${name}=${value}`).join("; ");
  for (const [what, path] of targets) {
    const figures = { what, path, plain: [], compressed: [], html: 0, scripts: 0, sent: 0, encoding: "" };
    for (let round = -1; round < ROUNDS; round++) {
      const plain = await fetchRaw(url(path), { cookie, "accept-encoding": "identity" });
      const compressed = await fetchRaw(url(path), { cookie, "accept-encoding": "br, gzip" });
      if (plain.status !== 200 || compressed.status !== 200) throw new Error(`${path} answered ${plain.status}/${compressed.status}`);
      if (round < 0) continue; // warm-up
      figures.plain.push(plain.ms);
      figures.compressed.push(compressed.ms);
      figures.html = plain.body.length;
      figures.sent = compressed.body.length;
      figures.encoding = compressed.encoding;
      // What the page carries in <script> elements: mostly the data the
      // client hydrates from (Leptos's resolved resources).
      figures.scripts = [...plain.body.toString("utf8").matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/g)].reduce(
        (sum, [script]) => sum + Buffer.byteLength(script),
        0,
      );
      if (decoded(compressed).length !== plain.body.length) log(`${path}: the compressed body decodes to a different size`);
    }
    results.server.push(figures);
    log(`${what}: ${kb(figures.html)} KB, ${kb(figures.sent)} KB ${figures.encoding}, ${ms(median(figures.plain))} / ${ms(median(figures.compressed))} ms`);
  }

  // Browser: each tool page loaded with a warm cache.
  for (const [what, path] of targets.slice(0, 4)) {
    const figures = { what, path, lastByte: [], laidOut: [], load: [], hydrated: [], dom: 0 };
    for (let round = -1; round < ROUNDS; round++) {
      await page.goto(url(path), { waitUntil: "load" });
      const seen = await moments(page);
      const dom = await page.evaluate(() => document.getElementsByTagName("*").length);
      await explainStall(page, `loading ${path}`, seen.load);
      if (round < 0) continue;
      for (const key of ["lastByte", "laidOut", "load", "hydrated"]) figures[key].push(seen[key]);
      figures.dom = dom;
    }
    results.browser.push(figures);
    log(`${what}: laid out ${ms(median(figures.laidOut))} ms, load ${ms(median(figures.load))} ms, hydrated ${ms(median(figures.hydrated))} ms, ${figures.dom} elements`);
  }

  // Adding one entry: the timeline is full (500), so one goes first.
  await page.goto(url(workspace));
  const last = await page.locator("tr[id^='entry-']").last().getAttribute("id");
  await deleteEntry(page, last.replace("entry-", ""));

  const entryFigures = { what: "entry (timeline, 500 rows)", rounds: [] };
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(url(workspace));
    await hydrated(page);
    const word = `Benchword${round}${Date.now().toString(36)}`;
    const form = page.locator("form:has(input[name='action'][value='add'])");
    await form.locator("[name='date']").fill("2026-02-04");
    await form.locator("[name='time']").fill("14:05");
    await form.locator("[name='what']").fill(`${word}: the duty doctor reviews the observations and asks for a repeat set in an hour. The observation app was slow that evening.`);
    await form.locator("[name='who']").fill("Duty doctor");
    await form.locator("[name='place']").fill("Ward 7");
    await form.locator("select[name='source']").selectOption("clinical-record");
    await form.locator("[name='note']").fill("Added by the benchmark.");
    const row = () => page.locator("tr[id^='entry-']", { hasText: word });
    const timed = await timedSubmit(page, form.getByRole("button", { name: "Add to timeline" }), row);
    await expectPath(page, /^\/workspaces\/\d+$/, "Adding an entry");
    entryFigures.rounds.push(timed);
    log(`add entry ${round + 1}: laid out ${ms(timed.laidOut)} ms, load ${ms(timed.load)} ms, hydrated ${ms(timed.hydrated)} ms`);
    const id = (await row().getAttribute("id")).replace("entry-", "");
    await deleteEntry(page, id);
  }
  results.adds.push(entryFigures);

  const findingFigures = { what: "finding (scan)", rounds: [] };
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(url(`${workspace}?tool=scan`));
    await hydrated(page);
    const word = `Benchword${round}${Date.now().toString(36)}`;
    const form = page.locator("form:has(input[name='action'][value='add-finding'])");
    await form.locator("select[name='element']").selectOption(ELEMENTS[round % ELEMENTS.length]);
    await form.locator("input[name='kind'][value='barrier']").check();
    await form.locator("[name='text']").fill(`${word}: the handover sheet had no field for results awaited, so they were carried by memory.`);
    await form.locator("input[name='evidence']").nth(10 + round).check();
    await form.locator("input[name='evidence']").nth(200 + round).check();
    const row = () => page.locator("tr[id^='finding-']", { hasText: word });
    const timed = await timedSubmit(page, form.getByRole("button", { name: "Add finding" }), row);
    findingFigures.rounds.push(timed);
    log(`add finding ${round + 1}: laid out ${ms(timed.laidOut)} ms, load ${ms(timed.load)} ms, hydrated ${ms(timed.hydrated)} ms`);
  }
  results.adds.push(findingFigures);

  const actionFigures = { what: "action (plan)", rounds: [] };
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(url(`${workspace}?tool=plan`));
    await hydrated(page);
    const word = `Benchword${round}${Date.now().toString(36)}`;
    const form = page.locator("form:has(input[name='action'][value='add-action'])");
    await form.locator("[name='description']").fill(`${word}: change the task screen so that a task linked to an unsent letter cannot be marked complete.`);
    await form.locator("input[name='factors']").nth(5 + round).check();
    await form.locator("select[name='intervention']").selectOption("forcing-function");
    await form.locator("[name='owner']").fill("Practice manager");
    await form.locator("[name='due']").fill("2026-07-31");
    await form.locator("[name='measure']").fill("Monthly audit of tasks completed with unsent letters.");
    await form.locator("select[name='status']").selectOption("agreed");
    const row = () => page.locator("tr[id^='action-']", { hasText: word });
    const timed = await timedSubmit(page, form.getByRole("button", { name: "Add action" }), row);
    actionFigures.rounds.push(timed);
    log(`add action ${round + 1}: laid out ${ms(timed.laidOut)} ms, load ${ms(timed.load)} ms, hydrated ${ms(timed.hydrated)} ms`);
  }
  results.adds.push(actionFigures);

  // First load: an empty cache, signed in, as first-load.mjs counts it.
  const storageState = await context.storageState();
  for (const [what, path] of targets.slice(0, 4)) {
    const fresh = await browser.newContext({ storageState });
    await keepToHub(fresh);
    const freshPage = await fresh.newPage();
    const scripts = new Set();
    freshPage.on("requestfinished", (request) => {
      const address = new URL(request.url());
      if (/\.(js|wasm)$/.test(address.pathname)) scripts.add(address.href);
    });
    await freshPage.goto(url(path));
    await hydrated(freshPage);
    await freshPage.waitForLoadState("networkidle");
    await fresh.close();
    const sizes = await Promise.all([...scripts].map(async (address) => [address, await brotliSize(address)]));
    const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
    const files = sizes
      .sort(([, a], [, b]) => b - a)
      .map(([address, bytes]) => `${new URL(address).pathname.split("/").pop().replace(/\.[\w-]{22}\./, ".")} ${kb(bytes)}`)
      .join(", ");
    results.firstLoad.push({ what, path, total, files });
    log(`first load ${what}: ${kb(total)} KB br (${files})`);
  }
  await context.close();
} finally {
  await browser.close();
  agent.destroy();
}

async function deleteEntry(page, id) {
  await page.goto(url(`${workspace}?entry=${id}&delete=yes`));
  await page.getByRole("button", { name: "Delete entry" }).click();
  await page.waitForURL((address) => address.pathname === workspace && !address.search.includes("delete"));
}

// ---------------------------------------------------------------------------
// The tables

const title = LABEL ? ` (${LABEL})` : "";
console.log("");
console.log(`## Workspace benchmark${title}`);
console.log("");
console.log(
  `${base}; ${cpus().length} cores; load average ${startLoad.map((n) => n.toFixed(2)).join(", ")} at the start, ${loadavg()
    .map((n) => n.toFixed(2))
    .join(", ")} at the end; Chromium ${browserVersion}; ${ROUNDS} rounds, median (min–max).`,
);
console.log(
  `Requests to other origins refused (the NHS.UK fonts from assets.nhs.uk): ${refused}. Page loads over ${STALL_MS} ms are explained above the tables ("STALL").`,
);
console.log(
  `Workspace: ${SIZES.entries} entries, ${SIZES.findings} findings, ${SIZES.factors} factors, ${SIZES.actions} actions; its file ${kb(fileBytes)} KB.`,
);
console.log("");
console.log("Server, fetched with the member's cookies on one kept-alive connection (one warm-up first):");
console.log("");
console.log("| request | body | of which in `<script>` | sent (br, gzip asked) | time, plain (ms) | time, compressed (ms) |");
console.log("|---|---|---|---|---|---|");
for (const { what, path, html, scripts, sent, encoding, plain, compressed } of results.server) {
  const shown = path.replace(/\/workspaces\/\d+/, "/workspaces/{id}");
  console.log(
    `| ${what} \`${shown}\` | ${kb(html)} KB | ${scripts ? `${kb(scripts)} KB` : "–"} | ${kb(sent)} KB ${encoding} | ${spread(plain)} | ${spread(compressed)} |`,
  );
}
console.log("");
console.log("Browser, each tool page with a warm cache, each moment from the navigation's start (one warm-up first):");
console.log("");
console.log("| page | → last byte (ms) | → laid out (ms) | → `load` (ms) | → hydrated (ms) | elements |");
console.log("|---|---|---|---|---|---|");
for (const { what, lastByte, laidOut, load, hydrated, dom } of results.browser) {
  console.log(`| ${what} | ${spread(lastByte)} | ${spread(laidOut)} | ${spread(load)} | ${spread(hydrated)} | ${dom} |`);
}
console.log("");
console.log(
  "Adding one item through its form, each moment from the click: the navigation starting (the click dispatched, the form submitted, the old page unloaded), the last byte of the next page (POST, 303, GET), that page parsed, styled and laid out whole (every row and the chart, the new row among them), its `load` event, and hydrated:",
);
console.log("");
console.log("| added | → navigation start (ms) | → last byte (ms) | → laid out (ms) | → `load` (ms) | → hydrated (ms) | table rows on the page |");
console.log("|---|---|---|---|---|---|---|");
for (const { what, rounds } of [...results.adds, { what: "import of the file (→ timeline)", rounds: results.imports }]) {
  const of = (key) => rounds.map((round) => round[key]);
  console.log(
    `| ${what} | ${spread(of("start"))} | ${spread(of("lastByte"))} | ${spread(of("laidOut"))} | ${spread(of("load"))} | ${spread(of("hydrated"))} | ${rounds[rounds.length - 1].rows} |`,
  );
}
console.log("");
console.log("First load, empty cache, signed in: JS and WASM, brotli-compressed:");
console.log("");
console.log("| page | JS+WASM (br) | files |");
console.log("|---|---|---|");
for (const { what, total, files } of results.firstLoad) {
  console.log(`| ${what} | ${kb(total)} KB | ${files} |`);
}
