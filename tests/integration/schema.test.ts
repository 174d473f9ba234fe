// The committed migrations produce exactly the schema in prisma/schema.prisma.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("migrations and schema", () => {
  // Replaying the 26 migrations into a shadow database takes ~10 s on a quiet machine and passed 60 s
  // on a loaded one (load average 17 on 2 cores): the test's own limit is the process's, with room.
  it("agree (prisma migrate diff --exit-code finds no difference)", { timeout: 200_000 }, () => {
    const result = spawnSync(
      path.resolve("node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
      { encoding: "utf8", env: process.env, timeout: 180_000 },
    );
    // Exit code 0: no difference; 2: difference; 1: error.
    expect(result.stdout + result.stderr).toContain("No difference detected");
    expect(result.status).toBe(0);
  });
});
