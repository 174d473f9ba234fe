// lib/db/run.ts sends statements on the app's client straight to its pg pool and, inside a
// transaction, through Prisma's raw API (decision 055). Callers must not tell the two apart: the
// same statement gives the same values, type by type, either way. And the direct path is the
// one the app's client takes.
import { afterAll, describe, expect, it, vi } from "vitest";
import { poolOf } from "@/lib/db/client";
import { execute, queryRows } from "@/lib/db/run";
import { defineQuery } from "@/lib/db/statements/define";
import { sql } from "@/lib/db/statements/sql";
import { closeTestDb, testDb } from "../fixtures/db";

type Row = Record<string, unknown>;

// One column of every type the statements return or might: with values at the edges (a bigint
// past 2^53, a timestamp's milliseconds, a date near midnight, nested json, nulls).
const everyType = defineQuery<Row, { text: string; when: string; day: string; ids: readonly string[] }>(
  "test: every type",
  ({ text, when, day, ids }) => sql`
    SELECT '2026-12-06 23:59:58.345'::timestamp(3) AS "timestamp",
           ${when}::timestamp(3) AS "timestampParam",
           '2026-12-06'::date AS "date",
           ${day}::date AS "dateParam",
           '2026-12-06 10:11:12.345+01'::timestamptz AS "timestamptz",
           9007199254740993::int8 AS "bigint",
           12.50::numeric AS "numeric",
           7::int AS "int", 2::int2 AS "smallint", 1.25::float8 AS "double", 1.5::float4 AS "real",
           true AS "boolean",
           ${text}::text AS "text", 'x'::varchar(3) AS "varchar", '00000000-0000-0000-0000-000000000001'::uuid AS "uuid",
           'CLINICIAN'::"Role" AS "enum", 'CLINICIAN'::"Role"::text AS "enumText",
           '{"a":[1,"x",null],"b":{"c":true}}'::jsonb AS "jsonb", '{"b":2}'::json AS "json",
           ARRAY['a','b,c','"d"'] AS "texts", ${ids}::text[] AS "textsParam", ARRAY[1,2,3]::int[] AS "ints",
           ARRAY['NONE']::text[] AS "oneText", ARRAY[]::text[] AS "noTexts",
           null::text AS "nullText", null::timestamp(3) AS "nullTimestamp", null::date AS "nullDate", null::int AS "nullInt"`,
);
const params = { text: "Ødegård, O'Brien", when: "2026-03-29T01:30:00.000Z", day: "2026-10-25", ids: ["p1", "p,2", "p\"3"] };

describe("statements on the app's client and in a transaction", () => {
  afterAll(closeTestDb);

  it("take the pool straight on the app's client, Prisma in a transaction", async () => {
    const pool = poolOf(testDb());
    expect(pool).toBeDefined();
    const spy = vi.spyOn(pool!, "query");
    await queryRows(testDb(), everyType(params));
    expect(spy).toHaveBeenCalledTimes(1);
    await testDb().$transaction(async (tx) => {
      expect(poolOf(tx)).toBeUndefined();
      await queryRows(tx, everyType(params));
    });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it("give the same values, type by type", async () => {
    const [direct] = await queryRows(testDb(), everyType(params));
    const [viaPrisma] = await testDb().$transaction((tx) => queryRows(tx, everyType(params)));
    for (const column of Object.keys(viaPrisma!)) {
      expect({ column, value: direct![column] }).toEqual({ column, value: viaPrisma![column] });
      expect({ column, type: Object.prototype.toString.call(direct![column]) }).toEqual({ column, type: Object.prototype.toString.call(viaPrisma![column]) });
    }
    expect(Object.keys(direct!)).toEqual(Object.keys(viaPrisma!));
    // The values themselves, as Prisma's convention has them (UTC wall clock, UTC midnight).
    expect(direct!.timestamp).toEqual(new Date("2026-12-06T23:59:58.345Z"));
    expect(direct!.timestampParam).toEqual(new Date(params.when));
    expect(direct!.dateParam).toEqual(new Date("2026-10-25T00:00:00.000Z"));
    expect(direct!.bigint).toBe(9007199254740993n);
  });

  it("count the rows a statement touched alike", async () => {
    const threeRows = defineQuery<never>("test: three rows", () => sql`SELECT generate_series(1, 3)`);
    const direct = await execute(testDb(), threeRows());
    const viaPrisma = await testDb().$transaction((tx) => execute(tx, threeRows()));
    expect(direct).toBe(3);
    expect(viaPrisma).toBe(3);
  });
});
