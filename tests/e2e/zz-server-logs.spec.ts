// Runs last (files run in name order): by now every other spec has driven the app through sign-in,
// patient records, plans, sessions, notes, outcomes and the portal. Nothing of that health data,
// and no credential, may appear in what the server wrote to its log.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo";
import { ACCOUNTS, query } from "./fixtures";

test("the server log holds no health data and no credentials", async () => {
  const log = readFileSync("test-results/e2e-server.log", "utf8");
  const patients = await query<{ firstName: string; lastName: string; dateOfBirth: Date }>(`select "firstName", "lastName", "dateOfBirth" from "Patient"`);
  const texts = await query<{ text: string }>(
    `select title as text from "TreatmentPlan" union select goals from "TreatmentPlan"
     union select subjective from "Session" where subjective is not null union select assessment from "Session" where assessment is not null
     union select note from "HomeLog" where note is not null`,
  );
  const markers = [
    DEMO_PASSWORD,
    ...Object.values(ACCOUNTS),
    ...patients.flatMap((p) => [`${p.firstName} ${p.lastName}`, new Date(p.dateOfBirth).toISOString().slice(0, 10)]),
    ...texts.map((t) => t.text).filter((t) => t.length >= 12),
    "scrypt$",
  ];
  const found = markers.filter((m) => log.includes(m));
  const lines = log.split("\n").filter(Boolean).length;
  console.log(`server log: ${lines} lines, ${markers.length} health/credential markers checked, ${found.length} found`);
  expect(lines).toBeGreaterThan(0);
  expect(found).toEqual([]);
});
