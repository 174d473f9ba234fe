// The declared inventory of everything the app exposes over HTTP, with what every actor must get
// from each. authorization-matrix.spec.ts discovers the pages, route handlers and server actions
// on disk and fails on any that is missing here (or listed here but gone from disk).
//
// Outcomes: pages answer a status ("200", "403", "404"), "signin" (redirect to sign-in) or
// "redirect:<path>"; route handlers a status; server actions "ok" or the ActionResult's code.
// Records answer 404 to anyone outside their scope (existence is never revealed), whole areas 403
// (DESIGN, roles table; decision 003).
//
// Server actions that write are sent, by anyone who must be refused, the input an authorized user
// would send right now (current version, valid fields), so the refusal can only come from
// authorization, and the spec checks that no row changed. Allowed callers prove they got through
// without changing the seed: with a stale version (CONFLICT: the record was found in their scope,
// nothing was written), a no-op, or a real write that the spec then undoes. `restore`, `replace`
// and `created` name every row a successful call writes (the fuzz spec sends the real input and
// relies on them); the specs check after each call that the undo left every table as it was.
import { createHash } from "node:crypto";
import { unsubscribeToken } from "@/lib/messaging/unsubscribe";
import type { ActorKey, ApiActorKey } from "./actors";
import type { RowRef, RowSet } from "./db";
import type { Ctx } from "./records";

export type Expect = Record<ActorKey, string>;

/** Outcomes that refuse the caller; anything else means the caller got through authorization. */
export const DENIALS = new Set(["signin", "401", "403", "404", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"]);

export type Target = "none" | "jordan" | "ana" | "jordanDraft" | "catalogItem" | "template" | "noPortal" | "draftItem" | "extraStaff";

export type PageCase = { target: Target; url: (c: Ctx) => string; expect: Expect };
export type PageRow = { path: string; cases: PageCase[] };

export type HandlerCase = { target: Target; url: (c: Ctx) => string; expect: Expect };
export type HandlerRow = { method: string; path: string; cases: HandlerCase[] };

export type ActionCase = {
  target: Target;
  expect: Expect;
  /** What a caller who must be refused sends: valid, as an authorized user would send it now. */
  input: (c: Ctx) => unknown;
  /** What an allowed caller sends, when it differs (a stale version, a no-op). */
  allowedInput?: (c: Ctx) => unknown;
  /** Rows a successful call updates: snapshotted before and put back after. */
  restore?: (c: Ctx) => RowRef[];
  /** Row sets a successful call replaces (delete + insert): snapshotted and put back whole. */
  replace?: (c: Ctx) => RowSet[];
  /** Rows an allowed call created (from the data it returned): deleted after. */
  created?: (data: Record<string, unknown>) => RowRef[];
};
export type ActionRow = { file: string; name: string; cases: ActionCase[] };

// ---- Access patterns (the roles table of DESIGN.md, per kind of route)

const S = "signin";
const U = "UNAUTHENTICATED";
const F = "FORBIDDEN";
const N = "NOT_FOUND";

const EVERYONE = (outcome: string, anonymous = outcome): Expect => ({
  anonymous,
  jordan: outcome,
  ana: outcome,
  maya: outcome,
  sam: outcome,
  otherClinician: outcome,
  admin: outcome,
  otherAdmin: outcome,
});

/** A page of the clinic area that is not one patient's record. */
const CLINIC_AREA: Expect = { anonymous: S, jordan: "403", ana: "403", maya: "200", sam: "200", otherClinician: "200", admin: "403", otherAdmin: "403" };
/** A clinic-wide record (catalog item, protocol): 404 in another clinic. */
const CLINIC_RECORD: Expect = { ...CLINIC_AREA, otherClinician: "404" };
/** One patient's record in the clinic area: the care team only. */
const CARE_TEAM_PAGE = {
  jordan: { ...CLINIC_AREA, otherClinician: "404" },
  ana: { ...CLINIC_AREA, maya: "404", otherClinician: "404" },
} satisfies Record<string, Expect>;

const ADMIN_AREA: Expect = { anonymous: S, jordan: "403", ana: "403", maya: "403", sam: "403", otherClinician: "403", admin: "200", otherAdmin: "200" };
const ADMIN_RECORD: Expect = { ...ADMIN_AREA, otherAdmin: "404" };

const PORTAL_AREA: Expect = { anonymous: S, jordan: "200", ana: "200", maya: "403", sam: "403", otherClinician: "403", admin: "403", otherAdmin: "403" };
const PORTAL_PAGE = {
  jordan: { ...PORTAL_AREA, ana: "404" },
  ana: { ...PORTAL_AREA, jordan: "404" },
  // Patients never see drafts, their own included.
  jordanDraft: { ...PORTAL_AREA, jordan: "404", ana: "404" },
} satisfies Record<string, Expect>;

/** A care-team write or read through a server action; `allowed` is what the care team gets. */
function careTeamAction(target: "jordan" | "ana", allowed: string): Expect {
  return { anonymous: U, jordan: F, ana: F, maya: target === "jordan" ? allowed : N, sam: allowed, otherClinician: N, admin: F, otherAdmin: F };
}

/** A portal action on the patient's own record; `allowed` is what the owner gets. */
function ownAction(target: "jordan" | "ana", allowed: string): Expect {
  return { anonymous: U, jordan: target === "jordan" ? allowed : N, ana: target === "ana" ? allowed : N, maya: F, sam: F, otherClinician: F, admin: F, otherAdmin: F };
}

/** Inviting a patient (decision 034): the care team and the clinic's admins; anyone else gets 404 or 403. */
function inviteExpect(target: "jordan" | "ana"): Expect {
  return { anonymous: U, jordan: F, ana: F, maya: target === "jordan" ? "CONFLICT" : N, sam: "CONFLICT", otherClinician: N, admin: "CONFLICT", otherAdmin: N };
}

function adminAction(admin: string, otherAdmin: string): Expect {
  return { anonymous: U, jordan: F, ana: F, maya: F, sam: F, otherClinician: F, admin, otherAdmin };
}

// ---- Pages

const page = (path: string, expect: Expect): PageRow => ({ path, cases: [{ target: "none", url: () => path, expect }] });

export const PAGES: PageRow[] = [
  page("/", { anonymous: S, jordan: "redirect:/my", ana: "redirect:/my", maya: "redirect:/clinic", sam: "redirect:/clinic", otherClinician: "redirect:/clinic", admin: "redirect:/admin/catalog", otherAdmin: "redirect:/admin/catalog" }),
  page("/sign-in", { anonymous: "200", jordan: "redirect:/my", ana: "redirect:/my", maya: "redirect:/clinic", sam: "redirect:/clinic", otherClinician: "redirect:/clinic", admin: "redirect:/admin/catalog", otherAdmin: "redirect:/admin/catalog" }),
  // Decision 034: "Forgot password?" sends a signed-in user home, as the sign-in page does; the pages
  // of an emailed link open for anyone (without a token they explain that the link does not work).
  page("/sign-in/forgot", { anonymous: "200", jordan: "redirect:/my", ana: "redirect:/my", maya: "redirect:/clinic", sam: "redirect:/clinic", otherClinician: "redirect:/clinic", admin: "redirect:/admin/catalog", otherAdmin: "redirect:/admin/catalog" }),
  page("/sign-in/welcome", EVERYONE("200")),
  page("/sign-in/reset", EVERYONE("200")),
  page("/account/password", EVERYONE("200", S)),
  page("/account/sessions", EVERYONE("200", S)),
  // Every actor here has passed its second step (or needs none), so the step's page sends them home.
  page("/sign-in/verify", { anonymous: S, jordan: "redirect:/my", ana: "redirect:/my", maya: "redirect:/clinic", sam: "redirect:/clinic", otherClinician: "redirect:/clinic", admin: "redirect:/admin/catalog", otherAdmin: "redirect:/admin/catalog" }),
  page("/account/security", EVERYONE("200", S)),

  // The admin layout checks the actor; the page itself only forwards an admin to the catalog.
  page("/admin", { ...ADMIN_AREA, admin: "redirect:/admin/catalog", otherAdmin: "redirect:/admin/catalog" }),
  page("/admin/catalog", ADMIN_AREA),
  page("/admin/catalog/new", ADMIN_AREA),
  page("/admin/clinic", ADMIN_AREA),
  { path: "/admin/catalog/[itemId]", cases: [{ target: "catalogItem", url: (c) => `/admin/catalog/${c.catalogItem.id}`, expect: ADMIN_RECORD }] },
  page("/admin/templates", ADMIN_AREA),
  page("/admin/templates/new", ADMIN_AREA),
  { path: "/admin/templates/[templateId]", cases: [{ target: "template", url: (c) => `/admin/templates/${c.template.id}`, expect: ADMIN_RECORD }] },
  page("/admin/accounts", ADMIN_AREA),
  page("/admin/accounts/new", ADMIN_AREA),
  {
    path: "/admin/accounts/[userId]",
    cases: [
      { target: "jordan", url: (c) => `/admin/accounts/${c.users.jordan}`, expect: ADMIN_RECORD },
      { target: "extraStaff", url: (c) => `/admin/accounts/${c.users.extraStaff}`, expect: ADMIN_RECORD },
    ],
  },
  { path: "/admin/accounts/patients/[patientId]", cases: [{ target: "noPortal", url: (c) => `/admin/accounts/patients/${c.patients.noPortal.id}`, expect: ADMIN_RECORD }] },
  page("/admin/audit", ADMIN_AREA),
  page("/admin/outbox", ADMIN_AREA),
  { path: "/admin/outbox/[messageId]", cases: [{ target: "none", url: (c) => `/admin/outbox/${c.outboxMessage}`, expect: ADMIN_RECORD }] },
  page("/admin/note-templates", ADMIN_AREA),
  // Outcome instruments as data (issue 16, ADR 045): each clinic's own definitions, by code.
  page("/admin/instruments", ADMIN_AREA),
  { path: "/admin/instruments/[code]", cases: [{ target: "none", url: () => "/admin/instruments/odi", expect: ADMIN_AREA }] },
  // Guideline statements (decision 044): the report of treatments chosen against a guideline.
  page("/admin/reports/guideline-overrides", ADMIN_AREA),

  page("/clinic", CLINIC_AREA),
  page("/clinic/catalog", CLINIC_AREA),
  { path: "/clinic/catalog/[itemId]", cases: [{ target: "catalogItem", url: (c) => `/clinic/catalog/${c.catalogItem.id}`, expect: CLINIC_RECORD }] },
  page("/clinic/patients/new", CLINIC_AREA),
  ...(["", "/edit", "/plans/new"] as const).map((suffix) => ({
    path: `/clinic/patients/[patientId]${suffix}`,
    cases: (["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/clinic/patients/${c.patients[t].id}${suffix}`, expect: CARE_TEAM_PAGE[t] })),
  })),
  ...(["", "/print"] as const).map((suffix) => ({
    path: `/clinic/plans/[planId]${suffix}`,
    cases: [
      ...(["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/clinic/plans/${c.plans[t].id}${suffix}`, expect: CARE_TEAM_PAGE[t] })),
      { target: "jordanDraft" as const, url: (c: Ctx) => `/clinic/plans/${c.plans.jordanDraft.id}${suffix}`, expect: CARE_TEAM_PAGE.jordan },
    ],
  })),
  {
    path: "/clinic/progress/[patientId]",
    cases: (["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/clinic/progress/${c.patients[t].id}`, expect: CARE_TEAM_PAGE[t] })),
  },
  page("/clinic/protocols", CLINIC_AREA),
  { path: "/clinic/protocols/[templateId]", cases: [{ target: "template", url: (c) => `/clinic/protocols/${c.template.id}`, expect: CLINIC_RECORD }] },
  page("/clinic/sessions", CLINIC_AREA),
  {
    path: "/clinic/sessions/[sessionId]",
    cases: [
      { target: "jordan", url: (c) => `/clinic/sessions/${c.sessions.jordanSigned.id}`, expect: CARE_TEAM_PAGE.jordan },
      { target: "ana", url: (c) => `/clinic/sessions/${c.sessions.anaUpcoming.id}`, expect: CARE_TEAM_PAGE.ana },
    ],
  },
  {
    path: "/clinic/sessions/new",
    cases: [
      { target: "none", url: () => "/clinic/sessions/new", expect: CLINIC_AREA },
      ...(["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/clinic/sessions/new?planId=${c.plans[t].id}`, expect: CARE_TEAM_PAGE[t] })),
    ],
  },

  page("/my", PORTAL_AREA),
  page("/my/plans", PORTAL_AREA),
  ...(["", "/print"] as const).map((suffix) => ({
    path: `/my/plans/[planId]${suffix}`,
    cases: (["jordan", "ana", "jordanDraft"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/my/plans/${c.plans[t].id}${suffix}`, expect: PORTAL_PAGE[t] })),
  })),
  page("/my/progress", PORTAL_AREA),
  page("/my/questionnaire", PORTAL_AREA),
  // One questionnaire by code (issue 16): a patient sees the form or "nothing to fill in".
  { path: "/my/questionnaire/[instrument]", cases: [{ target: "none", url: () => "/my/questionnaire/psfs", expect: PORTAL_AREA }] },
  page("/my/sessions", PORTAL_AREA),
  page("/my/settings", PORTAL_AREA),
  // Any other path inside an area answers its 404 within the area's layout (decision 042).
  { path: "/clinic/[...missing]", cases: [{ target: "none", url: () => "/clinic/no-such-page/here", expect: { ...CLINIC_AREA, maya: "404", sam: "404", otherClinician: "404" } }] },
  { path: "/admin/[...missing]", cases: [{ target: "none", url: () => "/admin/no-such-page/here", expect: { ...ADMIN_AREA, admin: "404", otherAdmin: "404" } }] },
  { path: "/my/[...missing]", cases: [{ target: "none", url: () => "/my/no-such-page/here", expect: { ...PORTAL_AREA, jordan: "404", ana: "404" } }] },
  // One-click unsubscribe's page (decision 035): no sign-in, and opening it changes nothing. A link
  // that verifies opens for anyone; any other token is no page at all.
  {
    path: "/unsubscribe/[token]",
    cases: [
      { target: "jordan", url: (c) => `/unsubscribe/${unsubscribeToken(c.users.jordan, "daily")}`, expect: EVERYONE("200") },
      { target: "none", url: (c) => `/unsubscribe/${unsubscribeToken(c.users.jordan, "daily").slice(0, -2)}xx`, expect: EVERYONE("404") },
      { target: "extraStaff", url: (c) => `/unsubscribe/${unsubscribeToken(c.users.extraStaff, "daily")}`, expect: EVERYONE("404") },
    ],
  },
  // Copying a plan (decision 039): the care team of the source plan; a target patient outside it is 404.
  {
    path: "/clinic/plans/[planId]/copy",
    cases: [
      ...(["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/clinic/plans/${c.plans[t].id}/copy`, expect: CARE_TEAM_PAGE[t] })),
      { target: "jordanDraft" as const, url: (c: Ctx) => `/clinic/plans/${c.plans.jordanDraft.id}/copy?patientId=${c.patients.jordan.id}&q=a`, expect: CARE_TEAM_PAGE.jordan },
      // Jordan's plan copied for Ana: only a clinician on both care teams gets the page.
      { target: "ana" as const, url: (c: Ctx) => `/clinic/plans/${c.plans.jordan.id}/copy?patientId=${c.patients.ana.id}`, expect: { ...CARE_TEAM_PAGE.ana, maya: "404" } },
    ],
  },
  // "Save as protocol" (decision 039): the plan's care team.
  {
    path: "/clinic/plans/[planId]/save-as-template",
    cases: (["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/clinic/plans/${c.plans[t].id}/save-as-template`, expect: CARE_TEAM_PAGE[t] })),
  },
  // The clinic calendar (decision 038): clinicians at /clinic/calendar, admins at /admin/calendar;
  // a malformed view or date shows today's day view.
  ...(
    [
      ["/clinic/calendar", CLINIC_AREA],
      ["/admin/calendar", ADMIN_AREA],
    ] as const
  ).map(([path, expect]) => ({
    path,
    cases: [
      { target: "none" as const, url: () => path, expect },
      { target: "none" as const, url: (c: Ctx) => `${path}?view=week&date=${c.today}`, expect },
      { target: "none" as const, url: () => `${path}?view=month&date=2026-02-31`, expect },
    ],
  })),
  // The outcome scores export (decision 048): admins.
  page("/admin/outcomes", ADMIN_AREA),
  // API clients (issue 17, ADR 047): admins only; a client of another clinic is 404 to its admin.
  page("/admin/api-clients", ADMIN_AREA),
  { path: "/admin/api-clients/[clientId]", cases: [{ target: "none", url: () => `/admin/api-clients/${E2E_API_CLIENT_ID}`, expect: ADMIN_RECORD }] },
  // FHIR protocol exchange (issue 17, decision 051)
  page("/admin/templates/import", ADMIN_AREA),
];

// ---- Route handlers

const PLAN_API = {
  jordan: { anonymous: "401", jordan: "200", ana: "404", maya: "200", sam: "200", otherClinician: "404", admin: "403", otherAdmin: "403" },
  ana: { anonymous: "401", jordan: "404", ana: "200", maya: "404", sam: "200", otherClinician: "404", admin: "403", otherAdmin: "403" },
  jordanDraft: { anonymous: "401", jordan: "404", ana: "404", maya: "200", sam: "200", otherClinician: "404", admin: "403", otherAdmin: "403" },
} satisfies Record<string, Expect>;

// The portal's calendar: a clinician holds session:read but has no portal (404), an admin holds neither (403).
const CALENDAR: Expect = { anonymous: "401", jordan: "200", ana: "200", maya: "404", sam: "404", otherClinician: "404", admin: "403", otherAdmin: "403" };

export const HANDLERS: HandlerRow[] = [
  {
    method: "GET",
    path: "/api/v1/plans/[planId]",
    cases: (["jordan", "ana", "jordanDraft"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/api/v1/plans/${c.plans[t].id}`, expect: PLAN_API[t] })),
  },
  // The PDF handout: who may read the plan (PLAN_API) may download it; decision 031.
  {
    method: "GET",
    path: "/api/v1/plans/[planId]/handout",
    cases: (["jordan", "ana", "jordanDraft"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/api/v1/plans/${c.plans[t].id}/handout`, expect: PLAN_API[t] })),
  },
  { method: "GET", path: "/my/sessions/calendar.ics", cases: [{ target: "none", url: () => "/my/sessions/calendar.ics", expect: CALENDAR }] },
  // Media: one of the seed's step pictures (decision 028) is clinic data, read by every signed-in
  // user of the clinic and by no one of another clinic; an id no record has answers like one outside
  // the actor's reach. Patients' own media: tests/e2e/media.spec.ts, tests/integration/media-upload.test.ts.
  {
    method: "GET",
    path: "/api/v1/media/[mediaId]",
    cases: [
      { target: "none", url: () => `/api/v1/media/c${"0".repeat(24)}`, expect: { ...EVERYONE("404"), anonymous: "401" } },
      {
        target: "catalogItem",
        url: (c) => `/api/v1/media/${c.catalogMedia}?w=320&f=webp`,
        expect: { ...EVERYONE("200"), anonymous: "401", otherClinician: "404", otherAdmin: "404" },
      },
    ],
  },
  // A JSON write: without a JSON body every caller meets withRoute's guard first (415).
  { method: "DELETE", path: "/api/v1/media/[mediaId]", cases: [{ target: "none", url: () => `/api/v1/media/c${"0".repeat(24)}`, expect: EVERYONE("415") }] },
  // The clinic's logo (decision 030): any signed-in user of the clinic; the seed has none (404).
  { method: "GET", path: "/api/v1/clinic/logo", cases: [{ target: "none", url: () => "/api/v1/clinic/logo", expect: { ...EVERYONE("404"), anonymous: "401" } }] },
  { method: "POST", path: "/api/v1/uploads/clinic-logo", cases: [{ target: "none", url: () => "/api/v1/uploads/clinic-logo?version=1", expect: EVERYONE("415") }] },
  // Uploads: the matrix sends no body, so every caller meets the raw-body guard first (415), as a
  // JSON write does withRoute's. Who may upload: media.spec.ts and media-upload.test.ts.
  { method: "POST", path: "/api/v1/uploads/catalog/[itemId]", cases: [{ target: "catalogItem", url: (c) => `/api/v1/uploads/catalog/${c.catalogItem.id}`, expect: EVERYONE("415") }] },
  {
    method: "POST",
    path: "/api/v1/uploads/activities/[activityId]",
    cases: [{ target: "jordan", url: (c) => `/api/v1/uploads/activities/${c.plans.jordan.activityIds[0]}`, expect: EVERYONE("415") }],
  },
  // A video's poster and captions (decision 026): the same guards first (no body: 415), whoever asks.
  // Who may add or remove them: tests/integration/media-video.test.ts and e2e media-video.spec.ts.
  { method: "POST", path: "/api/v1/uploads/media/[mediaId]/[part]", cases: [{ target: "none", url: () => `/api/v1/uploads/media/c${"0".repeat(24)}/poster`, expect: EVERYONE("415") }] },
  { method: "DELETE", path: "/api/v1/media/[mediaId]/[part]", cases: [{ target: "none", url: () => `/api/v1/media/c${"0".repeat(24)}/captions`, expect: EVERYONE("415") }] },
  {
    method: "GET",
    path: "/my/sessions/[sessionId]/calendar.ics",
    cases: [
      { target: "jordan", url: (c) => `/my/sessions/${c.sessions.jordanUpcoming.id}/calendar.ics`, expect: { ...CALENDAR, ana: "404" } },
      { target: "ana", url: (c) => `/my/sessions/${c.sessions.anaUpcoming.id}/calendar.ics`, expect: { ...CALENDAR, jordan: "404" } },
    ],
  },
  // One-click unsubscribe (RFC 8058, decision 035): no session and no Origin by design; the matrix
  // sends no form body, so every caller meets the body check first (415). What it does with a body:
  // tests/integration/reminders.test.ts and the fuzz battery.
  {
    method: "POST",
    path: "/api/v1/unsubscribe/[token]",
    cases: [{ target: "jordan", url: (c) => `/api/v1/unsubscribe/${unsubscribeToken(c.users.jordan, "daily")}`, expect: EVERYONE("415") }],
  },
  // Push notifications (decision 036): the VAPID public key is for patients, whose browsers
  // subscribe; staff have no portal to be notified about (403). Subscribing and unsubscribing are
  // JSON writes: without a JSON body every caller meets withRoute's guard first (415). Who may
  // (un)subscribe what, with real bodies: tests/e2e/push.spec.ts and tests/integration/push-subscriptions.test.ts.
  { method: "GET", path: "/api/v1/push/key", cases: [{ target: "none", url: () => "/api/v1/push/key", expect: { ...PORTAL_AREA, anonymous: "401" } }] },
  { method: "POST", path: "/api/v1/push/subscriptions", cases: [{ target: "none", url: () => "/api/v1/push/subscriptions", expect: EVERYONE("415") }] },
  { method: "DELETE", path: "/api/v1/push/subscriptions", cases: [{ target: "none", url: () => "/api/v1/push/subscriptions", expect: EVERYONE("415") }] },
  // next-auth's own endpoints are public by design: the session endpoint tells each caller about
  // their own session only; a POST without next-auth's CSRF token is refused.
  { method: "GET", path: "/api/auth/[...nextauth]", cases: [{ target: "none", url: () => "/api/auth/session", expect: EVERYONE("200") }] },
  { method: "POST", path: "/api/auth/[...nextauth]", cases: [{ target: "none", url: () => "/api/auth/session", expect: EVERYONE("400") }] },
  // The audit log's CSV export (decision 041): admins (audit:export), each of their own clinic's
  // events; everyone else 403, anonymous 401. What it holds: tests/integration/audit-export.test.ts.
  {
    method: "GET",
    path: "/api/v1/audit/export",
    cases: [{ target: "none", url: () => "/api/v1/audit/export?action=auth.sign_in", expect: { ...ADMIN_AREA, anonymous: "401" } }],
  },
  // The API's lists (decision 048): the patients list for everyone signed in (an admin the clinic's
  // demographics, a patient their own record); plans, sessions and outcomes for care teams and
  // patients (admins 403). Filtered to one patient, the plan API's pattern: 404 outside reach.
  { method: "GET", path: "/api/v1/patients", cases: [{ target: "none", url: () => "/api/v1/patients?limit=5", expect: { ...EVERYONE("200"), anonymous: "401" } }] },
  ...(["plans", "sessions", "outcomes"] as const).map((list) => ({
    method: "GET",
    path: `/api/v1/${list}`,
    cases: [
      { target: "none" as const, url: () => `/api/v1/${list}`, expect: { ...EVERYONE("200"), anonymous: "401", admin: "403", otherAdmin: "403" } },
      ...(["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/api/v1/${list}?patientId=${c.patients[t].id}`, expect: { ...PLAN_API[t], [t]: "200" } })),
    ],
  })),
  // The outcome scores' CSV: admins (the clinic's) and clinicians (their care team's); patients 403.
  // What it holds: tests/integration/outcome-export.test.ts.
  {
    method: "GET",
    path: "/api/v1/outcomes/export",
    cases: [{ target: "none", url: () => "/api/v1/outcomes/export?deidentified=1", expect: { ...EVERYONE("200"), anonymous: "401", jordan: "403", ana: "403" } }],
  },
  // The OpenAPI document: a description of the API, no data, for anyone.
  { method: "GET", path: "/api/v1/openapi.json", cases: [{ target: "none", url: () => "/api/v1/openapi.json", expect: EVERYONE("200") }] },
  // FHIR R4 Patient/$everything (issue 17, ADR 049): who may read the patient's plans (the care
  // team, the patient themself) gets the Bundle; a patient outside one's scope 404, admins 403
  // (no clinical record). What it holds: tests/integration/fhir-everything.test.ts.
  {
    method: "GET",
    path: "/api/fhir/Patient/[patientId]/$everything",
    cases: (["jordan", "ana"] as const).map((t) => ({ target: t, url: (c: Ctx) => `/api/fhir/Patient/${c.patients[t].id}/$everything`, expect: PLAN_API[t] })),
  },
  // FHIR protocol exchange (issue 17, decision 051): a protocol as a FHIR Bundle for the clinic's
  // staff (template:read), 404 in another clinic, 403 for patients. The import is a write: without
  // a JSON body every caller meets its media-type guard first (415); with one, see fhir-import.spec.ts.
  {
    method: "GET",
    path: "/api/fhir/PlanDefinition/[templateId]",
    cases: [{ target: "template", url: (c) => `/api/fhir/PlanDefinition/${c.template.id}`, expect: { anonymous: "401", jordan: "403", ana: "403", maya: "200", sam: "200", otherClinician: "404", admin: "200", otherAdmin: "404" } }],
  },
  { method: "POST", path: "/api/fhir/PlanDefinition/$import", cases: [{ target: "none", url: () => "/api/fhir/PlanDefinition/$import", expect: EVERYONE("415") }] },
  // FHIR bulk export (issue 17, decision 050): admins (and API clients) only; the permission is
  // checked before the headers, so the matrix's plain GET (no Prefer) gets 403 for everyone else
  // and 400 for admins, and starts nothing. Status and files of an export that does not exist: 404
  // to admins, 403 to everyone else. DELETE without a JSON body meets withRoute's guard first (415).
  // Kick-off, manifest, files, expiry and delete with real exports: tests/integration/bulk-export.test.ts.
  { method: "GET", path: "/api/fhir/$export", cases: [{ target: "none", url: () => "/api/fhir/$export", expect: { ...ADMIN_AREA, anonymous: "401", admin: "400", otherAdmin: "400" } }] },
  { method: "GET", path: "/api/fhir/bulk/[exportId]", cases: [{ target: "none", url: () => `/api/fhir/bulk/c${"0".repeat(24)}`, expect: { ...ADMIN_AREA, anonymous: "401", admin: "404", otherAdmin: "404" } }] },
  { method: "DELETE", path: "/api/fhir/bulk/[exportId]", cases: [{ target: "none", url: () => `/api/fhir/bulk/c${"0".repeat(24)}`, expect: EVERYONE("415") }] },
  {
    method: "GET",
    path: "/api/fhir/bulk/[exportId]/file/[name]",
    cases: [{ target: "none", url: () => `/api/fhir/bulk/c${"0".repeat(24)}/file/Patient.1.ndjson`, expect: { ...ADMIN_AREA, anonymous: "401", admin: "404", otherAdmin: "404" } }],
  },
];

// ---- Server actions

const STALE = 1000;
/** A media id no record has (the seed's own pictures are catalog media: see the GET media row above). */
const NO_MEDIA = `c${"0".repeat(24)}`;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const ODI_ALL_ONES = Object.fromEntries(
  ["painIntensity", "personalCare", "lifting", "walking", "sitting", "standing", "sleeping", "sexLife", "socialLife", "travelling"].map((s) => [s, 1]),
);
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const REMINDER_DEFAULTS = (version: number) => ({
  version,
  dailyReminder: true,
  dailyReminderTime: "18:00",
  appointmentReminders: true,
  questionnaireReminders: true,
  emailEnabled: true,
  pushEnabled: true,
  timeZone: null,
});
const sessionOf = (c: Ctx, t: "jordan" | "ana") => (t === "jordan" ? c.sessions.jordanUpcoming : c.sessions.anaUpcoming);
const home = (c: Ctx, t: "jordan" | "ana") => {
  const a = c.plans[t].homeActivity;
  if (!a) throw new Error(`${t}'s active plan has no home activity`);
  return a;
};

/** A treatment performed in a session, with parameters valid for its catalog category. */
const PARAMETERS: Record<string, Record<string, unknown>> = {
  MANUAL_THERAPY: { region: "Lumbar paraspinals L3–L5", technique: "Cross-fibre friction" },
  NEEDLING: { sites: ["L4 multifidus left"], needles: 2 },
  THERMAL: { iceMinutes: 10, heatMinutes: 10 },
  EDUCATION: { topic: "Lifting" },
  ELECTRO_LASER_SHOCKWAVE: { device: "LASER", doseJPerCm2: 6, area: "L4–L5" },
};
const performedFor = (c: Ctx, t: "jordan" | "ana") => {
  const a = c.plans[t].clinicActivity;
  return a ? [{ planActivityId: a.id, status: "COMPLETED", durationMin: 20, parameters: PARAMETERS[a.category] ?? { sets: 2, reps: 10 } }] : [];
};

const patientDetails = (c: Ctx, t: "jordan" | "ana") => {
  const p = c.patients[t];
  return { firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, email: p.email, phone: p.phone, contraindications: p.contraindications };
};
const planDetails = (c: Ctx, t: "jordan" | "ana", version: number) => {
  const p = c.plans[t];
  return { planId: p.id, version, title: p.title, condition: p.condition, icd10Code: p.icd10Code, goals: p.goals, startDate: p.startDate, reviewDate: p.reviewDate, plannedSessions: p.plannedSessions };
};
const catalogFields = (c: Ctx) => {
  const i = c.catalogItem;
  return { name: i.name, kind: i.kind, category: i.category, setting: i.setting, description: i.description, patientInstructions: i.patientInstructions, dose: i.dose, contraindications: i.contraindications, equipment: i.equipment };
};
const templateFields = (c: Ctx) => {
  const t = c.template;
  return { name: t.name, condition: t.condition, icd10Code: t.icd10Code, description: t.description, items: t.items };
};

/** One case per patient target for a care-team action. */
function perPatient(
  allowed: (t: "jordan" | "ana") => string,
  build: (t: "jordan" | "ana") => Omit<ActionCase, "target" | "expect">,
): ActionCase[] {
  return (["jordan", "ana"] as const).map((t) => ({ target: t, expect: careTeamAction(t, allowed(t)), ...build(t) }));
}

const CLINIC = "app/(clinic)/clinic";
const ADMIN = "app/(admin)/admin";

// Well-formed but meaningless WebAuthn answers: they pass the schemas and fail any check after.
const FAKE_ASSERTION = {
  id: "AAAA",
  rawId: "AAAA",
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" },
};
const FAKE_ATTESTATION = { id: "AAAA", rawId: "AAAA", type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: "e30", attestationObject: "AAAA", transports: ["internal"] } };

/** Setting up an authenticator app: staff only, and every staff actor here has one already. */
const TOTP_ENROL: Expect = { anonymous: U, jordan: F, ana: F, maya: "CONFLICT", sam: "CONFLICT", otherClinician: "CONFLICT", admin: "CONFLICT", otherAdmin: "CONFLICT" };

export const ACTIONS: ActionRow[] = [
  // The second sign-in step: every signed-in actor here has passed it (or needs none).
  {
    file: "app/(auth)/sign-in/verify/actions.ts",
    name: "verifySecondFactorAction",
    cases: [{ target: "none", expect: EVERYONE("CONFLICT", U), input: () => ({ method: "totp", code: "123456" }) }],
  },
  { file: "app/(account)/account/security/actions.ts", name: "startTotpEnrolmentAction", cases: [{ target: "none", expect: TOTP_ENROL, input: () => ({}) }] },
  { file: "app/(account)/account/security/actions.ts", name: "confirmTotpEnrolmentAction", cases: [{ target: "none", expect: TOTP_ENROL, input: () => ({ code: "123456" }) }] },
  {
    file: "app/(auth)/sign-in/verify/actions.ts",
    name: "passkeyAuthenticationOptionsAction",
    cases: [{ target: "none", expect: EVERYONE("CONFLICT", U), input: () => ({}) }],
  },
  {
    file: "app/(auth)/sign-in/verify/actions.ts",
    name: "verifyPasskeyAction",
    cases: [{ target: "none", expect: EVERYONE("CONFLICT", U), input: () => ({ response: FAKE_ASSERTION }) }],
  },
  // Any signed-in actor may ask to add a passkey: the options come back and a challenge row is kept
  // (put back after). Registering without a kept challenge is a CONFLICT.
  {
    file: "app/(account)/account/security/actions.ts",
    name: "passkeyRegistrationOptionsAction",
    cases: [{ target: "none", expect: EVERYONE("ok", U), input: () => ({}), replace: () => [{ table: "WebAuthnChallenge", column: "purpose", value: "register" }] }],
  },
  {
    file: "app/(account)/account/security/actions.ts",
    name: "registerPasskeyAction",
    cases: [{ target: "none", expect: EVERYONE("CONFLICT", U), input: () => ({ name: "Laptop", response: FAKE_ATTESTATION }) }],
  },
  // Decision 034, nobody needs to be signed in. "Forgot password?" answers every caller alike (an
  // address with no account: nothing is written but the throttle's count, which is not data). A
  // link's password is refused for everyone when the token is not one the app issued (404), which
  // the app audits as a security event.
  {
    file: "app/(auth)/sign-in/forgot/actions.ts",
    name: "requestPasswordResetAction",
    cases: [{ target: "none", expect: EVERYONE("ok"), input: () => ({ email: `matrix.${unique()}@nowhere.example` }) }],
  },
  {
    file: "app/(auth)/sign-in/actions.ts",
    name: "setPasswordWithLinkAction",
    cases: [
      {
        target: "none",
        expect: EVERYONE("NOT_FOUND"),
        input: () => ({ purpose: "PASSWORD_RESET", token: "A".repeat(43), newPassword: "four unrelated quiet words", confirm: "four unrelated quiet words" }),
      },
    ],
  },
  {
    file: "app/(account)/account/password/actions.ts",
    name: "changeOwnPasswordAction",
    // Anyone signed in may; a wrong current password is the allowed caller's proof (nothing changes).
    cases: [{ target: "none", expect: EVERYONE("VALIDATION", U), input: () => ({ currentPassword: "not-the-password-at-all", newPassword: "four unrelated quiet words", confirm: "four unrelated quiet words" }) }],
  },

  {
    file: "app/(account)/account/sessions/actions.ts",
    name: "signOutEverywhereAction",
    // Anyone signed in may. The allowed caller's proof leaves its sessions open: without the
    // dialog's confirmation the input is refused before anything runs.
    // The fuzz battery sends variants of `input` as the first allowed actor: should one be accepted
    // (two arguments: the second is ignored), that actor's session rows are put back.
    cases: [
      {
        target: "none",
        expect: EVERYONE("VALIDATION", U),
        input: () => ({ confirm: true }),
        allowedInput: () => ({ confirm: false }),
        replace: (c) => (["jordan", "ana", "maya", "sam", "admin"] as const).map((k) => ({ table: "UserSession", column: "userId", value: c.users[k] })),
      },
    ],
  },

  // Admin: accounts
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "endAccountSessionsAction",
    cases: [
      {
        target: "extraStaff",
        expect: adminAction("ok", N),
        input: (c) => ({ userId: c.users.extraStaff, confirm: true }),
        replace: (c) => [{ table: "UserSession", column: "userId", value: c.users.extraStaff }],
      },
    ],
  },
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "createAccountAction",
    cases: [
      {
        target: "none",
        expect: adminAction("ok", "ok"),
        input: () => ({ role: "CLINICIAN", name: "Matrix Probe", email: `matrix.${unique()}@example.com` }),
        // The invitation's message outlives the deleted account (its user id set to null): every
        // invitation message is put back as it was. The link's row goes with the account.
        replace: () => [{ table: "OutboundMessage", column: "kind", value: "account_invitation" }],
        created: (d) => [
          ...(d.patientId ? [{ table: "Patient", id: d.patientId as string }] : []),
          ...(d.userId ? [{ table: "User", id: d.userId as string }] : []),
        ],
      },
    ],
  },
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "setAccountActiveAction",
    cases: [
      {
        target: "extraStaff",
        expect: adminAction("ok", N),
        input: (c) => ({ userId: c.users.extraStaff, active: false, confirm: true }),
        // Already active: answers { changed: false } and writes nothing.
        allowedInput: (c) => ({ userId: c.users.extraStaff, active: true, confirm: true }),
        restore: (c) => [{ table: "User", id: c.users.extraStaff }],
      },
    ],
  },
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "changeRoleAction",
    cases: [
      {
        target: "extraStaff",
        expect: adminAction("ok", N),
        input: (c) => ({ userId: c.users.extraStaff, role: "ADMIN", confirm: true }),
        allowedInput: (c) => ({ userId: c.users.extraStaff, role: "CLINICIAN", confirm: true }),
        restore: (c) => [{ table: "User", id: c.users.extraStaff }],
      },
    ],
  },
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "resetPasswordAction",
    // Emails a reset link (decision 034): the link's row and its message are put back after.
    cases: [
      {
        target: "extraStaff",
        expect: adminAction("ok", N),
        input: (c) => ({ userId: c.users.extraStaff, confirm: true }),
        restore: (c) => [{ table: "User", id: c.users.extraStaff }],
        replace: (c) => [
          { table: "AccountToken", column: "userId", value: c.users.extraStaff },
          { table: "OutboundMessage", column: "userId", value: c.users.extraStaff },
        ],
      },
    ],
  },
  // Inviting a patient to the portal (decision 034), from the admin's accounts pages: every seeded
  // patient has set up their account, so whoever may invite meets CONFLICT and nothing is written.
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "invitePatientAction",
    cases: (["jordan", "ana"] as const).map((t) => ({ target: t, expect: inviteExpect(t), input: (c: Ctx) => ({ patientId: c.patients[t].id, email: c.patients[t].email }) })),
  },
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "resetSecondFactorsAction",
    cases: [
      {
        target: "extraStaff",
        expect: adminAction("ok", N),
        input: (c) => ({ userId: c.users.extraStaff, confirm: true }),
        restore: (c) => [{ table: "User", id: c.users.extraStaff }],
      },
    ],
  },
  {
    file: `${ADMIN}/accounts/actions.ts`,
    name: "assignCareTeamAction",
    cases: (["jordan", "ana"] as const).map((t) => ({
      target: t,
      expect: adminAction("CONFLICT", N),
      input: (c: Ctx) => ({ patientId: c.patients[t].id, version: c.patients[t].version, members: c.patients[t].careTeam }),
      allowedInput: (c: Ctx) => ({ patientId: c.patients[t].id, version: c.patients[t].version + STALE, members: c.patients[t].careTeam }),
      restore: (c: Ctx) => [{ table: "Patient", id: c.patients[t].id }],
      replace: (c: Ctx) => [{ table: "CareTeamMember", column: "patientId", value: c.patients[t].id }],
    })),
  },

  // Admin: catalog
  {
    file: `${ADMIN}/catalog/actions.ts`,
    name: "createCatalogItemAction",
    cases: [
      {
        target: "none",
        expect: adminAction("ok", "ok"),
        input: (c) => ({ ...catalogFields(c), name: `Matrix probe ${unique()}` }),
        created: (d) => [{ table: "CatalogItem", id: d.id as string }],
      },
    ],
  },
  {
    file: `${ADMIN}/catalog/actions.ts`,
    name: "updateCatalogItemAction",
    cases: [
      {
        target: "catalogItem",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.catalogItem.id, version: c.catalogItem.version, ...catalogFields(c) }),
        allowedInput: (c) => ({ id: c.catalogItem.id, version: c.catalogItem.version + STALE, ...catalogFields(c) }),
        restore: (c) => [{ table: "CatalogItem", id: c.catalogItem.id }],
      },
    ],
  },
  {
    file: `${ADMIN}/catalog/actions.ts`,
    name: "changeCatalogItemStatusAction",
    cases: [
      {
        target: "catalogItem",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.catalogItem.id, version: c.catalogItem.version, status: "RETIRED", usage: "matrix-usage-fingerprint" }),
        allowedInput: (c) => ({ id: c.catalogItem.id, version: c.catalogItem.version + STALE, status: "RETIRED", usage: "matrix-usage-fingerprint" }),
        restore: (c) => [{ table: "CatalogItem", id: c.catalogItem.id }],
      },
    ],
  },
  {
    file: `${ADMIN}/catalog/actions.ts`,
    name: "deleteCatalogItemAction",
    cases: [
      {
        target: "draftItem",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.draftItem.id, version: c.draftItem.version, confirm: true }),
        allowedInput: (c) => ({ id: c.draftItem.id, version: c.draftItem.version + STALE, confirm: true }),
        replace: (c) => [{ table: "CatalogItem", column: "id", value: c.draftItem.id }],
      },
    ],
  },

  // Admin: templates
  {
    file: `${ADMIN}/templates/actions.ts`,
    name: "createTemplateAction",
    cases: [
      {
        target: "none",
        // Another clinic's admin may create templates, but not from this clinic's treatments.
        expect: adminAction("ok", "VALIDATION"),
        input: (c) => ({ ...templateFields(c), name: `Matrix probe ${unique()}`, items: c.template.items.filter((i) => i.catalogItemId === c.catalogItem.id) }),
        created: (d) => [{ table: "PlanTemplate", id: d.id as string }],
      },
    ],
  },
  {
    file: `${ADMIN}/templates/actions.ts`,
    name: "updateTemplateAction",
    cases: [
      {
        target: "template",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.template.id, version: c.template.version, ...templateFields(c) }),
        allowedInput: (c) => ({ id: c.template.id, version: c.template.version + STALE, ...templateFields(c) }),
        restore: (c) => [{ table: "PlanTemplate", id: c.template.id }],
        replace: (c) => [{ table: "PlanTemplateItem", column: "templateId", value: c.template.id }],
      },
    ],
  },
  {
    file: `${ADMIN}/templates/actions.ts`,
    name: "changeTemplateStatusAction",
    cases: [
      {
        target: "template",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.template.id, version: c.template.version, status: "RETIRED" }),
        allowedInput: (c) => ({ id: c.template.id, version: c.template.version + STALE, status: "RETIRED" }),
        restore: (c) => [{ table: "PlanTemplate", id: c.template.id }],
      },
    ],
  },

  // Admin: note templates (decision 037). Another clinic's admin may create templates of its own;
  // this clinic's are NOT_FOUND to it. Allowed callers send a stale version (found, nothing written).
  {
    file: `${ADMIN}/note-templates/actions.ts`,
    name: "createNoteTemplateAction",
    cases: [
      {
        target: "none",
        expect: adminAction("ok", "ok"),
        input: () => ({ name: `Matrix probe ${unique()}`, subjective: "Since last visit:", objective: null, assessment: null, planNote: null }),
        created: (d) => [{ table: "NoteTemplate", id: d.id as string }],
      },
    ],
  },
  {
    file: `${ADMIN}/note-templates/actions.ts`,
    name: "updateNoteTemplateAction",
    cases: [
      {
        target: "none",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ ...c.noteTemplate }),
        allowedInput: (c) => ({ ...c.noteTemplate, version: c.noteTemplate.version + STALE }),
        restore: (c) => [{ table: "NoteTemplate", id: c.noteTemplate.id }],
      },
    ],
  },
  {
    file: `${ADMIN}/note-templates/actions.ts`,
    name: "setNoteTemplateArchivedAction",
    cases: [
      {
        target: "none",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.noteTemplate.id, version: c.noteTemplate.version, archived: true }),
        allowedInput: (c) => ({ id: c.noteTemplate.id, version: c.noteTemplate.version + STALE, archived: true }),
        restore: (c) => [{ table: "NoteTemplate", id: c.noteTemplate.id }],
      },
    ],
  },

  // Admin: guideline statements on a treatment (decision 044). Another clinic's admin finds neither
  // the treatment nor the statement.
  {
    file: `${ADMIN}/catalog/actions.ts`,
    name: "createGuidelineStatementAction",
    cases: [
      {
        target: "catalogItem",
        expect: adminAction("ok", N),
        input: (c) => ({ ...Object.fromEntries(Object.entries(c.guidelineStatement).filter(([k]) => k !== "id" && k !== "version")), catalogItemId: c.catalogItem.id }),
        created: (d) => [
          { table: "GuidelineStatementRevision", id: d.revisionId as string },
          { table: "GuidelineStatement", id: d.id as string },
        ],
      },
    ],
  },
  {
    file: `${ADMIN}/catalog/actions.ts`,
    name: "updateGuidelineStatementAction",
    cases: [
      {
        target: "draftItem",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ ...c.guidelineStatement }),
        allowedInput: (c) => ({ ...c.guidelineStatement, version: c.guidelineStatement.version + STALE }),
        restore: (c) => [{ table: "GuidelineStatement", id: c.guidelineStatement.id }],
        // Each save writes a revision (decision 044): put back whole, so a repeated save is not a duplicate version.
        replace: (c) => [{ table: "GuidelineStatementRevision", column: "statementId", value: c.guidelineStatement.id }],
      },
    ],
  },
  {
    file: `${ADMIN}/catalog/actions.ts`,
    name: "setGuidelineStatementRetiredAction",
    cases: [
      {
        target: "draftItem",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.guidelineStatement.id, version: c.guidelineStatement.version, retired: true }),
        allowedInput: (c) => ({ id: c.guidelineStatement.id, version: c.guidelineStatement.version + STALE, retired: true }),
        restore: (c) => [{ table: "GuidelineStatement", id: c.guidelineStatement.id }],
        // Each save writes a revision (decision 044): put back whole, so a repeated save is not a duplicate version.
        replace: (c) => [{ table: "GuidelineStatementRevision", column: "statementId", value: c.guidelineStatement.id }],
      },
    ],
  },

  // Clinic: patients and new plans
  {
    file: `${CLINIC}/patients/actions.ts`,
    name: "createPatientAction",
    cases: [
      {
        target: "none",
        expect: { anonymous: U, jordan: F, ana: F, maya: "ok", sam: "ok", otherClinician: "ok", admin: F, otherAdmin: F },
        input: () => ({ firstName: "Matrix", lastName: `Probe ${unique()}`, dateOfBirth: "1990-02-03", email: null, phone: null, contraindications: [] }),
        created: (d) => [{ table: "Patient", id: d.id as string }],
      },
    ],
  },
  {
    file: `${CLINIC}/patients/actions.ts`,
    name: "updatePatientAction",
    cases: perPatient(
      () => "CONFLICT",
      (t) => ({
        input: (c) => ({ patientId: c.patients[t].id, version: c.patients[t].version, ...patientDetails(c, t) }),
        allowedInput: (c) => ({ patientId: c.patients[t].id, version: c.patients[t].version + STALE, ...patientDetails(c, t) }),
        restore: (c) => [{ table: "Patient", id: c.patients[t].id }],
      }),
    ),
  },
  // "Invite to the patient app" (decision 034): both seeded patients are set up, so the care team
  // (and an admin of the clinic) meet CONFLICT and nothing is written.
  {
    file: `${CLINIC}/patients/actions.ts`,
    name: "invitePatientAction",
    cases: (["jordan", "ana"] as const).map((t) => ({ target: t, expect: inviteExpect(t), input: (c: Ctx) => ({ patientId: c.patients[t].id, email: c.patients[t].email }) })),
  },
  {
    file: `${CLINIC}/patients/actions.ts`,
    name: "previewPlanFromTemplateAction",
    cases: perPatient(
      () => "ok",
      (t) => ({ input: (c) => ({ patientId: c.patients[t].id, templateId: c.template.id }) }),
    ),
  },
  {
    file: `${CLINIC}/patients/actions.ts`,
    name: "createPlanAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({
          patientId: c.patients[t].id,
          templateId: null,
          decisions: [],
          title: "Matrix check plan",
          condition: "Low back pain",
          icd10Code: null,
          goals: "Check who may create plans.",
          startDate: c.today,
          reviewDate: null,
          plannedSessions: 0,
        }),
        created: (d) => [{ table: "TreatmentPlan", id: d.id as string }],
      }),
    ),
  },

  // Clinic: a plan's page
  ...(
    [
      ["updatePlanDetailsAction", (c: Ctx, t: "jordan" | "ana", v: number) => planDetails(c, t, v)],
      ["changePlanStatusAction", (c: Ctx, t: "jordan" | "ana", v: number) => ({ planId: c.plans[t].id, version: v, status: "ON_HOLD", reason: "Travelling for two weeks" })],
      [
        "addPlanActivityAction",
        (c: Ctx, t: "jordan" | "ana", v: number) => {
          const a = home(c, t);
          return { planId: c.plans[t].id, version: v, catalogItemId: a.catalogItemId, overrideReason: null, setting: a.setting, phase: a.phase, dose: a.dose };
        },
      ],
      [
        "updatePlanActivityAction",
        (c: Ctx, t: "jordan" | "ana", v: number) => {
          const a = home(c, t);
          return { planId: c.plans[t].id, version: v, activityId: a.id, setting: a.setting, phase: a.phase, dose: a.dose };
        },
      ],
      ["changePlanActivityStatusAction", (c: Ctx, t: "jordan" | "ana", v: number) => ({ planId: c.plans[t].id, version: v, activityId: home(c, t).id, status: "ON_HOLD" })],
      ["movePlanActivityAction", (c: Ctx, t: "jordan" | "ana", v: number) => ({ planId: c.plans[t].id, version: v, activityId: home(c, t).id, direction: "down" })],
      ["movePlanActivityToAction", (c: Ctx, t: "jordan" | "ana", v: number) => ({ planId: c.plans[t].id, version: v, activityId: home(c, t).id, toIndex: 0 })],
    ] as const
  ).map(
    ([name, build]): ActionRow => ({
      file: `${CLINIC}/plans/[planId]/actions.ts`,
      name,
      cases: perPatient(
        () => "CONFLICT",
        (t) => ({
          input: (c) => build(c, t, c.plans[t].version),
          allowedInput: (c) => build(c, t, c.plans[t].version + STALE),
          restore: (c) => [{ table: "TreatmentPlan", id: c.plans[t].id }, ...c.plans[t].activityIds.map((id) => ({ table: "PlanActivity", id }))],
          created: (d) => (name === "addPlanActivityAction" && d.activityId ? [{ table: "PlanActivity", id: d.activityId as string }] : []),
        }),
      ),
    }),
  ),
  {
    file: `${CLINIC}/plans/[planId]/actions.ts`,
    name: "searchCatalogAction",
    cases: [{ target: "none", expect: { ...EVERYONE("ok", U), jordan: F, ana: F }, input: () => ({ q: "stretch" }) }],
  },
  {
    file: `${CLINIC}/plans/[planId]/actions.ts`,
    name: "getCatalogItemAction",
    cases: [
      {
        target: "catalogItem",
        expect: { anonymous: U, jordan: F, ana: F, maya: "ok", sam: "ok", otherClinician: N, admin: "ok", otherAdmin: N },
        input: (c) => ({ id: c.catalogItem.id }),
      },
    ],
  },

  // Clinic: sessions
  {
    file: `${CLINIC}/sessions/actions.ts`,
    name: "scheduleSessionAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({ planId: c.plans[t].id, date: addDays(c.today, 180), time: "06:00", durationMin: 30 }),
        created: (d) => [{ table: "Session", id: d.id as string }],
      }),
    ),
  },
  ...(
    [
      ["rescheduleSessionAction", (c: Ctx, t: "jordan" | "ana", v: number) => ({ sessionId: sessionOf(c, t).id, version: v, date: addDays(c.today, 30), time: "07:00", durationMin: 45 })],
      ["changeSessionStatusAction", (c: Ctx, t: "jordan" | "ana", v: number) => ({ sessionId: sessionOf(c, t).id, version: v, status: "CANCELLED", reason: "Patient called to cancel", confirm: true })],
      [
        "saveSessionNoteAction",
        (c: Ctx, t: "jordan" | "ana", v: number) => ({
          sessionId: sessionOf(c, t).id,
          version: v,
          painBefore: 5,
          painAfter: 3,
          subjective: "Stiff in the mornings.",
          objective: "Flexion limited.",
          assessment: "Improving.",
          planNote: "Continue.",
          adverseEvent: null,
          patientSummary: "Keep going.",
          performed: performedFor(c, t),
        }),
      ],
      ["signSessionNoteAction", (c: Ctx, t: "jordan" | "ana", v: number) => ({ sessionId: sessionOf(c, t).id, version: v, confirm: true })],
    ] as const
  ).map(
    ([name, build]): ActionRow => ({
      file: `${CLINIC}/sessions/actions.ts`,
      name,
      cases: perPatient(
        () => "CONFLICT",
        (t) => ({
          input: (c) => build(c, t, sessionOf(c, t).version),
          allowedInput: (c) => build(c, t, sessionOf(c, t).version + STALE),
          restore: (c) => [{ table: "Session", id: sessionOf(c, t).id }],
          // A move or a cancellation that gets through (a fuzz variant) tells the patient (decision 035).
          replace: (c) => [
            { table: "PerformedTreatment", column: "sessionId", value: sessionOf(c, t).id },
            { table: "OutboundMessage", column: "userId", value: c.users[t] },
          ],
        }),
      ),
    }),
  ),
  {
    file: `${CLINIC}/sessions/actions.ts`,
    name: "addSessionAddendumAction",
    // Jordan's signed session takes an addendum; Ana has no signed note, so her care team gets
    // VALIDATION ("edit the draft note directly"): found in scope, nothing written.
    cases: perPatient(
      (t) => (t === "jordan" ? "ok" : "VALIDATION"),
      (t) => ({
        input: (c) => ({ sessionId: t === "jordan" ? c.sessions.jordanSigned.id : c.sessions.anaUpcoming.id, text: "Correction: pain on arrival was 6/10." }),
        created: (d) => [{ table: "SessionAddendum", id: d.id as string }],
      }),
    ),
  },
  {
    file: `${CLINIC}/sessions/actions.ts`,
    name: "copyForwardNoteAction",
    // A read (audited) of the last signed note before an upcoming session: Jordan's plan has one;
    // Ana's has no signed note, so her care team gets VALIDATION (found in scope, nothing to copy).
    cases: perPatient(
      (t) => (t === "jordan" ? "ok" : "VALIDATION"),
      (t) => ({ input: (c) => ({ sessionId: t === "jordan" ? c.sessions.jordanUpcoming.id : c.sessions.anaUpcoming.id }) }),
    ),
  },
  {
    file: `${CLINIC}/sessions/actions.ts`,
    name: "recordOutcomeAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({ instrument: "NPRS", patientId: c.patients[t].id, planId: c.plans[t].id, sessionId: null, context: "INTERIM", pain: 3 }),
        created: (d) => [{ table: "OutcomeResponse", id: d.id as string }],
      }),
    ),
  },

  // Patient portal
  {
    file: "app/(patient)/my/actions.ts",
    name: "logHomeActivityAction",
    cases: (["jordan", "ana"] as const).map((t) => ({
      target: t,
      expect: ownAction(t, "ok"),
      input: (c: Ctx) => ({ planActivityId: home(c, t).id, date: c.today, done: true, painDuring: 2, difficulty: 2, note: null }),
      created: (d: Record<string, unknown>) => (d.created ? [{ table: "HomeLog", id: d.id as string }] : []),
    })),
  },
  {
    file: "app/(patient)/my/actions.ts",
    name: "undoHomeLogAction",
    // Refused callers send a real "undo the first log of today"; the own patient sends a slot no
    // activity has (a no-op: nothing to take back). The activity's logs are put back whole either way.
    cases: (["jordan", "ana"] as const).map((t) => ({
      target: t,
      expect: ownAction(t, "ok"),
      input: (c: Ctx) => ({ planActivityId: home(c, t).id, date: c.today, slot: 1 }),
      allowedInput: (c: Ctx) => ({ planActivityId: home(c, t).id, date: c.today, slot: 24 }),
      replace: (c: Ctx) => [{ table: "HomeLog", column: "planActivityId", value: home(c, t).id }],
    })),
  },
  {
    file: "app/(patient)/my/actions.ts",
    name: "selfReportPainAction",
    cases: [
      {
        target: "none",
        expect: { anonymous: U, jordan: "ok", ana: "ok", maya: F, sam: F, otherClinician: F, admin: F, otherAdmin: F },
        input: () => ({ pain: 3 }),
        created: (d) => (d.updated ? [] : [{ table: "OutcomeResponse", id: d.id as string }]),
      },
    ],
  },
  // Reminder settings (decision 035): the patient's own, no record id. Refused callers send the
  // defaults at version 1 (the seed has no settings row); patients a stale version (CONFLICT: the
  // defaults row the save would write is rolled back with it).
  {
    file: "app/(patient)/my/settings/actions.ts",
    name: "updateMyPreferencesAction",
    cases: [
      {
        target: "none",
        expect: { anonymous: U, jordan: "CONFLICT", ana: "CONFLICT", maya: F, sam: F, otherClinician: F, admin: F, otherAdmin: F },
        input: () => REMINDER_DEFAULTS(1),
        allowedInput: () => REMINDER_DEFAULTS(1 + STALE),
        replace: (c) => (["jordan", "ana"] as const).map((k) => ({ table: "NotificationPreference", column: "userId", value: c.users[k] })),
      },
    ],
  },
  // Admin: clinic settings (decision 030). Refused callers send the demo clinic's current settings;
  // admins a stale version (CONFLICT: nothing written), the other clinic's admin on their own clinic.
  {
    file: `${ADMIN}/clinic/actions.ts`,
    name: "updateClinicSettingsAction",
    cases: [
      {
        target: "none",
        expect: adminAction("CONFLICT", "CONFLICT"),
        input: (c) => ({ ...c.clinic }),
        allowedInput: (c) => ({ ...c.clinic, version: c.clinic.version + STALE }),
        restore: (c) => [{ table: "Clinic", id: c.clinicId }],
      },
    ],
  },
  {
    file: `${ADMIN}/clinic/actions.ts`,
    name: "removeClinicLogoAction",
    cases: [
      {
        target: "none",
        expect: adminAction("CONFLICT", "CONFLICT"),
        input: (c) => ({ version: c.clinic.version, confirm: true }),
        allowedInput: (c) => ({ version: c.clinic.version + STALE, confirm: true }),
        restore: (c) => [{ table: "Clinic", id: c.clinicId }],
      },
    ],
  },
  // Reorder and edit media (decision 029). Catalog media: one of the seed's step pictures (decision
  // 028) at a stale version, so the clinic's admin meets CONFLICT (nothing written), the other
  // clinic's admin NOT_FOUND, everyone else the refusal of their role. Activity media: the seed has
  // none, so a clinician meets NOT_FOUND after authorization. tests/integration/media-manage.test.ts
  // covers real rows, 409s and the care team.
  ...(["moveCatalogMediaAction", "updateCatalogMediaAction"] as const).map((name) => ({
    file: `${ADMIN}/catalog/actions.ts`,
    name,
    cases: [
      {
        target: "none" as const,
        expect: adminAction("CONFLICT", N),
        input: (c: Ctx) => ({ mediaId: c.catalogMedia, version: 1 + STALE, direction: "down", altText: "Drawing of the start position", caption: null }),
      },
    ],
  })),
  ...(["moveActivityMediaAction", "updateActivityMediaAction", "removeActivityMediaAction"] as const).map((name) => ({
    file: `${CLINIC}/plans/[planId]/actions.ts`,
    name,
    cases: [
      {
        target: "none" as const,
        expect: { anonymous: U, jordan: F, ana: F, maya: N, sam: N, otherClinician: N, admin: F, otherAdmin: F },
        input: () => ({ mediaId: NO_MEDIA, version: 1, direction: "up", altText: "Your bridge", caption: null, confirm: true }),
      },
    ],
  })),
  // Copying a plan (decision 039): a new draft for the same patient; every activity carries an
  // override reason so a seeded conflict cannot turn the call into VALIDATION.
  {
    file: `${CLINIC}/plans/[planId]/actions.ts`,
    name: "copyPlanAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({
          planId: c.plans[t].id,
          patientId: c.patients[t].id,
          startDate: c.today,
          decisions: c.plans[t].activityIds.map((activityId) => ({ activityId, action: "override", reason: "Matrix check of who may copy plans." })),
        }),
        created: (d) => [{ table: "TreatmentPlan", id: d.id as string }],
      }),
    ),
  },
  // A clinician's own protocols (decision 039): saved from a care-team plan; admins answer proposals.
  {
    file: `${CLINIC}/plans/[planId]/actions.ts`,
    name: "saveAsTemplateAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({ planId: c.plans[t].id, name: `Matrix probe ${unique()}`, description: "", visibility: "PROPOSE" }),
        created: (d) => [{ table: "PlanTemplate", id: d.id as string }],
      }),
    ),
  },
  {
    // The seeded protocol is the clinic's own, never proposed: a stale version is CONFLICT (found,
    // nothing written); the current one VALIDATION ("not awaiting approval").
    file: `${ADMIN}/templates/actions.ts`,
    name: "reviewTemplateProposalAction",
    cases: [
      {
        target: "template",
        expect: adminAction("CONFLICT", N),
        input: (c) => ({ id: c.template.id, version: c.template.version, decision: "DECLINE", reason: "We have one already." }),
        allowedInput: (c) => ({ id: c.template.id, version: c.template.version + STALE, decision: "DECLINE", reason: "We have one already." }),
        restore: (c) => [{ table: "PlanTemplate", id: c.template.id }],
      },
    ],
  },
  // A series of sessions (decision 038): the preview writes nothing; booking creates the occurrences.
  {
    file: `${CLINIC}/sessions/actions.ts`,
    name: "previewSessionSeriesAction",
    cases: perPatient(
      () => "ok",
      (t) => ({ input: (c) => ({ planId: c.plans[t].id, date: addDays(c.today, 200), time: "06:00", durationMin: 30, frequency: "WEEKLY", count: 3 }) }),
    ),
  },
  {
    file: `${CLINIC}/sessions/actions.ts`,
    name: "scheduleSessionSeriesAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({ planId: c.plans[t].id, date: addDays(c.today, 200), time: "06:00", durationMin: 30, frequency: "WEEKLY", count: 2 }),
        created: (d) => (d.ids as string[]).map((id) => ({ table: "Session", id })),
      }),
    ),
  },
  // Outcome instruments as data (issue 16, ADR 045). Any questionnaire answer claims the plan's
  // open ask: Jordan's plan has an ODI request open (seed), Ana's none (CONFLICT).
  {
    file: "app/(patient)/my/actions.ts",
    name: "selfReportQuestionnaireAction",
    cases: (["jordan", "ana"] as const).map((t) => ({
      target: t,
      expect: ownAction(t, t === "jordan" ? "ok" : "CONFLICT"),
      input: (c: Ctx) => ({ instrument: "ODI", planId: c.plans[t].id, sections: ODI_ALL_ONES }),
      restore: (c: Ctx) => [{ table: "TreatmentPlan", id: c.plans[t].id }],
      // Answering claims the ask: a MeasureOccurrence row on the plan (decision 046), put back whole.
      replace: (c: Ctx) => [{ table: "MeasureOccurrence", column: "planId", value: c.plans[t].id }],
      created: (d: Record<string, unknown>) => [{ table: "OutcomeResponse", id: d.id as string }],
    })),
  },
  // Licensed ODI wording: admins of either clinic send a stale version (CONFLICT, nothing written).
  {
    file: `${ADMIN}/instruments/actions.ts`,
    name: "loadLicensedOdiWordingAction",
    cases: [
      {
        target: "none",
        // Both clinics' admins reach the version check with a stale version (nothing written); a
        // real load is tested in tests/e2e/instruments.spec.ts and tests/integration/instruments.test.ts.
        expect: adminAction("CONFLICT", "CONFLICT"),
        input: () => ({ version: 1 + STALE, wording: LICENSED_ODI_WORDING }),
        allowedInput: () => ({ version: 1 + STALE, wording: LICENSED_ODI_WORDING }),
      },
    ],
  },
  // Measure schedules (issue 16, decision 046): adding creates entries; "Ask now" creates a one-off
  // entry and tells the patient (the message rows are put back); removing with a stale version is a CONFLICT.
  {
    file: `${CLINIC}/plans/[planId]/measure-actions.ts`,
    name: "addMeasureSchedulesAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({ planId: c.plans[t].id, entries: [{ instrument: "RMDQ", rule: "EVERY_N_WEEKS", everyWeeks: 4, answeredBy: "PATIENT" }] }),
        created: (d) => (d.ids as string[]).map((id) => ({ table: "MeasureSchedule", id })),
      }),
    ),
  },
  {
    file: `${CLINIC}/plans/[planId]/measure-actions.ts`,
    name: "askMeasureNowAction",
    cases: perPatient(
      () => "ok",
      (t) => ({
        input: (c) => ({ planId: c.plans[t].id, instrument: "PSFS", requested: true }),
        replace: (c) => [{ table: "OutboundMessage", column: "userId", value: c.users[t] }],
        created: (d) => (d.scheduleId ? [{ table: "MeasureSchedule", id: d.scheduleId as string }] : []),
      }),
    ),
  },
  {
    file: `${CLINIC}/plans/[planId]/measure-actions.ts`,
    name: "removeMeasureScheduleAction",
    cases: [
      {
        target: "jordan",
        expect: careTeamAction("jordan", "CONFLICT"),
        input: (c) => ({ planId: c.plans.jordan.id, scheduleId: c.measureAsk.id, version: c.measureAsk.version, confirm: true }),
        allowedInput: (c) => ({ planId: c.plans.jordan.id, scheduleId: c.measureAsk.id, version: c.measureAsk.version + STALE, confirm: true }),
        // Removing an open "ask now" ODI also clears the plan's odiRequestedAt: the fuzz battery's
        // accepted variant (two arguments) removes it for real, so the plan is put back too.
        restore: (c) => [
          { table: "MeasureSchedule", id: c.measureAsk.id },
          { table: "TreatmentPlan", id: c.plans.jordan.id },
        ],
      },
    ],
  },
  // API clients (issue 17, ADR 047): admins of the clinic. Creating one is a real write, undone;
  // revoking is sent with a stale version by allowed callers (found, nothing written).
  {
    file: `${ADMIN}/api-clients/actions.ts`,
    name: "createApiClientAction",
    cases: [
      {
        target: "none",
        expect: adminAction("ok", "ok"),
        input: () => ({ name: `Matrix probe ${unique()}`, description: null, scopes: ["CATALOG_READ"], expiresInDays: 30, rateLimitPerMinute: 600 }),
        created: (d) => [{ table: "ApiClient", id: (d.client as { id: string }).id }],
      },
    ],
  },
  {
    file: `${ADMIN}/api-clients/actions.ts`,
    name: "revokeApiClientAction",
    cases: [
      {
        target: "none",
        expect: adminAction("CONFLICT", N),
        input: () => ({ id: E2E_API_CLIENT_ID, version: 1 }),
        allowedInput: () => ({ id: E2E_API_CLIENT_ID, version: 1 + STALE }),
        restore: () => [{ table: "ApiClient", id: E2E_API_CLIENT_ID }],
      },
    ],
  },
  // FHIR protocol import (issue 17, decision 051): admins of any clinic may import. Refused callers
  // send a valid protocol (one treatment the demo catalog has, so an import writes the protocol
  // only); allowed callers send a resource that is not a protocol (ok, with the issues; nothing written).
  {
    file: `${ADMIN}/templates/import/actions.ts`,
    name: "importProtocolAction",
    cases: [
      {
        target: "none",
        expect: adminAction("ok", "ok"),
        input: (c) => ({ text: fhirProtocolText(c) }),
        allowedInput: () => ({ text: JSON.stringify({ resourceType: "Patient", id: "probe" }) }),
        created: (d) => (d.imported ? [{ table: "PlanTemplate", id: (d.summary as { templateId: string }).templateId }] : []),
      },
    ],
  },
];

/** A valid protocol as FHIR (decision 051): one step, the demo catalog's own treatment, a PlanDefinition with it contained. */
function fhirProtocolText(c: Ctx): string {
  const ns = "https://riverside-plans.example/fhir";
  const item = c.catalogItem;
  return JSON.stringify({
    resourceType: "PlanDefinition",
    status: "active",
    title: `Matrix probe ${unique()}`,
    useContext: [{ code: { system: "http://terminology.hl7.org/CodeSystem/usage-context-type", code: "focus" }, valueCodeableConcept: { text: "Low back pain" } }],
    contained: [
      {
        resourceType: "ActivityDefinition",
        id: "a1",
        status: "active",
        title: item.name,
        description: item.description,
        usage: item.patientInstructions,
        topic: [{ coding: [{ system: `${ns}/CodeSystem/catalog-kind`, code: item.kind }] }],
        code: { coding: [{ system: `${ns}/CodeSystem/catalog-category`, code: item.category }] },
        extension: [{ url: `${ns}/StructureDefinition/setting`, valueCoding: { system: `${ns}/CodeSystem/setting`, code: item.setting } }],
      },
    ],
    action: [{ definitionCanonical: "#a1", extension: [{ url: `${ns}/StructureDefinition/treatment-phase`, valueCoding: { system: `${ns}/CodeSystem/treatment-phase`, code: "MOBILITY" } }] }],
  });
}
/** A well-formed licensed ODI wording (issue 16): ten sections of six statements. */
const LICENSED_ODI_WORDING = {
  licenceReference: "Matrix probe licence",
  sections: Object.fromEntries(
    ["painIntensity", "personalCare", "lifting", "walking", "sitting", "standing", "sleeping", "sexLife", "socialLife", "travelling"].map((s) => [s, { prompt: `Probe ${s}`, statements: [0, 1, 2, 3, 4, 5].map((n) => `Probe ${s} ${n}`) }]),
  ),
};

/** Ids of the records a target names, to fill a page's dynamic segments when posting an action. */
export function segmentValues(c: Ctx, target: Target): Record<string, string> {
  const who = target === "ana" ? "ana" : "jordan";
  return {
    planId: c.plans[who].id,
    patientId: c.patients[who].id,
    sessionId: who === "ana" ? c.sessions.anaUpcoming.id : c.sessions.jordanSigned.id,
    userId: target === "extraStaff" ? c.users.extraStaff : c.users[who],
    itemId: target === "draftItem" ? c.draftItem.id : c.catalogItem.id,
    templateId: c.template.id,
  };
}

// ---- API clients (issue 17, ADR 047)
// Every route handler × every API actor (security/actors.ts: one client per scope, all scopes,
// another clinic's, a revoked one, and a revoked token sent with a clinician's cookie). A route
// answers a bearer token only if it declares `api: { scope }` (lib/server/with-route.ts): those
// are listed here per target; every other route answers 401, whatever the token's scopes and
// whatever cookie comes with it. Pages and server actions take no bearer token either: a request
// with one is answered as an anonymous one (authorization-matrix.spec.ts).

export type ApiExpect = Record<ApiActorKey, string>;

/** The id security/actors.ts gives the e2e API client `key` (cuid-shaped, the same every run). */
export function e2eApiClientId(key: ApiActorKey): string {
  return `capi${createHash("sha256").update(key).digest("hex").slice(0, 21)}`;
}

/** A route that declares an API scope: the clients holding it, of the record's clinic, get `allowed`. */
function apiScoped(scope: "PATIENT_READ" | "CATALOG_READ" | "BULK_EXPORT", allowed: string): ApiExpect {
  const holds = (key: "apiPatientRead" | "apiCatalogRead" | "apiBulkExport") =>
    ({ apiPatientRead: "PATIENT_READ", apiCatalogRead: "CATALOG_READ", apiBulkExport: "BULK_EXPORT" })[key] === scope ? allowed : "403";
  return {
    apiPatientRead: holds("apiPatientRead"),
    apiCatalogRead: holds("apiCatalogRead"),
    apiBulkExport: holds("apiBulkExport"),
    apiAllScopes: allowed,
    // Another clinic's client holds the scope but not the record: 404, as for staff.
    apiOtherClinic: "404",
    apiRevoked: "401",
    samWithRevokedToken: "401",
  };
}

/** What the API actors get from the routes that declare a scope ("METHOD path" → per target). */
export const API_ROUTES: Record<string, Partial<Record<Target, ApiExpect>>> = {
  // A plan, as the care team reads it, drafts included: the whole clinic's (PATIENT_READ).
  "GET /api/v1/plans/[planId]": { jordan: apiScoped("PATIENT_READ", "200"), ana: apiScoped("PATIENT_READ", "200"), jordanDraft: apiScoped("PATIENT_READ", "200") },
  // The lists (decision 048): unfiltered, every holder of the scope gets its own clinic's (200, the
  // other clinic's client included: its list holds none of ours); filtered to one of our patients,
  // the other clinic's client gets 404 as for a record.
  "GET /api/v1/patients": { none: { ...apiScoped("PATIENT_READ", "200"), apiOtherClinic: "200" } },
  ...Object.fromEntries(
    (["plans", "sessions", "outcomes"] as const).map((list) => [
      `GET /api/v1/${list}`,
      { none: { ...apiScoped("PATIENT_READ", "200"), apiOtherClinic: "200" }, jordan: apiScoped("PATIENT_READ", "200"), ana: apiScoped("PATIENT_READ", "200") },
    ]),
  ),
  // FHIR Patient/$everything (ADR 049): the patient's record, clinic-wide for PATIENT_READ.
  "GET /api/fhir/Patient/[patientId]/$everything": { jordan: apiScoped("PATIENT_READ", "200"), ana: apiScoped("PATIENT_READ", "200") },
  // A protocol's FHIR export (ADR 051): "Read catalog" covers treatments and protocols.
  "GET /api/fhir/PlanDefinition/[templateId]": { template: apiScoped("CATALOG_READ", "200") },
  // Bulk export (decision 050): the kick-off without `Prefer: respond-async` is refused by the
  // holder's own clinic (400, nothing started); an export id no record has is 404 to every holder.
  "GET /api/fhir/$export": { none: { ...apiScoped("BULK_EXPORT", "400"), apiOtherClinic: "400" } },
  "GET /api/fhir/bulk/[exportId]": { none: apiScoped("BULK_EXPORT", "404") },
  "DELETE /api/fhir/bulk/[exportId]": { none: apiScoped("BULK_EXPORT", "404") },
  "GET /api/fhir/bulk/[exportId]/file/[name]": { none: apiScoped("BULK_EXPORT", "404") },
};

/**
 * Routes that take no session at all (next-auth's own, the one-click unsubscribe link, the OpenAPI
 * document): a bearer token means nothing to them, so every API actor gets what an anonymous caller gets.
 */
export const API_PUBLIC_ROUTES = new Set(["GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]", "POST /api/v1/unsubscribe/[token]", "GET /api/v1/openapi.json"]);

/** What an API actor must get from a route handler's case. */
export function apiExpectation(method: string, path: string, c: HandlerCase, actor: ApiActorKey): string {
  const key = `${method} ${path}`;
  if (API_PUBLIC_ROUTES.has(key)) return c.expect.anonymous;
  return API_ROUTES[key]?.[c.target]?.[actor] ?? "401";
}

/** Riverside's PATIENT_READ client, for the details page and the revoke action's rows. */
const E2E_API_CLIENT_ID = e2eApiClientId("apiPatientRead");
