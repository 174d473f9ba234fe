// The committed migrations produce exactly the schema in prisma/schema.prisma.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("migrations and schema", () => {
  it("agree (prisma migrate diff --exit-code finds no difference)", () => {
    const result = spawnSync(
      path.resolve("node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
      { encoding: "utf8", env: process.env, timeout: 60_000 },
    );
    // Exit code 0: no difference; 2: difference; 1: error.
    expect(result.stdout + result.stderr).toContain("No difference detected");
    expect(result.status).toBe(0);
  });
});
