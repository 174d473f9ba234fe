// The clinician's sessions: booking (with the double-booking refusal), the week view, moving and
// cancelling, recording and signing a note (locked afterwards, also against a stale tab),
// addenda, and outcome measures (ODI refused with two sections missing).
import { expect, test, type Page } from "@playwright/test";
import { addDays, todayIn } from "@/lib/domain/schedule/dates";
import { ACCOUNTS, patientIdOf, planIdOf, query, signInAndWait } from "./fixtures";

const NEW_ID = `'c' || substr(md5(random()::text || clock_timestamp()::text), 1, 24)`;
const pad = (n: number) => String(n).padStart(2, "0");
const plusMinutes = (time: string, minutes: number) => {
  const [h, m] = time.split(":").map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${pad(Math.floor(total / 60) % 24)}:${pad(total % 60)}`;
};
/** "Mon 14 Dec", as the week view names its days. */
const dayName = (date: string) => new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

async function maya(): Promise<{ id: string; name: string; clinicId: string; timeZone: string }> {
  const [row] = await query<{ id: string; name: string; clinicId: string; timeZone: string }>(
    `select u.id, u.name, u."clinicId", c.timezone as "timeZone" from "User" u join "Clinic" c on c.id = u."clinicId" where u.email = $1`,
    [ACCOUNTS.maya],
  );
  if (!row) throw new Error("The seeded clinician is missing");
  return row;
}

/** A SCHEDULED session of Maya's for Jordan's active plan that started a day ago (not bookable through the UI). */
async function pastSessionForJordan(): Promise<string> {
  const clinician = await maya();
  const planId = await planIdOf(ACCOUNTS.jordan);
  const [row] = await query<{ id: string }>(
    `insert into "Session" (id, "clinicId", "planId", "patientId", "clinicianId", "startsAt", "durationMin", "updatedAt")
     select ${NEW_ID}, p."clinicId", p.id, p."patientId", $2, date_trunc('minute', now()) - interval '1 day' - (floor(random() * 240) * interval '1 minute'), 45, now()
     from "TreatmentPlan" p where p.id = $1 returning id`,
    [planId, clinician.id],
  );
  return row!.id;
}

/** A new patient of Maya's with an active plan and a session today, so outcome scores do not touch the seeded patients' progress. */
async function sessionForNewPatient(): Promise<{ sessionId: string; patientId: string }> {
  const clinician = await maya();
  const lastName = `Outcome-${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const [patient] = await query<{ id: string }>(
    `insert into "Patient" (id, "clinicId", "firstName", "lastName", "dateOfBirth", "updatedAt") values (${NEW_ID}, $1, 'Lena', $2, '1979-06-02', now()) returning id`,
    [clinician.clinicId, lastName],
  );
  await query(`insert into "CareTeamMember" ("clinicId", "patientId", "clinicianId", "isPrimary") values ($1, $2, $3, true)`, [clinician.clinicId, patient!.id, clinician.id]);
  const [plan] = await query<{ id: string }>(
    `insert into "TreatmentPlan" (id, "clinicId", "patientId", "clinicianId", "createdById", title, condition, goals, status, "startDate", "plannedSessions", "updatedAt")
     values (${NEW_ID}, $1, $2, $3, $3, 'Lower back spasm', 'Muscle spasm of back', 'Sit for an hour without pain.', 'ACTIVE', current_date, 6, now()) returning id`,
    [clinician.clinicId, patient!.id, clinician.id],
  );
  const [session] = await query<{ id: string }>(
    `insert into "Session" (id, "clinicId", "planId", "patientId", "clinicianId", "startsAt", "durationMin", "updatedAt")
     values (${NEW_ID}, $1, $2, $3, $4, date_trunc('minute', now()) - interval '3 days', 30, now()) returning id`,
    [clinician.clinicId, plan!.id, patient!.id, clinician.id],
  );
  return { sessionId: session!.id, patientId: patient!.id };
}

/** A random time on `date` at which Maya has nothing from 30 minutes before to two hours after (room to book and move). */
async function freeTime(clinicianId: string, timeZone: string, date: string): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const time = `${pad(8 + Math.floor(Math.random() * 8))}:${pad(Math.floor(Math.random() * 60))}`;
    const [{ n }] = (await query<{ n: number }>(
      `select count(*)::int as n from "Session" where "clinicianId" = $1 and status::text in ('SCHEDULED', 'COMPLETED')
         and (("startsAt" at time zone 'UTC') at time zone $2) < $3::timestamp + interval '120 minutes'
         and (("startsAt" at time zone 'UTC') at time zone $2) + make_interval(mins => "durationMin") > $3::timestamp - interval '30 minutes'`,
      [clinicianId, timeZone, `${date} ${time}`],
    )) as [{ n: number }];
    if (n === 0) return time;
  }
  throw new Error(`No free time found on ${date}`);
}

async function book(page: Page, planId: string, slot: { date: string; time: string; durationMin: string }) {
  await page.goto(`/clinic/sessions/new?planId=${planId}`);
  const form = page.getByRole("form", { name: "Book a session" });
  await form.getByLabel("Date").fill(slot.date);
  await form.getByLabel("Time").fill(slot.time);
  await form.getByLabel("Duration (minutes)").fill(slot.durationMin);
  await form.getByRole("button", { name: "Book session" }).click();
  return form;
}

test.describe("clinician sessions", () => {
  test("books a session, finds it in the week view, refuses a double booking, moves and cancels it", async ({ page }) => {
    const clinician = await maya();
    const planId = await planIdOf(ACCOUNTS.jordan);
    // About three weeks ahead at a random free minute, clear of the seeded sessions and of other runs.
    const date = addDays(todayIn(clinician.timeZone), 20);
    const time = await freeTime(clinician.id, clinician.timeZone, date);
    const week = mondayOf(date);

    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/new?planId=${planId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Schedule a session" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Jordan Lee");
    await expect(page.getByText(`Clinic time (${clinician.timeZone})`)).toBeVisible();

    await book(page, planId, { date, time, durationMin: "30" });
    await expect(page).toHaveURL(new RegExp(`/clinic/sessions\\?week=${week}&booked=c[a-z0-9]+$`));
    await expect(page.getByText(/^Booked: Jordan Lee/)).toBeVisible();
    const card = page.getByRole("listitem", { name: dayName(date) }).getByRole("link", { name: new RegExp(`^${time}–${plusMinutes(time, 30)}`) });
    await expect(card).toContainText("Jordan Lee");
    await expect(card).toContainText("Lower back spasm — acute episode");
    await expect(card).toContainText("Scheduled");
    await expect(card).toContainText("Note not signed");

    // Previous / next week links move by seven days and come back to the same session.
    await page.getByRole("link", { name: "Next week →" }).click();
    await expect(page).toHaveURL(new RegExp(`week=${addDays(week, 7)}$`));
    await expect(page.getByRole("main")).toContainText(`Week of ${dayName(addDays(week, 7)).replace(" ", ", ")}`);
    await page.getByRole("link", { name: "← Previous week" }).click();
    await expect(page).toHaveURL(new RegExp(`week=${week}$`));
    await expect(card).toBeVisible();

    // The same time again: refused, with the reason next to the time.
    const form = await book(page, planId, { date, time, durationMin: "30" });
    const timeBox = form.getByLabel("Time");
    await expect(timeBox).toHaveAttribute("aria-invalid", "true");
    await expect(timeBox).toHaveAccessibleDescription(/You already have a session at .* that overlaps this time\./);
    await expect(timeBox).toBeFocused();
    await expect(page).toHaveURL(/\/clinic\/sessions\/new\?planId=/);
    const booked = await query<{ id: string }>(
      `select id from "Session" where "clinicianId" = $1 and "planId" = $2 and status = 'SCHEDULED'
         and to_char(("startsAt" at time zone 'UTC') at time zone $3, 'YYYY-MM-DD HH24:MI') = $4`,
      [clinician.id, planId, clinician.timeZone, `${date} ${time}`],
    );
    expect(booked).toHaveLength(1);

    // The session page: a future session can be moved or cancelled but not marked as a no-show.
    await page.goto(`/clinic/sessions?week=${week}`);
    await card.click();
    await expect(page.getByRole("heading", { level: 1, name: "Session with Jordan Lee" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Jordan Lee" })).toHaveAttribute("href", /\/clinic\/patients\/c[a-z0-9]+$/);
    await expect(page.getByRole("link", { name: "Lower back spasm — acute episode" })).toHaveAttribute("href", `/clinic/plans/${planId}`);
    await expect(page.getByRole("button", { name: "Mark as no-show" })).toHaveCount(0);
    await expect(page.getByText("You can sign the note once the session has started")).toBeVisible();

    const later = plusMinutes(time, 60);
    await page.getByText("Reschedule", { exact: true }).click();
    const move = page.getByRole("form", { name: "Reschedule the session" });
    await move.getByLabel("Time").fill(later);
    await move.getByRole("button", { name: "Move session" }).click();
    await expect(page.getByText("Session moved.")).toBeVisible();
    await expect(page.getByRole("main").locator("header")).toContainText(`${later}–${plusMinutes(later, 30)}`);

    await page.getByRole("button", { name: "Cancel session" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this session?" });
    await dialog.getByLabel("Reason (optional)").fill("Patient travelling that week");
    await dialog.getByRole("button", { name: "Cancel session" }).click();
    await expect(page.getByText("This session was cancelled, so it has no treatment note.")).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Patient travelling that week");
    await expect(page.getByRole("region", { name: "Booking" })).toHaveCount(0);
    const [row] = await query<{ status: string; statusReason: string }>(`select status::text, "statusReason" from "Session" where id = $1`, [booked[0]!.id]);
    expect(row).toEqual({ status: "CANCELLED", statusReason: "Patient travelling that week" });
  });

  test("records a past session, signs it (then nothing is editable, not even from a stale tab) and adds an addendum", async ({ page }) => {
    const clinician = await maya();
    const sessionId = await pastSessionForJordan();
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/${sessionId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Session with Jordan Lee" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Mark as no-show" })).toBeVisible();

    const note = page.getByRole("region", { name: "Treatment note" });
    await note.getByLabel("Pain before (0–10)").fill("6");
    await note.getByLabel("Pain after (0–10)").fill("3");
    const massage = note.getByRole("group", { name: "Deep tissue massage" });
    await massage.getByRole("radio", { name: "Performed" }).check();
    await massage.getByLabel("Region").fill("Lumbar paraspinals L3–L5");
    const laser = note.getByRole("group", { name: "Laser therapy" });
    await laser.getByRole("radio", { name: "Performed" }).check();
    await expect(laser.getByLabel("Device")).toHaveValue("LASER"); // guessed from the treatment's name
    await laser.getByLabel("Dose (J/cm²)").fill("0.2");
    await laser.getByLabel("Area treated").fill("L4–L5 bilateral");
    const needling = note.getByRole("group", { name: "Dry needling" });
    await needling.getByRole("radio", { name: "Not done" }).check();
    await needling.getByLabel("Reason not done").fill("Patient declined needles today");
    await note.getByLabel("Subjective", { exact: true }).fill("Pain 6/10 after a long drive; spasm on the left.");
    await note.getByLabel("Objective", { exact: true }).fill("Flexion 60% of normal; paraspinal tone high L3–L5.");
    await note.getByLabel("Assessment", { exact: true }).fill("Acute spasm settling.");
    await note.getByLabel("Plan", { exact: true }).fill("Continue; review lifting technique next visit.");

    // A dose below the laser range is refused next to the field, and nothing with it is saved (the
    // draft saved itself before the laser was ticked, without it: decision 037).
    await note.getByRole("button", { name: "Save draft" }).click();
    const dose = laser.getByLabel("Dose (J/cm²)");
    await expect(dose).toHaveAccessibleDescription(/Dose \(J\/cm²\) must be at least 0\.5/);
    await expect(dose).toBeFocused();
    const laserRows = `select count(*)::int as n from "PerformedTreatment" t join "PlanActivity" a on a.id = t."planActivityId" where t."sessionId" = $1 and a."nameSnapshot" = 'Laser therapy'`;
    expect((await query<{ n: number }>(laserRows, [sessionId]))[0]!.n).toBe(0);
    expect((await query<{ assessment: string | null }>(`select assessment from "Session" where id = $1`, [sessionId]))[0]!.assessment).toBeNull();
    await dose.fill("6");
    await note.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved. It is not signed yet.")).toBeVisible();

    // A second tab opened on the draft, before signing.
    const stale = await page.context().newPage();
    await stale.goto(`/clinic/sessions/${sessionId}`);
    const staleNote = stale.getByRole("region", { name: "Treatment note" });
    await expect(staleNote.getByLabel("Pain before (0–10)")).toHaveValue("6");

    await note.getByRole("button", { name: "Sign note" }).click();
    const confirm = page.getByRole("dialog", { name: "Sign and lock this note?" });
    await expect(confirm).toContainText("A signed note is locked");
    await confirm.getByRole("button", { name: "Sign note" }).click();

    await expect(note).toContainText(`Signed by ${clinician.name}`);
    await expect(note.locator("input, textarea, select")).toHaveCount(0);
    await expect(note.getByRole("button")).toHaveCount(0);
    await expect(note).toContainText("6/10");
    await expect(note).toContainText("Deep tissue massage · Performed, 30 min");
    await expect(note).toContainText("Region: Lumbar paraspinals L3–L5");
    await expect(note).toContainText("Laser therapy · Performed, 10 min");
    await expect(note).toContainText("Device: Laser");
    await expect(note).toContainText("Dose (J/cm²): 6");
    await expect(note).toContainText("Area treated: L4–L5 bilateral");
    await expect(note).toContainText("Dry needling · Not done");
    await expect(note).toContainText("Reason: Patient declined needles today");
    await expect(note).toContainText("Acute spasm settling.");
    await expect(page.getByRole("main").locator("header")).toContainText("Completed");
    await expect(page.getByRole("main").locator("header")).toContainText("Note signed");
    await expect(page.getByRole("region", { name: "Booking" })).toHaveCount(0);

    // The stale tab's save is refused; Reload shows the signed note.
    await staleNote.getByLabel("Subjective", { exact: true }).fill("Rewritten after signing");
    await staleNote.getByRole("button", { name: "Save draft" }).click();
    await expect(staleNote.getByText(/changed by someone else|signed and locked/)).toBeVisible();
    await staleNote.getByRole("button", { name: "Reload" }).click();
    await expect(staleNote).toContainText(`Signed by ${clinician.name}`);
    await expect(staleNote.locator("input, textarea, select")).toHaveCount(0);
    await stale.close();

    const [row] = await query<{ status: string; noteStatus: string; subjective: string; signedById: string; painBefore: number }>(
      `select status::text, "noteStatus"::text as "noteStatus", subjective, "signedById", "painBefore" from "Session" where id = $1`,
      [sessionId],
    );
    expect(row).toEqual({ status: "COMPLETED", noteStatus: "SIGNED", subjective: "Pain 6/10 after a long drive; spasm on the left.", signedById: clinician.id, painBefore: 6 });
    const performed = await query<{ name: string; status: string; parameters: Record<string, unknown>; notDoneReason: string | null }>(
      `select a."nameSnapshot" as name, t.status::text, t.parameters, t."notDoneReason" from "PerformedTreatment" t join "PlanActivity" a on a.id = t."planActivityId" where t."sessionId" = $1 order by a.position`,
      [sessionId],
    );
    expect(performed).toEqual([
      { name: "Deep tissue massage", status: "COMPLETED", parameters: { region: "Lumbar paraspinals L3–L5" }, notDoneReason: null },
      { name: "Dry needling", status: "NOT_DONE", parameters: {}, notDoneReason: "Patient declined needles today" },
      { name: "Laser therapy", status: "COMPLETED", parameters: { device: "LASER", doseJPerCm2: 6, area: "L4–L5 bilateral" }, notDoneReason: null },
    ]);

    // A correction is an addendum with its own author and time. An empty one is refused before the
    // "can't be undone" question is asked.
    const addenda = page.getByRole("region", { name: "Addenda" });
    await addenda.getByRole("textbox", { name: "Addendum" }).fill("  ");
    await addenda.getByRole("button", { name: "Add addendum" }).click();
    await expect(addenda.getByRole("textbox", { name: "Addendum" })).toHaveAccessibleDescription(/Write the correction/);
    await expect(addenda.getByRole("textbox", { name: "Addendum" })).toBeFocused();
    await expect(page.getByRole("dialog", { name: "Add this addendum?" })).toBeHidden();
    await addenda.getByRole("textbox", { name: "Addendum" }).fill("Laser area was L5–S1, not L4–L5.");
    await addenda.getByRole("button", { name: "Add addendum" }).click();
    await page.getByRole("dialog", { name: "Add this addendum?" }).getByRole("button", { name: "Add addendum" }).click();
    const entry = addenda.getByRole("list", { name: "Addenda to the signed note" }).getByRole("listitem");
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Laser area was L5–S1, not L4–L5.");
    await expect(entry).toContainText(`Added by ${clinician.name} on`);
    await expect(note).toContainText("Area treated: L4–L5 bilateral"); // the signed note itself is unchanged

    // The signed session counts at once in the patient's progress: the pain chart has 6 → 3.
    await page.goto(`/clinic/progress/${await patientIdOf(ACCOUNTS.jordan)}`);
    const pain = page.getByRole("region", { name: "Pain over time" });
    await pain.getByText("Show the data as a table").click();
    // The table renders on the disclosure's first opening (decision 052): wait for it before reading.
    const painTable = pain.getByRole("table", { name: "Pain scores 0–10 by date" });
    await expect(painTable).toBeVisible();
    const rows = await painTable
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").trim())));
    expect(rows.some((r) => r[1] === "6" && r[2] === "3")).toBe(true);
  });

  test("records outcome measures: an ODI with two sections missing is refused, with one missing it is scored", async ({ page }) => {
    const { sessionId, patientId } = await sessionForNewPatient();
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/${sessionId}`);
    const outcomes = page.getByRole("region", { name: "Outcome measures" });

    // The patient's first score of an instrument in this plan is its baseline (it was "Interim").
    await expect(outcomes.getByLabel("Context")).toHaveValue("BASELINE");
    await outcomes.getByRole("radio", { name: /^ODI/ }).check();
    await expect(outcomes.getByLabel("Context")).toHaveValue("BASELINE");
    for (const section of ["Pain intensity", "Personal care", "Lifting", "Walking", "Sitting", "Standing", "Sleeping", "Social life"]) {
      await outcomes.getByLabel(section, { exact: true }).selectOption("2");
    }
    await expect(outcomes.getByLabel("Sex life", { exact: true })).toHaveValue("");
    await outcomes.getByRole("button", { name: "Record ODI" }).click();
    await expect(outcomes.getByText("The ODI cannot be scored: 2 sections missing; at most one may be missing.", { exact: true })).toBeVisible();
    await expect(outcomes.getByLabel("Travelling", { exact: true })).toHaveAccessibleDescription("Not answered");
    const count = async () => (await query<{ n: number }>(`select count(*)::int as n from "OutcomeResponse" where "patientId" = $1`, [patientId]))[0]!.n;
    expect(await count()).toBe(0);

    await outcomes.getByLabel("Travelling", { exact: true }).selectOption("2");
    await outcomes.getByRole("button", { name: "Record ODI" }).click();
    await expect(outcomes.getByText("Recorded: ODI, adapted wording 40 % · moderate disability (baseline).")).toBeVisible();
    const [odi] = await query<{ instrument: string; context: string; score: number; band: string; sessionId: string; answers: Record<string, number | null> }>(
      `select instrument::text, context::text, score, band, "sessionId", answers from "OutcomeResponse" where "patientId" = $1`,
      [patientId],
    );
    expect(odi).toMatchObject({ instrument: "ODI", context: "BASELINE", score: 40, band: "moderate", sessionId });
    expect(odi!.answers.sexLife).toBeNull();
    expect(odi!.answers.travelling).toBe(2);

    await outcomes.getByRole("radio", { name: /^NPRS/ }).check();
    await outcomes.getByLabel("NPRS pain (0–10)").fill("11");
    await outcomes.getByRole("button", { name: "Record NPRS" }).click();
    await expect(outcomes.getByLabel("NPRS pain (0–10)")).toHaveAccessibleDescription(/whole number from 0 to 10/);
    await expect(outcomes.getByLabel("Context")).toHaveValue("BASELINE");
    await outcomes.getByLabel("NPRS pain (0–10)").fill("4");
    await outcomes.getByRole("button", { name: "Record NPRS" }).click();
    await expect(outcomes.getByText("Recorded: NPRS 4/10 (baseline).")).toBeVisible();
    expect(await count()).toBe(2);
    // The next NPRS in this plan is interim, and stays so once the page is opened again.
    await expect(outcomes.getByLabel("Context")).toHaveValue("INTERIM");
    await outcomes.getByLabel("NPRS pain (0–10)").fill("3");
    await outcomes.getByRole("button", { name: "Record NPRS" }).click();
    await expect(outcomes.getByText("Recorded: NPRS 3/10 (interim).")).toBeVisible();
    await page.reload();
    await expect(outcomes.getByLabel("Context")).toHaveValue("INTERIM");
    await outcomes.getByRole("radio", { name: /^ODI/ }).check();
    await expect(outcomes.getByLabel("Context")).toHaveValue("INTERIM");
    expect(await count()).toBe(3);

    // RMDQ (optional): the score is the number of items answered yes.
    await outcomes.getByRole("radio", { name: /^RMDQ/ }).check();
    for (const n of [1, 4, 9, 16, 24]) await outcomes.getByRole("checkbox", { name: `Item ${n}`, exact: true }).check();
    await expect(outcomes.getByLabel("Context")).toHaveValue("BASELINE");
    await outcomes.getByRole("button", { name: "Record RMDQ" }).click();
    await expect(outcomes.getByText("Recorded: RMDQ 5/24 (baseline).")).toBeVisible();
    const [rmdq] = await query<{ score: number }>(`select score from "OutcomeResponse" where "patientId" = $1 and instrument = 'RMDQ'`, [patientId]);
    expect(rmdq?.score).toBe(5);
  });

  test("the draft saves itself (kept across a reload, version checked) and leaving with unsaved text asks first", async ({ page }) => {
    const sessionId = await pastSessionForJordan();
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/${sessionId}`);
    const note = page.getByRole("region", { name: "Treatment note" });
    const saveState = note.getByRole("status", { name: "Draft save state" });
    const row = async () =>
      (
        await query<{ subjective: string | null; objective: string | null; assessment: string | null; planNote: string | null; version: number }>(
          `select subjective, objective, assessment, "planNote", version from "Session" where id = $1`,
          [sessionId],
        )
      )[0]!;

    // Typed, never saved by hand: it saves itself once typing stops.
    await note.getByLabel("Subjective", { exact: true }).fill("Stiff in the mornings, easier by noon.");
    await expect(saveState).toHaveText("Unsaved changes");
    await expect(saveState).toHaveText(/^Saved \d\d:\d\d$/);
    expect((await row()).subjective).toBe("Stiff in the mornings, easier by noon.");
    await page.reload();
    await expect(note.getByLabel("Subjective", { exact: true })).toHaveValue("Stiff in the mornings, easier by noon.");

    // Saved again on the same page: each save carries the version the last one returned (no conflict).
    await note.getByLabel("Objective", { exact: true }).fill("Flexion 70% of normal.");
    await page.getByRole("link", { name: "Jordan Lee" }).focus(); // leaving the note saves at once
    await expect(saveState).toHaveText(/^Saved /);
    await note.getByLabel("Assessment", { exact: true }).fill("Improving.");
    await expect.poll(async () => (await row()).assessment, { timeout: 10_000 }).toBe("Improving.");
    await expect(saveState).toHaveText(/^Saved /);
    const saved = await row();
    expect(saved.objective).toBe("Flexion 70% of normal.");

    // Changed elsewhere meanwhile: the next save is refused with the conflict, nothing is overwritten.
    await query(`update "Session" set objective = 'Changed in another tab', version = version + 1 where id = $1`, [sessionId]);
    await note.getByLabel("Plan", { exact: true }).fill("Review lifting next visit.");
    await expect(saveState).toHaveText(/^Not saved: the note changed/);
    await expect(note.getByText(/changed by someone else/)).toBeVisible();
    expect(await row()).toEqual({ ...saved, objective: "Changed in another tab", version: saved.version + 1 });
    await note.getByRole("button", { name: "Reload" }).click();
    await expect(note.getByLabel("Objective", { exact: true })).toHaveValue("Changed in another tab");

    // Unsaved text, then a link in the app: asked first; "Cancel" stays with the text.
    const questions: string[] = [];
    page.on("dialog", (dialog) => {
      questions.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await note.getByLabel("Plan", { exact: true }).fill("Home programme twice a day.");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link").first().click();
    await expect.poll(() => questions).toEqual(["confirm: The note has changes that are not saved yet. Leave this page and lose them?"]);
    await expect(page).toHaveURL(new RegExp(`/clinic/sessions/${sessionId}$`));
    await expect(note.getByLabel("Plan", { exact: true })).toHaveValue("Home programme twice a day.");
    // Once saved (leaving the note saved it), the link just goes.
    await expect(saveState).toHaveText(/^Saved /);
    expect((await row()).planNote).toBe("Home programme twice a day.");
    await page.getByRole("link", { name: "Jordan Lee" }).click();
    await expect(page).toHaveURL(/\/clinic\/patients\/c[a-z0-9]+$/);
    expect(questions).toHaveLength(1);
  });

  test("copy forward: the last signed note's subjective and objective, marked until edited; signing is refused while one is unedited", async ({ page }) => {
    const clinician = await maya();
    const sessionId = await pastSessionForJordan();
    const [source] = await query<{ id: string; subjective: string; objective: string; startsAt: Date }>(
      `select e.id, e.subjective, e.objective, e."startsAt" from "Session" s join "Session" e on e."planId" = s."planId" and e."patientId" = s."patientId"
       where s.id = $1 and e."noteStatus" = 'SIGNED' and e.id <> s.id and e."startsAt" < s."startsAt" order by e."startsAt" desc limit 1`,
      [sessionId],
    );
    const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: clinician.timeZone }).format(new Date(source!.startsAt));
    const marker = `Copied from ${day} session — edit before signing.`;
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/${sessionId}`);
    const note = page.getByRole("region", { name: "Treatment note" });
    const subjective = note.getByLabel("Subjective", { exact: true });
    const objective = note.getByLabel("Objective", { exact: true });

    await note.getByRole("button", { name: "Copy forward from the last signed note" }).click();
    await expect(subjective).toHaveValue(source!.subjective);
    await expect(objective).toHaveValue(source!.objective);
    await expect(subjective).toHaveAccessibleDescription(marker);
    await expect(objective).toHaveAccessibleDescription(marker);
    await expect(note.getByRole("status", { name: "Draft save state" })).toHaveText(/^Saved /);
    const reads = await query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'session.note.copy_forward' and "entityId" = $1 and "actorId" = $2`, [source!.id, clinician.id]);
    expect(reads[0]!.n).toBeGreaterThan(0);

    // Everything else a signature needs, but the copy unedited: refused, saying what to edit.
    const needling = note.getByRole("group", { name: "Dry needling" });
    await needling.getByRole("radio", { name: "Not done" }).check();
    await needling.getByLabel("Reason not done").fill("Patient declined needles today");
    await note.getByLabel("Assessment", { exact: true }).fill("Settling.");
    const sign = async () => {
      await note.getByRole("button", { name: "Sign note" }).click();
      await page.getByRole("dialog", { name: "Sign and lock this note?" }).getByRole("button", { name: "Sign note" }).click();
    };
    await sign();
    await expect(note.getByText(/not signed: Subjective and Objective are still as copied from the last signed note/)).toBeVisible();

    // Edited: that section is no longer marked, on screen and after a reload; the other still is.
    await subjective.fill(`${source!.subjective} Today: easier on waking.`);
    await expect(subjective).not.toHaveAccessibleDescription(marker);
    await expect(note.getByRole("status", { name: "Draft save state" })).toHaveText(/^Saved /);
    await page.reload();
    await expect(subjective).not.toHaveAccessibleDescription(marker);
    await expect(objective).toHaveAccessibleDescription(marker);
    await sign();
    await expect(note.getByText(/not signed: Objective is still as copied/)).toBeVisible();

    await objective.fill("Flexion 75% of normal; tone moderate.");
    await sign();
    await expect(note).toContainText(`Signed by ${clinician.name}`);
    const [row] = await query<{ noteStatus: string; copiedFrom: unknown }>(`select "noteStatus"::text as "noteStatus", "copiedFrom" from "Session" where id = $1`, [sessionId]);
    expect(row).toEqual({ noteStatus: "SIGNED", copiedFrom: null });
  });

  test("closing the tab with unsaved text asks first (beforeunload)", async ({ page }) => {
    const sessionId = await pastSessionForJordan();
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/${sessionId}`);
    const note = page.getByRole("region", { name: "Treatment note" });
    await note.getByLabel("Subjective", { exact: true }).click();
    await note.getByLabel("Subjective", { exact: true }).pressSequentially("Sore", { delay: 20 });
    const asked = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.accept();
  });

  test("another clinician's draft is read-only to the rest of the care team, with its author's name", async ({ page }) => {
    // Maya wrote a draft for Jordan's past session; Sam is on Jordan's care team too (decision 020).
    const sessionId = await pastSessionForJordan();
    const author = await maya();
    await query(`update "Session" set subjective = 'Stiff after the long drive', "painBefore" = 5, "noteAuthorId" = $2 where id = $1`, [sessionId, author.id]);
    await signInAndWait(page, "sam", /\/clinic$/);
    await page.goto(`/clinic/sessions/${sessionId}`);
    const note = page.getByRole("region", { name: "Treatment note" });
    await expect(note.getByText(`Draft by ${author.name}`)).toBeVisible();
    await expect(note.getByText("Stiff after the long drive")).toBeVisible();
    await expect(note.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(note.getByRole("button", { name: "Sign note" })).toHaveCount(0);
    await expect(note.getByRole("textbox")).toHaveCount(0);

    // Its author still edits it.
    await page.context().clearCookies();
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/${sessionId}`);
    await expect(page.getByRole("button", { name: "Save draft" })).toBeVisible();
    await expect(page.getByText(/^Draft by /)).toHaveCount(0);
  });

  test("session pages answer 404 outside the care team and 403 to a patient; nothing else of theirs shows", async ({ page }) => {
    // A session of Sam's with Ana, who is not in Maya's care team.
    const anasPlan = await planIdOf(ACCOUNTS.ana);
    const [sam] = await query<{ id: string }>(`select id from "User" where email = $1`, [ACCOUNTS.sam]);
    const [anaSession] = await query<{ id: string; date: string }>(
      `insert into "Session" (id, "clinicId", "planId", "patientId", "clinicianId", "startsAt", "durationMin", "updatedAt")
       select ${NEW_ID}, p."clinicId", p.id, p."patientId", $2, date_trunc('minute', now()) + interval '1 day', 30, now() from "TreatmentPlan" p where p.id = $1
       returning id, to_char(("startsAt" at time zone 'UTC') at time zone (select timezone from "Clinic" c where c.id = "clinicId"), 'YYYY-MM-DD') as date`,
      [anasPlan, sam!.id],
    );
    await signInAndWait(page, "maya", /\/clinic$/);
    for (const path of [`/clinic/sessions/${anaSession!.id}`, `/clinic/sessions/new?planId=${anasPlan}`, `/clinic/sessions/${encodeURIComponent("' or 1=1 --")}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText("Ana Silva")).toHaveCount(0);
    }
    await page.goto(`/clinic/sessions?week=${mondayOf(anaSession!.date)}`);
    await expect(page.getByRole("heading", { level: 1, name: "My sessions" })).toBeVisible();
    await expect(page.getByText("Ana Silva")).toHaveCount(0);

    await page.context().clearCookies();
    const own = await query<{ id: string }>(`select s.id from "Session" s join "Patient" p on p.id = s."patientId" where p.email = $1 limit 1`, [ACCOUNTS.jordan]);
    await signInAndWait(page, "jordan", /\/my$/);
    for (const path of ["/clinic/sessions", "/clinic/sessions/new", `/clinic/sessions/${own[0]!.id}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });

  test("the week view and a session page fit a 375 px phone without sideways scrolling", async ({ page }) => {
    const sessionId = await pastSessionForJordan();
    await page.setViewportSize({ width: 375, height: 800 });
    await signInAndWait(page, "maya", /\/clinic$/);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto("/clinic/sessions");
    await expect(page.getByRole("heading", { level: 1, name: "My sessions" })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`/clinic/sessions/${sessionId}`);
    const laser = page.getByRole("group", { name: "Laser therapy" });
    await laser.getByRole("radio", { name: "Performed" }).check();
    await expect(laser.getByLabel("Dose (J/cm²)")).toBeVisible();
    await page.getByRole("radio", { name: /^ODI/ }).check();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
