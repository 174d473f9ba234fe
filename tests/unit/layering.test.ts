// The layering rules of eslint.config.mjs (docs/decisions/019) fire: for a file in each layer, a
// violating import is reported and an allowed one is not. Linted with the project's real config.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const LAYERING_RULES = new Set(["no-restricted-imports", "no-restricted-syntax"]);
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: "eslint.config.mjs" });
}, 60_000);

/** The layering messages ESLint reports for `code` as if it were the file at `filePath`. */
async function layeringMessages(filePath: string, code: string): Promise<string[]> {
  // An ignored path is linted as nothing: an allowed import would then "pass" vacuously.
  expect(await eslint.isPathIgnored(filePath)).toBe(false);
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId && LAYERING_RULES.has(m.ruleId)).map((m) => m.message);
}

function layer(name: string, filePath: string, cases: { refused: string[]; allowed: string[] }) {
  describe(name, () => {
    it.each(cases.refused)("refuses %s", async (code) => {
      const messages = await layeringMessages(filePath, code);
      // One import may break two rules at once (e.g. lib/validation → app/): each reports it.
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message).toContain("docs/decisions/019");
    }, 60_000);
    it.each(cases.allowed)("allows %s", async (code) => {
      expect(await layeringMessages(filePath, code)).toEqual([]);
    }, 60_000);
  });
}

layer("app/ → nothing from lib/db", "app/(clinic)/clinic/plans/[planId]/_components/example.tsx", {
  refused: [
    `import { PlanStatus } from "@/lib/db/generated/enums";`,
    `import type { SessionStatus } from "@/lib/db/generated/enums";`,
    `import { db } from "@/lib/db";`,
    `import { db } from "../../../../../../lib/db/client";`,
    `export { PlanStatus } from "@/lib/db/generated/enums";`,
    `import { db } from "@/lib/validation/../db/client";`,
    `import { PrismaClient } from "@prisma/client";`,
    `const m = await import("@/lib/db");`,
  ],
  allowed: [
    `import { PlanStatus } from "@/lib/enums";`,
    `import type { SessionStatus } from "@/lib/enums";`,
    `import { getPlan } from "@/lib/domain/plans/get-plan";`,
    `import { ZUpdatePlan } from "@/lib/validation/plans";`,
    `import { Field } from "@/app/_components/form/field";`,
    `import { StatusControl } from "./status-control";`,
    `const m = await import("./chart");`,
  ],
});

layer("lib/validation → pure modules only", "lib/validation/example.ts", {
  refused: [
    `import { Contraindication } from "@/lib/db/generated/enums";`,
    `import { db } from "@/lib/db";`,
    `import "server-only";`,
    `import { hashPassword } from "@/lib/auth/password";`,
    `import { can } from "@/lib/auth/permissions";`,
    `import { scoreOdi } from "@/lib/domain/outcomes/rules";`,
    `import { withRoute } from "@/lib/server/with-route";`,
    `import { headers } from "next/headers";`,
    `import { x } from "@/app/_components/x";`,
    `import { x } from "../domain/outcomes/rules";`,
    `import { x } from "@/lib/validation/../db/client";`,
  ],
  allowed: [
    `import { z } from "@/lib/validation/zod";`,
    `import type { z } from "zod";`,
    `import { optionalText } from "./fields";`,
    `import { ZId } from "@/lib/validation/common";`,
    `import { Contraindication } from "@/lib/enums";`,
    `import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";`,
    `import { AppError } from "@/lib/errors";`,
  ],
});

layer("lib/clinical → pure modules only", "lib/clinical/example.ts", {
  refused: [`import { db } from "@/lib/db";`, `import { scoreOdi } from "@/lib/domain/outcomes/rules";`, `import "server-only";`],
  allowed: [`import { ODI_SECTIONS } from "./odi-sections";`, `import { Instrument } from "@/lib/enums";`],
});

layer("lib/enums.ts → the generated enums module only", "lib/enums.ts", {
  refused: [`export * from "@/lib/db/generated/client";`, `export * from "@/lib/db/generated/browser";`, `export * from "@/lib/db";`],
  allowed: [`export * from "@/lib/db/generated/enums";`],
});

layer("lib/domain → nothing from app/", "lib/domain/plans/example.ts", {
  refused: [
    `import { updatePlanAction } from "@/app/(clinic)/clinic/plans/[planId]/actions";`,
    `import type { Props } from "@/app/_components/form/field";`,
    `import { x } from "../../../app/_components/x";`,
  ],
  allowed: [
    `import "server-only";`,
    `import { db } from "@/lib/db";`,
    `import { PlanStatus } from "@/lib/db/generated/enums";`,
    `import { ZUpdatePlan } from "@/lib/validation/plans";`,
    `import { staleVersion } from "../conflict";`,
  ],
});

layer("lib/ (any) → nothing from app/", "lib/auth/example.ts", {
  refused: [`import { x } from "@/app/_components/x";`, `import { x } from "../../app/api/v1/plans/route";`],
  allowed: [`import { db } from "@/lib/db";`, `import { assertCan } from "./actor";`],
});

describe("the generated enums module that lib/enums.ts re-exports", () => {
  it("imports nothing (no Prisma client, no server-only), so client bundles may include it", () => {
    const text = readFileSync(`${root}lib/db/generated/enums.ts`, "utf8");
    const { importedFiles } = ts.preProcessFile(text, true, true);
    expect(importedFiles.map((f) => f.fileName)).toEqual([]);
    expect(text).toMatch(/export const PlanStatus = \{/);
  });
});
