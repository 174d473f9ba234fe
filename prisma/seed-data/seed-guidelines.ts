// Loads the guideline statements (issue 16, decision 044) onto the demo clinic's catalog.
// Idempotent: a clinic that already has statements is left as it is (admins may have edited them).
// A statement naming a treatment the catalog does not have fails the seed: never silently dropped.
import type { Db } from "../../lib/db/client";
import { toGuidelineStatementDto } from "../../lib/domain/guidelines/dto";
import { GUIDELINE_STATEMENTS, type SeedGuidelineStatement } from "./guideline-statements";

export async function seedGuidelineStatements(db: Db, clinicSlug: string, statements: readonly SeedGuidelineStatement[] = GUIDELINE_STATEMENTS): Promise<number> {
  const clinic = await db.clinic.findUniqueOrThrow({ where: { slug: clinicSlug }, select: { id: true } });
  if ((await db.guidelineStatement.count({ where: { clinicId: clinic.id } })) > 0) return 0;
  const items = await db.catalogItem.findMany({ where: { clinicId: clinic.id }, select: { id: true, name: true } });
  const byName = new Map(items.map((i) => [i.name, i.id]));
  const unknown = [...new Set(statements.map((s) => s.treatment).filter((name) => !byName.has(name)))];
  if (unknown.length > 0) throw new Error(`guideline statements name treatments the catalog does not have: ${unknown.join(", ")}`);
  await db.$transaction(async (tx) => {
    for (const s of statements) {
      const created = await tx.guidelineStatement.create({
        data: {
          clinicId: clinic.id,
          catalogItemId: byName.get(s.treatment)!,
          condition: s.condition.toLowerCase(),
          population: s.population,
          guideline: s.source.guideline,
          publisher: s.source.publisher,
          year: s.source.year,
          recommendation: s.source.recommendation,
          url: s.source.url,
          stance: s.stance,
          stanceCondition: s.stanceCondition,
          requiresExercise: s.requiresExercise,
          quote: s.quote,
          supersededBy: s.superseded?.by ?? null,
          supersededYear: s.superseded?.year ?? null,
          lastCheckedOn: new Date(`${s.lastCheckedOn}T00:00:00.000Z`),
          note: s.note,
        },
      });
      // The seeded text is version 1 of each statement's history (no user saved it).
      await tx.guidelineStatementRevision.create({
        data: { clinicId: clinic.id, statementId: created.id, version: 1, change: "create", fields: toGuidelineStatementDto(created), changedById: null },
      });
    }
  });
  return statements.length;
}
