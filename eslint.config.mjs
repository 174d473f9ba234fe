import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// ---- Layering (docs/decisions/019), checked on the import path as written.
// Per file glob; ESLint replaces (does not merge) a rule's options when a later block matches the
// same file, so every block lists all the patterns that apply to its files.
const ADR = "See docs/decisions/019.";

/** `@/lib/validation/../db/client` or `./../x` would slip past the patterns below. */
const normalizedPath = {
  regex: String.raw`(^|/)(?!\.\.(/|$))[^/]+/\.\.?(/|$)`,
  message: `Write the path without ./ or ../ after its start, so the layering rules can read it. ${ADR}`,
};
const fromApp = {
  regex: String.raw`^(@/|(\.\./)+)app(/|$)`,
  message: `lib/ never imports from app/: move what both need into lib/. ${ADR}`,
};
const fromDatabase = {
  regex: String.raw`^((@/|(\.\./)+)lib/db|@prisma/[^/]+|pg)(/|$)`,
  message: `app/ imports nothing from the database layer: enums from @/lib/enums, data through lib/domain. ${ADR}`,
};
// The pure layer: no database, no "server-only", no lib/auth, lib/domain or lib/server. Imports
// are allowed by name (an allow-list), so a new server module is refused without editing this file.
const PURE_ALLOWED = [
  String.raw`\./[^/.][^/]*`,
  String.raw`@/lib/(validation|clinical)/[^/.][^/]*`,
  String.raw`@/lib/(enums|errors)`,
  String.raw`zod(/[^/.][^/]*)*`,
].join("|");
const outsidePure = {
  regex: String.raw`^(?!(${PURE_ALLOWED})$)`,
  message: `lib/validation, lib/clinical and lib/errors import only pure modules: siblings, @/lib/validation/*, @/lib/clinical/*, @/lib/enums, @/lib/errors, zod. ${ADR}`,
};
const outsideGeneratedEnums = {
  regex: String.raw`^(?!@/lib/db/generated/enums$)`,
  message: `lib/enums.ts re-exports the generated enums module (no imports of its own) and nothing else. ${ADR}`,
};
// no-restricted-imports does not see import(): keep dynamic imports to sibling files.
const dynamicImport = [
  "error",
  {
    selector: "ImportExpression:not([source.value=/^[.][/][^/.][^/]*$/])",
    message: `import() takes only a sibling file ("./name"); import anything else statically so the layering rules see it. ${ADR}`,
  },
];
const layer = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }], "no-restricted-syntax": dynamicImport },
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Schemas are built with lib/validation/zod.ts, which configures zod first (see the file).
    ignores: ["lib/validation/zod.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "zod", message: "Import { z } from \"@/lib/validation/zod\" instead.", allowTypeImports: true }] },
      ],
    },
  },
  layer(["app/**"], [normalizedPath, fromDatabase]),
  layer(["lib/**"], [normalizedPath, fromApp]),
  layer(["lib/validation/**", "lib/clinical/**", "lib/errors.ts"], [normalizedPath, fromApp, outsidePure]),
  layer(["lib/enums.ts"], [normalizedPath, fromApp, outsideGeneratedEnums]),
  globalIgnores([
    ".next/**",
    ".data/**",
    "lib/db/generated/**",
    "next-env.d.ts",
    "playwright-report/**",
    "test-results/**",
  ]),
]);
