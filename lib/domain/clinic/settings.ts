import "server-only";
// The clinic's own settings (decision 030): its name, contact details, logo and time zone.
// Admins read and change them; every signed-in user of the clinic reads the contact details that
// printables and calendar files carry. Clinic data only: nothing of a patient is read or written.
import { assertCan, assertSignedIn, PasswordChangeRequiredError, SecondFactorRequiredError, secondFactorPending, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { ZClinicSettings, type TClinicSettings } from "@/lib/validation/clinic";
import { parseInput } from "@/lib/validation/parse";
import { staleVersion } from "../conflict";

export type ClinicSettings = {
  name: string;
  address: string | null;
  phone: string | null;
  timeZone: string;
  hasLogo: boolean;
  version: number;
};

/** What a letterhead or a calendar file shows: no time zone, no version. */
export type ClinicContact = { name: string; address: string | null; phone: string | null; hasLogo: boolean };

const COLUMNS = { name: true, address: true, phone: true, timezone: true, logoKey: true, version: true } as const;

/** The actor's clinic settings, for the admins' form. */
export async function getClinicSettings(actor: Actor): Promise<ClinicSettings> {
  assertCan(actor, "clinic:manage");
  const clinic = await db().clinic.findUnique({ where: { id: actor.clinicId }, select: COLUMNS });
  if (!clinic) throw notFound("Clinic");
  return { name: clinic.name, address: clinic.address, phone: clinic.phone, timeZone: clinic.timezone, hasLogo: clinic.logoKey !== null, version: clinic.version };
}

/**
 * Saves the settings made from `version` and bumps it; a stale version changes nothing (CONFLICT).
 * A new time zone applies from the next request on: stored instants (sessions, logs) stay as they
 * are and are shown in the new zone (decision 030).
 */
export async function updateClinicSettings(actor: Actor, input: TClinicSettings): Promise<ClinicSettings> {
  assertCan(actor, "clinic:manage");
  const { version, name, address, phone, timeZone } = parseInput(ZClinicSettings, input);
  return db().$transaction(async (tx) => {
    const { count } = await tx.clinic.updateMany({
      where: { id: actor.clinicId, version },
      data: { name, address, phone, timezone: timeZone, version: { increment: 1 } },
    });
    if (count === 0) {
      const exists = await tx.clinic.findUnique({ where: { id: actor.clinicId }, select: { id: true } });
      throw exists ? staleVersion("clinic's settings") : notFound("Clinic");
    }
    await recordAuditEvent(tx, { actor, action: "clinic.settings.update", entityType: "Clinic", entityId: actor.clinicId });
    const saved = await tx.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: COLUMNS });
    return { name: saved.name, address: saved.address, phone: saved.phone, timeZone: saved.timezone, hasLogo: saved.logoKey !== null, version: saved.version };
  });
}

/** Refuses an actor who has not finished signing in (second step, initial password). */
export function assertFullySignedIn(actor: Actor): void {
  if (secondFactorPending(actor)) throw new SecondFactorRequiredError();
  if (actor.mustChangePassword) throw new PasswordChangeRequiredError();
  assertSignedIn(actor);
}

/** The contact details of the actor's clinic, for letterheads: any signed-in user of the clinic. */
export async function getClinicContact(actor: Actor): Promise<ClinicContact> {
  assertFullySignedIn(actor);
  const clinic = await db().clinic.findUnique({ where: { id: actor.clinicId }, select: { name: true, address: true, phone: true, logoKey: true } });
  if (!clinic) throw notFound("Clinic");
  return { name: clinic.name, address: clinic.address, phone: clinic.phone, hasLogo: clinic.logoKey !== null };
}
