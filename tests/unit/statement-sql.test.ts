// The statement builders' `sql` tag (lib/db/statements/sql.ts, decision 054) numbers parameters as
// Prisma.sql does, so the hot statements' texts stayed what the app sent before, and a piece
// handed to Prisma (toPrismaSql: the scope in other raw reads) keeps its text and values.
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { toPrismaSql } from "@/lib/db/run";
import { defineQuery } from "@/lib/db/statements/define";
import { patientScopeCondition } from "@/lib/db/statements/scope";
import { empty, join, raw, sql } from "@/lib/db/statements/sql";

describe("sql tag", () => {
  it("numbers values in order through nested pieces, joins and empty pieces, as Prisma.sql does", () => {
    const scope = sql`p."clinicId" = ${"c1"} AND EXISTS (SELECT 1 FROM x WHERE x.id = ${"u1"})`;
    const mine = sql`SELECT ${raw("p.id")} FROM "Patient" p WHERE p.id = ${"p1"} AND ${scope} ${empty}AND p.status IN (${join([sql`${"A"}`, sql`${"B"}`])}) LIMIT ${5}`;
    const pScope = Prisma.sql`p."clinicId" = ${"c1"} AND EXISTS (SELECT 1 FROM x WHERE x.id = ${"u1"})`;
    const prisma = Prisma.sql`SELECT ${Prisma.raw("p.id")} FROM "Patient" p WHERE p.id = ${"p1"} AND ${pScope} ${Prisma.empty}AND p.status IN (${Prisma.join(["A", "B"])}) LIMIT ${5}`;
    expect(mine.text).toBe(prisma.text);
    expect(mine.values).toEqual(prisma.values);
    expect(mine.text).toContain("p.id = $1 AND p.\"clinicId\" = $2 AND EXISTS (SELECT 1 FROM x WHERE x.id = $3)");
    expect(mine.text).toContain("IN ($4,$5) LIMIT $6");
  });

  it("keeps a piece's text and values when it goes into Prisma.sql", () => {
    const scope = patientScopeCondition("care-team", { clinicId: "c1", userId: "u1", patientId: null }, "p");
    const inPrisma = Prisma.sql`SELECT 1 FROM "Patient" p WHERE p.id = ${"p1"} AND ${toPrismaSql(scope)}`;
    expect(inPrisma.text).toBe(sql`SELECT 1 FROM "Patient" p WHERE p.id = ${"p1"} AND ${scope}`.text);
    expect(inPrisma.values).toEqual(["p1", "c1", "u1"]);
  });

  it("builds a statement with its name, text and a copy of its values", () => {
    const q = defineQuery<{ id: string }, { id: string }>("one", ({ id }) => sql`SELECT ${id} AS id`);
    expect(q({ id: "x" })).toEqual({ name: "one", text: "SELECT $1 AS id", values: ["x"] });
    expect(q.queryName).toBe("one");
  });
});
