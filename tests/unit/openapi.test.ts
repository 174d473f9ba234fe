// The OpenAPI 3.1 document of /api/v1 (decision 048): every route handler on disk is either in
// the document or on the internal list, and nothing else is; the document holds OpenAPI 3.1's
// required structure, every $ref resolves, and the component schemas are the ones the code uses.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS, buildOpenApiDocument, INTERNAL_ROUTES } from "@/lib/api/openapi";
import type { PlanDto } from "@/lib/domain/plans/get-plan";
import { ZPlanDetail } from "@/lib/validation/api-v1";
import type { z } from "@/lib/validation/zod";

const API_DIR = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** "method /api/v1/plans/{planId}" for every handler exported by a route file under app/api/v1. */
function routesOnDisk(dir = API_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return routesOnDisk(file);
    if (!/^route\.tsx?$/.test(name)) return [];
    const urlPath = `/api/v1/${path.relative(API_DIR, dir).split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}").replace(/\/$/, "");
    const text = readFileSync(file, "utf8");
    return METHODS.filter((m) => new RegExp(`export\\s+(const\\s+${m}\\b|(async\\s+)?function\\s+${m}\\b|\\{[^}]*\\b${m}\\b[^}]*\\})`).test(text)).map((m) => `${m.toLowerCase()} ${urlPath}`);
  });
}

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as Json & { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> } };

function* walk(value: unknown, at = "#"): Generator<[string, Json]> {
  if (value && typeof value === "object") {
    if (!Array.isArray(value)) yield [at, value as Json];
    for (const [k, v] of Object.entries(value)) yield* walk(v, `${at}/${k}`);
  }
}

describe("OpenAPI document vs the route files", () => {
  it("finds the route handlers on disk (the discovery itself works)", () => {
    const found = routesOnDisk();
    expect(found).toContain("get /api/v1/plans/{planId}");
    expect(found).toContain("delete /api/v1/push/subscriptions");
    expect(found).toContain("get /api/v1/openapi.json");
    expect(found.length).toBeGreaterThanOrEqual(19);
  });

  it("documents every public route and lists every other one as internal, and names none that is gone", () => {
    const onDisk = new Set(routesOnDisk());
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    const internal = INTERNAL_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(documented.filter((r) => internal.includes(r)), "documented and internal at once").toEqual([]);
    expect([...onDisk].filter((r) => !documented.includes(r) && !internal.includes(r)), "route files neither documented nor listed as internal").toEqual([]);
    expect([...documented, ...internal].filter((r) => !onDisk.has(r)), "documented or internal routes with no route file").toEqual([]);
    expect(documented).toHaveLength(API_OPERATIONS.length);
  });
});

describe("OpenAPI 3.1 structure", () => {
  it("has the required top-level fields", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const info = doc.info as Json;
    expect(typeof info.title).toBe("string");
    expect(info.version).toMatch(/^1\.\d+\.\d+$/);
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
  });

  it("gives every operation a unique operationId, responses with descriptions, and well-formed parameters", () => {
    const ids = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      expect(p).toMatch(/^\/api\/v1\//);
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        expect(["get", "put", "post", "delete", "options", "head", "patch", "trace"]).toContain(method);
        expect(typeof op.operationId).toBe("string");
        expect(ids.has(op.operationId as string), `${op.operationId} twice`).toBe(false);
        ids.add(op.operationId as string);
        const responses = op.responses as Record<string, Json>;
        expect(Object.keys(responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(responses)) {
          expect(status).toMatch(/^[1-5](\d\d|XX)$|^default$/);
          expect(typeof response.description).toBe("string");
          for (const media of Object.values((response.content ?? {}) as Record<string, Json>)) expect(media.schema).toBeTypeOf("object");
        }
        const params = (op.parameters ?? []) as Json[];
        for (const param of params) {
          expect(typeof param.name).toBe("string");
          expect(["query", "header", "path", "cookie"]).toContain(param.in);
          expect(param.schema).toBeTypeOf("object");
          if (param.in === "path") expect(param.required).toBe(true);
        }
        expect(params.filter((x) => x.in === "path").map((x) => x.name).sort()).toEqual([...templated].sort());
        expect(new Set(params.map((x) => `${x.in}:${x.name}`)).size).toBe(params.length);
      }
    }
  });

  it("resolves every $ref and security requirement, and keeps zod's $schema/$id out of the schemas", () => {
    for (const [at, node] of walk(doc)) {
      if (typeof node.$ref === "string") {
        const match = /^#\/components\/schemas\/(.+)$/.exec(node.$ref);
        expect(match, `${at}: ${node.$ref}`).not.toBeNull();
        expect(doc.components.schemas, `${at}: ${node.$ref}`).toHaveProperty(match![1]!);
      }
      expect(node, at).not.toHaveProperty("$schema");
      expect(node, at).not.toHaveProperty("$id");
    }
    const schemes = doc.components.securitySchemes;
    expect(schemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.cookieAuth).toMatchObject({ type: "apiKey", in: "cookie" });
    const requirements = [...(doc.security as Json[]), ...Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => (op.security ?? []) as Json[]))];
    for (const requirement of requirements) for (const name of Object.keys(requirement)) expect(schemes).toHaveProperty(name);
  });

  it("describes the lists' parameters and pages from the schemas the routes parse with", () => {
    const list = doc.paths["/api/v1/outcomes"]!.get!;
    const params = Object.fromEntries((list.parameters as Json[]).map((p) => [p.name, p]));
    expect(Object.keys(params).sort()).toEqual(["cursor", "from", "instrument", "limit", "patientId", "to"]);
    expect(params.limit).toMatchObject({ required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 50 } });
    expect((params.instrument!.schema as Json).enum).toEqual(expect.arrayContaining(["NPRS", "ODI", "RMDQ", "PSFS"]));
    expect(params.from).toMatchObject({ schema: { type: "string", format: "date" } });
    expect(list.responses).toMatchObject({ "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/OutcomePage" } } } }, "400": {} });
    const page = doc.components.schemas.OutcomePage!;
    expect(page).toMatchObject({ type: "object", required: expect.arrayContaining(["data", "nextCursor", "links"]) });
    expect((page.properties as Json).data).toEqual({ type: "array", items: { $ref: "#/components/schemas/Outcome" } });
    // Within v1 fields are only added: responses do not forbid properties a client does not know yet.
    for (const schema of Object.values(doc.components.schemas)) expect(schema.additionalProperties).not.toBe(false);
  });
});

// The plan endpoint's schema and the domain's PlanDto are the same type (a compile-time check:
// tsc fails on this file when either changes alone).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const planSchemaIsPlanDto: Equal<z.infer<typeof ZPlanDetail>, PlanDto> = true;
it("keeps ZPlanDetail and PlanDto the same type", () => expect(planSchemaIsPlanDto).toBe(true));
