import "server-only";
// Each clinic's outcome instruments as data (issue 16, docs/decisions/045). Definitions are
// versioned rows, never updated: version 1 of each instrument is the shipped definition
// (lib/clinical/instruments), created on first use; loading licensed ODI wording adds a version.
// Clinic data (DESIGN "Data classes"): readable by the clinic's users through the functions that
// record or ask a measure; listed and changed by admins (instrument:manage).
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import type { Instrument, InstrumentWording } from "@/lib/db/generated/enums";
import { CODE_DEFINITIONS, INSTRUMENT_CODES, isInstrumentCode, type InstrumentCode } from "@/lib/clinical/instruments";
import { ZInstrumentDefinition, type InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { withLicensedOdiWording } from "@/lib/clinical/instruments/licensed-wording";
import { AppError, notFound } from "@/lib/errors";
import { ZLoadLicensedOdiWording, type TLoadLicensedOdiWording } from "@/lib/validation/instruments";
import { parseInput } from "@/lib/validation/parse";

export type VersionedDefinition = { version: number; definition: InstrumentDefinition };

function parseStored(code: string, version: number, json: unknown): InstrumentDefinition {
  const parsed = ZInstrumentDefinition.safeParse(json);
  // Every row was validated before it was written; a row that no longer parses is a defect, not input.
  if (!parsed.success) throw new Error(`Stored definition ${code} v${version} is invalid: ${parsed.error.message}`);
  return parsed.data as InstrumentDefinition;
}

/** Version 1 of every shipped instrument for the clinic, where it has none yet (idempotent). */
export async function ensureShippedDefinitions(tx: Tx, clinicId: string): Promise<void> {
  await tx.instrumentDefinition.createMany({
    data: INSTRUMENT_CODES.map((code) => {
      const d = CODE_DEFINITIONS[code];
      return { clinicId, code, version: 1, wording: d.wording, label: d.label, definition: d };
    }),
    skipDuplicates: true,
  });
}

/** The clinic's current (latest) definition of an instrument. */
export async function currentDefinition(tx: Tx, clinicId: string, code: InstrumentCode): Promise<VersionedDefinition> {
  const find = () => tx.instrumentDefinition.findFirst({ where: { clinicId, code }, orderBy: { version: "desc" }, select: { version: true, definition: true } });
  let row = await find();
  if (!row) {
    await ensureShippedDefinitions(tx, clinicId);
    row = await find();
  }
  if (!row) throw new Error(`No ${code} definition for clinic ${clinicId}`);
  return { version: row.version, definition: parseStored(code, row.version, row.definition) };
}

/** The label each instrument's scores carry in this clinic ("ODI, adapted wording" until licensed wording is loaded). */
export async function instrumentLabels(tx: Tx, clinicId: string): Promise<Record<InstrumentCode, string>> {
  const rows = await tx.instrumentDefinition.findMany({ where: { clinicId }, orderBy: { version: "desc" }, distinct: ["code"], select: { code: true, label: true } });
  const labels = Object.fromEntries(INSTRUMENT_CODES.map((c) => [c, CODE_DEFINITIONS[c].label])) as Record<InstrumentCode, string>;
  for (const r of rows) labels[r.code as InstrumentCode] = r.label;
  return labels;
}

export type InstrumentSummary = { code: InstrumentCode; name: string; label: string; wording: InstrumentWording; version: number; versions: number; itemCount: number; scoring: string; direction: string };

/** The clinic's instruments with their current version, for the admins' list. */
export async function listInstruments(actor: Actor): Promise<InstrumentSummary[]> {
  assertCan(actor, "instrument:manage");
  return db().$transaction(async (tx) => {
    await ensureShippedDefinitions(tx, actor.clinicId);
    const rows = await tx.instrumentDefinition.findMany({ where: { clinicId: actor.clinicId }, orderBy: [{ code: "asc" }, { version: "desc" }], select: { code: true, version: true, wording: true, label: true, definition: true } });
    return INSTRUMENT_CODES.map((code) => {
      const mine = rows.filter((r) => r.code === code);
      const latest = mine[0]!;
      const d = parseStored(code, latest.version, latest.definition);
      return { code, name: d.name, label: latest.label, wording: latest.wording, version: latest.version, versions: mine.length, itemCount: d.items.length, scoring: d.scoring.method, direction: d.direction };
    });
  });
}

export type InstrumentVersionDto = { version: number; wording: InstrumentWording; label: string; licenceReference: string | null; createdAt: string; createdByName: string | null };
export type InstrumentDetail = { code: InstrumentCode; current: VersionedDefinition & { wording: InstrumentWording }; versions: InstrumentVersionDto[] };

/** One instrument of the clinic with every version, for the admins' detail page; 404 for an unknown code. */
export async function getInstrument(actor: Actor, code: string): Promise<InstrumentDetail> {
  assertCan(actor, "instrument:manage");
  const upper = code.toUpperCase();
  if (!isInstrumentCode(upper)) throw notFound("Instrument");
  return db().$transaction(async (tx) => {
    await ensureShippedDefinitions(tx, actor.clinicId);
    const rows = await tx.instrumentDefinition.findMany({
      where: { clinicId: actor.clinicId, code: upper as Instrument },
      orderBy: { version: "desc" },
      select: { version: true, wording: true, label: true, definition: true, licenceReference: true, createdAt: true, createdById: true },
    });
    const users = await tx.user.findMany({ where: { clinicId: actor.clinicId, id: { in: rows.flatMap((r) => (r.createdById ? [r.createdById] : [])) } }, select: { id: true, name: true } });
    const latest = rows[0]!;
    return {
      code: upper,
      current: { version: latest.version, wording: latest.wording, definition: parseStored(upper, latest.version, latest.definition) },
      versions: rows.map((r) => ({ version: r.version, wording: r.wording, label: r.label, licenceReference: r.licenceReference, createdAt: r.createdAt.toISOString(), createdByName: users.find((u) => u.id === r.createdById)?.name ?? null })),
    };
  });
}

/**
 * An admin loads the clinic's licensed ODI wording: exactly ten sections of six statements and the
 * licence reference. Makes a new version of the clinic's ODI (label "ODI"), edited from `version`;
 * a stale version changes nothing (CONFLICT). Scoring is unchanged, so no stored score moves.
 */
export async function loadLicensedOdiWording(actor: Actor, input: TLoadLicensedOdiWording): Promise<{ version: number; label: string }> {
  assertCan(actor, "instrument:manage");
  const data = parseInput(ZLoadLicensedOdiWording, input);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`instrument:${actor.clinicId}:ODI`}))`;
    const current = await currentDefinition(tx, actor.clinicId, "ODI");
    if (current.version !== data.version) throw new AppError("CONFLICT", "The ODI changed since you opened this page (another admin loaded wording). Reload to see the current version; nothing was changed.");
    const next = withLicensedOdiWording(current.definition, data.wording);
    const checked = ZInstrumentDefinition.safeParse(next);
    if (!checked.success) throw new AppError("VALIDATION", "The wording does not make a valid ODI definition. Nothing was changed.", { wording: [checked.error.issues[0]?.message ?? "Invalid"] });
    const row = await tx.instrumentDefinition.create({
      data: { clinicId: actor.clinicId, code: "ODI", version: current.version + 1, wording: "LICENSED", label: next.label, definition: next, licenceReference: data.wording.licenceReference, createdById: actor.userId },
      select: { id: true, version: true, label: true },
    });
    await recordAuditEvent(tx, { actor, action: "instrument.licensed_wording.load", entityType: "InstrumentDefinition", entityId: row.id, detail: { code: "ODI", version: row.version } });
    return { version: row.version, label: row.label };
  });
}
