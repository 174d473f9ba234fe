// Issue 16 (ADR 045), the migration test: NPRS, ODI and RMDQ moved onto instrument definitions and
// one scoring engine, and every stored response must score exactly as it was stored. The database
// gets the demo seed plus the scale generator's responses (scripts/lib/scale, a twentieth of
// `npm run seed:scale`: 5 000 outcome responses scored by the generator's own SQL), then every
// OutcomeResponse is re-scored through the engine with the definition version it names (NULL:
// rows written before definitions, which the migration backfills to version 1) and compared on
// score and band.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_DEFINITIONS, isInstrumentCode, type InstrumentCode } from "@/lib/clinical/instruments";
import { ZInstrumentDefinition, type InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { scoreAnswers } from "@/lib/clinical/instruments/engine";
import { itemAnswersFromStored } from "@/lib/clinical/instruments/stored-answers";
import { seedDemo } from "@/prisma/seed-data/demo";
import { fillScaleData } from "@/scripts/lib/scale/fill";
import { SCALE_SEED, SCALE_TARGETS, buildShape, type ScaleTargets } from "@/scripts/lib/scale/shape";
import { ownerUrl, testDb, truncateAll } from "../fixtures/db";

const TWENTIETH: ScaleTargets = {
  ...SCALE_TARGETS,
  patients: SCALE_TARGETS.patients / 20,
  plans: SCALE_TARGETS.plans / 20,
  sessions: SCALE_TARGETS.sessions / 20,
  homeLogs: SCALE_TARGETS.homeLogs / 20,
  outcomes: SCALE_TARGETS.outcomes / 20,
};

type Row = { id: string; clinicId: string; instrument: string; answers: unknown; score: number; band: string | null; definitionVersion: number | null };

let client: pg.Client;

describe("re-scoring every stored outcome response through the instrument engine", () => {
  beforeAll(async () => {
    await truncateAll();
    client = new pg.Client({ connectionString: ownerUrl() });
    await client.connect();
    await client.query("SET temp_buffers = '256MB'");
    const today = new Date().toISOString().slice(0, 10);
    await fillScaleData(client, { shape: buildShape(TWENTIETH, SCALE_SEED), targets: TWENTIETH, today, log: () => undefined });
    await seedDemo(testDb(), { today });
  }, 600_000);

  afterAll(async () => {
    await client?.end();
  });

  it("finds no difference in score or band for any response, by the version each names", async () => {
    const definitions = new Map<string, InstrumentDefinition>();
    for (const d of await testDb().instrumentDefinition.findMany({ select: { clinicId: true, code: true, version: true, definition: true } })) {
      definitions.set(`${d.clinicId}:${d.code}:${d.version}`, ZInstrumentDefinition.parse(d.definition) as InstrumentDefinition);
    }
    const definitionOf = (row: Row, code: InstrumentCode) => (row.definitionVersion === null ? CODE_DEFINITIONS[code] : definitions.get(`${row.clinicId}:${code}:${row.definitionVersion}`));

    const differences: string[] = [];
    const perInstrument = new Map<string, number>();
    let cursor = "";
    for (;;) {
      const { rows } = await client.query<Row>(
        `SELECT id, "clinicId", instrument::text AS instrument, answers, score, band, "definitionVersion" FROM "OutcomeResponse" WHERE id > $1 ORDER BY id LIMIT 2000`,
        [cursor],
      );
      if (rows.length === 0) break;
      cursor = rows.at(-1)!.id;
      for (const row of rows) {
        perInstrument.set(row.instrument, (perInstrument.get(row.instrument) ?? 0) + 1);
        if (!isInstrumentCode(row.instrument)) {
          differences.push(`${row.id}: unknown instrument ${row.instrument}`);
          continue;
        }
        const definition = definitionOf(row, row.instrument);
        if (!definition) {
          differences.push(`${row.id}: no ${row.instrument} definition v${row.definitionVersion} for its clinic`);
          continue;
        }
        const result = scoreAnswers(definition, itemAnswersFromStored(row.instrument, row.answers));
        if (!result.ok) differences.push(`${row.id} ${row.instrument}: stored ${row.score}, engine refuses (${result.reason})`);
        else if (result.score !== row.score || result.band !== row.band) differences.push(`${row.id} ${row.instrument}: stored ${row.score}/${row.band}, engine ${result.score}/${result.band}`);
      }
    }
    const total = [...perInstrument.values()].reduce((a, b) => a + b, 0);
    console.log(`[rescore] ${total} responses re-scored: ${[...perInstrument].map(([k, v]) => `${k} ${v}`).join(", ")}`);
    expect(total).toBeGreaterThanOrEqual(4000);
    for (const code of ["NPRS", "ODI", "RMDQ"]) expect(perInstrument.get(code) ?? 0, code).toBeGreaterThan(50);
    expect(differences.slice(0, 20), `${differences.length} responses score differently`).toEqual([]);
  }, 300_000);

  it("backfills definitionVersion to 1 for rows stored before definitions (the migration's UPDATE), and version 1 is the shipped definition", async () => {
    // The scale generator writes rows without a version, as every row before this migration was.
    const { rows: [before] } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "OutcomeResponse" WHERE "definitionVersion" IS NULL`);
    expect(Number(before!.n)).toBeGreaterThan(0);
    await client.query(`UPDATE "OutcomeResponse" SET "definitionVersion" = 1 WHERE "definitionVersion" IS NULL`);
    const { rows: [after] } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "OutcomeResponse" WHERE "definitionVersion" IS NULL`);
    expect(Number(after!.n)).toBe(0);
    const demo = await testDb().instrumentDefinition.findMany({ where: { version: 1 }, select: { code: true, definition: true } });
    expect(demo.length).toBeGreaterThanOrEqual(4);
    for (const d of demo) expect(d.definition).toEqual(JSON.parse(JSON.stringify(CODE_DEFINITIONS[d.code as InstrumentCode])));
  });
});
