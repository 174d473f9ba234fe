// Integrity checks run after seeding: each query counts rows that break an invariant the app
// relies on (0 expected), and samples are re-checked with the app's own pure rules.
import type pg from "pg";
import { scoreOdi, type OdiAnswers } from "../../../lib/domain/outcomes/rules";
import { isDueOn } from "../../../lib/domain/schedule/rules";
import { checkParameters } from "../../../lib/validation/treatment-parameters";
import type { CatalogCategory } from "../../../lib/db/generated/enums";

export type CheckResult = { name: string; violations: number };

const SQL_CHECKS: [string, string][] = [
  ["home log whose activity belongs to another patient, plan or clinic", `
    SELECT count(*) FROM "HomeLog" h JOIN "PlanActivity" a ON a.id = h."planActivityId" JOIN "TreatmentPlan" t ON t.id = a."planId"
    WHERE t."patientId" <> h."patientId" OR a."clinicId" <> h."clinicId" OR t."clinicId" <> h."clinicId"`],
  ["home log on an in-clinic activity, a draft plan, or outside the plan's dates", `
    SELECT count(*) FROM "HomeLog" h JOIN "PlanActivity" a ON a.id = h."planActivityId" JOIN "TreatmentPlan" t ON t.id = a."planId"
    WHERE a.setting = 'IN_CLINIC' OR t.status = 'DRAFT' OR h.date < t."startDate" OR h.date > coalesce(t."endDate", current_date + 1)`],
  ["home log on a day the activity is not due (ADR 005)", `
    SELECT count(*) FROM "HomeLog" h JOIN "PlanActivity" a ON a.id = h."planActivityId" JOIN "TreatmentPlan" t ON t.id = a."planId"
    CROSS JOIN LATERAL (SELECT least(7, greatest(1, coalesce(a."daysPerWeek", 7))) AS n, (h.date - t."startDate") % 7 AS wd) f
    WHERE NOT (((f.wd + 1) * f.n + 6) / 7 > (f.wd * f.n + 6) / 7)`],
  ["home log by a patient without a portal account", `
    SELECT count(*) FROM "HomeLog" h JOIN "Patient" p ON p.id = h."patientId" WHERE p."userId" IS NULL`],
  ["clinical row whose clinic differs from its patient's", `
    SELECT (SELECT count(*) FROM "TreatmentPlan" t JOIN "Patient" p ON p.id = t."patientId" WHERE t."clinicId" <> p."clinicId")
         + (SELECT count(*) FROM "Session" s JOIN "Patient" p ON p.id = s."patientId" WHERE s."clinicId" <> p."clinicId")
         + (SELECT count(*) FROM "Session" s JOIN "TreatmentPlan" t ON t.id = s."planId" WHERE s."patientId" <> t."patientId" OR s."clinicId" <> t."clinicId")
         + (SELECT count(*) FROM "OutcomeResponse" o JOIN "Patient" p ON p.id = o."patientId" WHERE o."clinicId" <> p."clinicId")
         + (SELECT count(*) FROM "OutcomeResponse" o JOIN "TreatmentPlan" t ON t.id = o."planId" WHERE o."patientId" <> t."patientId")
         + (SELECT count(*) FROM "OutcomeResponse" o JOIN "Session" s ON s.id = o."sessionId" WHERE o."patientId" <> s."patientId")
         + (SELECT count(*) FROM "CareTeamMember" m JOIN "Patient" p ON p.id = m."patientId" WHERE m."clinicId" <> p."clinicId")
         + (SELECT count(*) FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t.id = a."planId" WHERE a."clinicId" <> t."clinicId")
         + (SELECT count(*) FROM "PlanActivity" a JOIN "CatalogItem" c ON c.id = a."catalogItemId" WHERE a."clinicId" <> c."clinicId")
         + (SELECT count(*) FROM "PerformedTreatment" f JOIN "Session" s ON s.id = f."sessionId" JOIN "PlanActivity" a ON a.id = f."planActivityId"
            WHERE f."clinicId" <> s."clinicId" OR a."planId" <> s."planId" OR a.setting = 'HOME' OR f."catalogItemId" <> a."catalogItemId")`],
  ["user of another clinic linked to a patient, or staff of another clinic on a plan, session or care team", `
    SELECT (SELECT count(*) FROM "Patient" p JOIN "User" u ON u.id = p."userId" WHERE u."clinicId" <> p."clinicId" OR u.role <> 'PATIENT')
         + (SELECT count(*) FROM "CareTeamMember" m JOIN "User" u ON u.id = m."clinicianId" WHERE u."clinicId" <> m."clinicId" OR u.role <> 'CLINICIAN' OR NOT u.active)
         + (SELECT count(*) FROM "TreatmentPlan" t JOIN "User" u ON u.id = t."clinicianId" WHERE u."clinicId" <> t."clinicId" OR u.role <> 'CLINICIAN')
         + (SELECT count(*) FROM "Session" s JOIN "User" u ON u.id = s."clinicianId" WHERE u."clinicId" <> s."clinicId" OR u.role <> 'CLINICIAN')`],
  ["patient without exactly one primary clinician", `
    SELECT count(*) FROM "Patient" p WHERE (SELECT count(*) FROM "CareTeamMember" m WHERE m."patientId" = p.id AND m."isPrimary") <> 1`],
  ["plan or session whose clinician is not on the patient's care team", `
    SELECT (SELECT count(*) FROM "TreatmentPlan" t WHERE NOT EXISTS (SELECT 1 FROM "CareTeamMember" m WHERE m."patientId" = t."patientId" AND m."clinicianId" = t."clinicianId"))
         + (SELECT count(*) FROM "Session" s WHERE NOT EXISTS (SELECT 1 FROM "CareTeamMember" m WHERE m."patientId" = s."patientId" AND m."clinicianId" = s."clinicianId"))`],
  ["patient with more than one open (ACTIVE or ON_HOLD) plan, or an open plan while archived", `
    SELECT (SELECT count(*) FROM (SELECT "patientId" FROM "TreatmentPlan" WHERE status IN ('ACTIVE', 'ON_HOLD') GROUP BY 1 HAVING count(*) > 1) x)
         + (SELECT count(*) FROM "TreatmentPlan" t JOIN "Patient" p ON p.id = t."patientId" WHERE p."archivedAt" IS NOT NULL AND t.status IN ('ACTIVE', 'ON_HOLD', 'DRAFT'))`],
  ["plans of one patient that overlap in time", `
    SELECT count(*) FROM (SELECT "patientId", "startDate", lag(coalesce("endDate", "startDate")) OVER (PARTITION BY "patientId" ORDER BY "startDate") AS prev_end
                          FROM "TreatmentPlan") x WHERE "startDate" <= prev_end`],
  ["plan status fields out of line (end date, reason, sessions)", `
    SELECT count(*) FROM "TreatmentPlan" WHERE (status IN ('COMPLETED', 'CANCELLED')) <> ("endDate" IS NOT NULL)
      OR (status IN ('ON_HOLD', 'CANCELLED', 'ENTERED_IN_ERROR') AND coalesce(length("statusReason"), 0) < 5)
      OR "plannedSessions" < 1 OR ("reviewDate" IS NOT NULL AND "reviewDate" < "startDate")`],
  ["activity contraindicated for the patient without a recorded override", `
    SELECT count(*) FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t.id = a."planId" JOIN "Patient" p ON p.id = t."patientId"
    JOIN "CatalogItem" c ON c.id = a."catalogItemId"
    WHERE c.contraindications && p.contraindications AND (a."overrideReason" IS NULL OR length(a."overrideReason") < 10 OR a."overriddenById" IS NULL
      OR NOT (SELECT array_agg(f) FROM unnest(c.contraindications) f WHERE f = ANY (p.contraindications)) <@ a."overriddenFlags")`],
  ["activity of a draft catalog item, or of a retired item in a plan written after it was retired", `
    SELECT count(*) FROM "PlanActivity" a JOIN "CatalogItem" c ON c.id = a."catalogItemId"
    WHERE c.status = 'DRAFT' OR (c.status = 'RETIRED' AND a."createdAt" > c."updatedAt")`],
  ["overlapping sessions of one clinician (SCHEDULED or COMPLETED)", `
    SELECT count(*) FROM (
      SELECT "startsAt", lag("startsAt" + make_interval(mins => "durationMin")) OVER (PARTITION BY "clinicianId" ORDER BY "startsAt") AS prev_end
      FROM "Session" WHERE status IN ('SCHEDULED', 'COMPLETED')) x WHERE "startsAt" < prev_end`],
  ["session status and note out of line", `
    SELECT count(*) FROM "Session" s WHERE (s.status = 'COMPLETED') <> (s."noteStatus" = 'SIGNED')
      OR (s."noteStatus" = 'SIGNED' AND (s."signedAt" IS NULL OR s."signedById" IS NULL OR s."signedAt" < s."startsAt"))
      OR (s."startsAt" > now() AND s.status <> 'SCHEDULED')
      OR (s.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM "PerformedTreatment" f WHERE f."sessionId" = s.id))
      OR s."painBefore" NOT BETWEEN 0 AND 10 OR s."painAfter" NOT BETWEEN 0 AND 10`],
  ["session of a draft plan in the past, or of a closed plan in the future", `
    SELECT count(*) FROM "Session" s JOIN "TreatmentPlan" t ON t.id = s."planId"
    WHERE (t.status = 'DRAFT' AND s."startsAt" < now() - interval '1 day') OR (t.status IN ('COMPLETED', 'CANCELLED', 'ENTERED_IN_ERROR') AND s."startsAt" > now())`],
  ["outcome score, band or answers out of line (NPRS, RMDQ; ODI bands)", `
    SELECT count(*) FROM "OutcomeResponse" o WHERE
      (o.instrument = 'NPRS' AND (o.score <> (o.answers->>'pain')::float8 OR o.score NOT BETWEEN 0 AND 10 OR o.band IS NOT NULL))
      OR (o.instrument = 'RMDQ' AND (jsonb_array_length(o.answers->'items') <> 24 OR o.band IS NOT NULL
          OR o.score <> (SELECT count(*) FROM jsonb_array_elements(o.answers->'items') e WHERE e = 'true'::jsonb)))
      OR (o.instrument = 'ODI' AND o.band IS DISTINCT FROM CASE WHEN o.score <= 20 THEN 'minimal' WHEN o.score <= 40 THEN 'moderate'
          WHEN o.score <= 60 THEN 'severe' WHEN o.score <= 80 THEN 'crippling' ELSE 'bed-bound' END)`],
  ["user whose password hash is not the shared demo hash", `
    SELECT count(DISTINCT "passwordHash") - 1 FROM "User"`],
  ["showcase patient p<clinic>-1 without an ACTIVE plan", `
    SELECT count(*) FROM "Patient" p WHERE p.email LIKE 'p%-1@scale.example'
      AND NOT EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."patientId" = p.id AND t.status = 'ACTIVE')`],
];

async function sampleChecks(db: pg.ClientBase): Promise<CheckResult[]> {
  const odi = await db.query<{ answers: OdiAnswers; score: number; band: string }>(
    `SELECT answers, score, band FROM "OutcomeResponse" WHERE instrument = 'ODI' ORDER BY md5(id) LIMIT 5000`,
  );
  const odiBad = odi.rows.filter((r) => {
    const result = scoreOdi(r.answers);
    return !result.ok || result.score !== r.score || result.band !== r.band;
  }).length;

  const logs = await db.query<{ date: Date; start: Date; daysPerWeek: number | null; timesPerDay: number | null }>(
    `SELECT h.date, t."startDate" AS start, a."daysPerWeek", a."timesPerDay" FROM "HomeLog" h
     JOIN "PlanActivity" a ON a.id = h."planActivityId" JOIN "TreatmentPlan" t ON t.id = a."planId"
     WHERE a."daysPerWeek" < 7 ORDER BY md5(h.id) LIMIT 5000`,
  );
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const dueBad = logs.rows.filter((r) => !isDueOn(r, iso(r.date), iso(r.start))).length;

  const performed = await db.query<{ category: CatalogCategory; parameters: unknown }>(
    `SELECT c.category, f.parameters FROM "PerformedTreatment" f JOIN "CatalogItem" c ON c.id = f."catalogItemId"
     WHERE f.status = 'COMPLETED' ORDER BY md5(f.id) LIMIT 5000`,
  );
  const paramsBad = performed.rows.filter((r) => !checkParameters(r.category, r.parameters).ok).length;
  return [
    { name: `ODI rows rescored by lib/domain/outcomes/rules.ts scoreOdi (sample of ${odi.rowCount})`, violations: odiBad },
    { name: `home logs (< 7 days/week) re-checked with lib isDueOn (sample of ${logs.rowCount})`, violations: dueBad },
    { name: `performed parameters re-checked with lib checkParameters (sample of ${performed.rowCount})`, violations: paramsBad },
  ];
}

export async function runChecks(db: pg.ClientBase): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [name, sql] of SQL_CHECKS) {
    const { rows } = await db.query<{ [key: string]: string }>(sql);
    results.push({ name, violations: Number(Object.values(rows[0]!)[0]) });
  }
  return [...results, ...(await sampleChecks(db))];
}
