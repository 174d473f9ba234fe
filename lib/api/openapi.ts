// The OpenAPI 3.1 document of the public /api/v1 (decision 048), built from the zod schemas the
// routes parse their input with and the domain types its results with. OpenAPI 3.1 schemas are
// JSON Schema 2020-12, which zod 4 writes itself (z.toJSONSchema). tests/unit/openapi.test.ts
// compares the operations here plus INTERNAL_ROUTES with the route files on disk, both ways.
import { ZAuditExportFilters } from "@/lib/validation/audit";
import { ZId } from "@/lib/validation/common";
import {
  apiSchemas,
  ZErrorBody,
  ZOutcomeExportQuery,
  ZOutcomeListQuery,
  ZOutcomePage,
  ZPatientListQuery,
  ZPatientPage,
  ZPlanDetail,
  ZPlanListQuery,
  ZPlanPage,
  ZSessionListQuery,
  ZSessionPage,
} from "@/lib/validation/api-v1";
import { z } from "@/lib/validation/zod";

/** The document's own version: 1.minor.patch, minor raised for each additive change (decision 048). */
export const API_DOCUMENT_VERSION = "1.0.0";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
type JsonSchema = Record<string, unknown>;

type ResponseSpec = { description: string; json?: z.ZodType; mediaType?: { type: string; schema: JsonSchema }; headers?: Record<string, { description: string; schema: JsonSchema }> };

export type ApiOperation = {
  method: HttpMethod;
  /** The OpenAPI path: /api/v1/plans/{planId} for app/api/v1/plans/[planId]/route.ts. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  responses: Record<string, ResponseSpec>;
  /** Answers without a sign-in (the document itself). */
  anonymous?: boolean;
};

/**
 * Route handlers under app/api/v1 that are not part of the public API: endpoints of the app's own
 * browser pages and of emails, whose callers and bodies are the app's, not an integrator's. They
 * may change with the app without notice (decision 048).
 */
export const INTERNAL_ROUTES: { method: HttpMethod; path: string; reason: string }[] = [
  { method: "get", path: "/api/v1/media/{mediaId}", reason: "pictures and videos for the app's pages (resized variants)" },
  { method: "delete", path: "/api/v1/media/{mediaId}", reason: "the media manager's delete button" },
  { method: "delete", path: "/api/v1/media/{mediaId}/{part}", reason: "the media manager's poster and captions" },
  { method: "post", path: "/api/v1/uploads/catalog/{itemId}", reason: "browser uploads, raw bodies from the app's own pages" },
  { method: "post", path: "/api/v1/uploads/activities/{activityId}", reason: "browser uploads, raw bodies from the app's own pages" },
  { method: "post", path: "/api/v1/uploads/media/{mediaId}/{part}", reason: "browser uploads, raw bodies from the app's own pages" },
  { method: "post", path: "/api/v1/uploads/clinic-logo", reason: "browser upload from the clinic settings page" },
  { method: "get", path: "/api/v1/clinic/logo", reason: "the logo in the app's header and handouts" },
  { method: "get", path: "/api/v1/push/key", reason: "the portal's service worker subscribing to push" },
  { method: "post", path: "/api/v1/push/subscriptions", reason: "the portal's service worker subscribing to push" },
  { method: "delete", path: "/api/v1/push/subscriptions", reason: "the portal's service worker unsubscribing" },
  { method: "post", path: "/api/v1/unsubscribe/{token}", reason: "one-click unsubscribe from an email (RFC 8058)" },
];

const ERRORS: Record<string, ResponseSpec> = {
  "400": { description: "A query parameter does not fit (field errors name it)", json: ZErrorBody },
  "401": { description: "Not signed in, or no valid token", json: ZErrorBody },
  "403": { description: "The actor's role may not do this", json: ZErrorBody },
};
const NOT_FOUND: Record<string, ResponseSpec> = { "404": { description: "No such record in the actor's reach (the two answer alike)", json: ZErrorBody } };

const listDescription = (what: string) =>
  `${what} Ordered oldest first by a stable key; pages follow an opaque cursor (keyset pagination): pass \`nextCursor\` as \`cursor\`, or follow \`links.next\`, until it is null. Rows inserted while paging appear on a later page or not at all, never twice. Each request is audited as one list read with its row count.`;

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/patients",
    operationId: "listPatients",
    summary: "List patients",
    description: listDescription("Patients the caller may see: an admin, the clinic's (demographics only); a clinician, their care team's; a patient, their own record."),
    tag: "Patients",
    query: ZPatientListQuery,
    responses: { "200": { description: "A page of patients", json: ZPatientPage }, ...ERRORS },
  },
  {
    method: "get",
    path: "/api/v1/plans",
    operationId: "listPlans",
    summary: "List treatment plans",
    description: listDescription("Plans of the patients the caller may see under plan:read; a patient sees their own, never drafts, cancelled or entered-in-error plans. A patientId outside the caller's reach answers 404."),
    tag: "Plans",
    query: ZPlanListQuery,
    responses: { "200": { description: "A page of plans (without activities)", json: ZPlanPage }, ...ERRORS, ...NOT_FOUND },
  },
  {
    method: "get",
    path: "/api/v1/plans/{planId}",
    operationId: "getPlan",
    summary: "One plan with its activities",
    description: "For its care team, or (not a draft) for its patient. Audited.",
    tag: "Plans",
    pathParams: z.object({ planId: ZId }),
    responses: { "200": { description: "The plan", json: ZPlanDetail }, ...ERRORS, ...NOT_FOUND },
  },
  {
    method: "get",
    path: "/api/v1/plans/{planId}/handout",
    operationId: "getPlanHandout",
    summary: "The plan's printable handout (PDF)",
    description: "Who may read the plan may download it (decision 031). Audited.",
    tag: "Plans",
    pathParams: z.object({ planId: ZId }),
    responses: { "200": { description: "The handout", mediaType: { type: "application/pdf", schema: { type: "string", contentMediaType: "application/pdf" } } }, ...ERRORS, ...NOT_FOUND },
  },
  {
    method: "get",
    path: "/api/v1/sessions",
    operationId: "listSessions",
    summary: "List sessions",
    description: listDescription("Sessions (times and states, no notes) of the patients the caller may see under session:read, by start time. A patientId outside the caller's reach answers 404."),
    tag: "Sessions",
    query: ZSessionListQuery,
    responses: { "200": { description: "A page of sessions", json: ZSessionPage }, ...ERRORS, ...NOT_FOUND },
  },
  {
    method: "get",
    path: "/api/v1/outcomes",
    operationId: "listOutcomes",
    summary: "List outcome scores",
    description: listDescription("Outcome scores and bands (no item answers) of the patients the caller may see under outcome:read, by when recorded. A patientId outside the caller's reach answers 404."),
    tag: "Outcomes",
    query: ZOutcomeListQuery,
    responses: { "200": { description: "A page of outcome scores", json: ZOutcomePage }, ...ERRORS, ...NOT_FOUND },
  },
  {
    method: "get",
    path: "/api/v1/outcomes/export",
    operationId: "exportOutcomeScores",
    summary: "Outcome scores as CSV for the clinic's own audit",
    description:
      "Admins: the clinic's; clinicians: their care team's. With deidentified=1 the file holds a random per-export pseudonym instead of each patient's name and id, and every date moved by a random 1–30 days per patient (intervals kept). Streamed; audited with its filters, mode and row count.",
    tag: "Outcomes",
    query: ZOutcomeExportQuery,
    responses: {
      "200": {
        description: "The CSV file (UTF-8 with a byte-order mark, RFC 4180, formula-like cells neutralised)",
        mediaType: { type: "text/csv", schema: { type: "string" } },
        headers: { "X-Row-Count": { description: "The rows in the file", schema: { type: "integer" } } },
      },
      ...ERRORS,
    },
  },
  {
    method: "get",
    path: "/api/v1/audit/export",
    operationId: "exportAuditLog",
    summary: "The audit log's filtered events as CSV",
    description: "Admins only (decision 041). Streamed; itself audited with its filters and row count.",
    tag: "Audit",
    query: ZAuditExportFilters,
    responses: {
      "200": {
        description: "The CSV file",
        mediaType: { type: "text/csv", schema: { type: "string" } },
        headers: { "X-Row-Count": { description: "The events in the file", schema: { type: "integer" } } },
      },
      "422": { description: "A filter does not fit", json: ZErrorBody },
      ...ERRORS,
    },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    tag: "Meta",
    anonymous: true,
    responses: { "200": { description: "The OpenAPI 3.1 document", mediaType: { type: "application/json", schema: { type: "object" } } } },
  },
];

const COMPONENT_PREFIX = "#/components/schemas/";

/** A zod schema as JSON Schema 2020-12 inside the document: a $ref when it is a named component. */
function schemaOf(schema: z.ZodType): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: `${COMPONENT_PREFIX}${id}` };
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(op: ApiOperation): JsonSchema[] {
  const params: JsonSchema[] = [];
  for (const [where, object] of [["path", op.pathParams], ["query", op.query]] as const) {
    if (!object) continue;
    for (const [name, field] of Object.entries(object.shape as Record<string, z.ZodType>)) {
      const schema = schemaOf(field);
      const description = typeof schema.description === "string" ? schema.description : undefined;
      params.push({ name, in: where, required: where === "path" || !field.safeParse(undefined).success, ...(description ? { description } : {}), schema });
    }
  }
  return params;
}

function responsesOf(op: ApiOperation): JsonSchema {
  return Object.fromEntries(
    Object.entries(op.responses).map(([status, spec]) => {
      const content = spec.json ? { "application/json": { schema: schemaOf(spec.json) } } : spec.mediaType ? { [spec.mediaType.type]: { schema: spec.mediaType.schema } } : undefined;
      return [status, { description: spec.description, ...(content ? { content } : {}), ...(spec.headers ? { headers: spec.headers } : {}) }];
    }),
  );
}

/** The named components: every schema in apiSchemas, with the $refs between them. */
function components(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, { io: "input", unrepresentable: "any", uri: (id) => `${COMPONENT_PREFIX}${id}` }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of API_OPERATIONS) {
    const parameters = parametersOf(op);
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(parameters.length ? { parameters } : {}),
      responses: responsesOf(op),
      ...(op.anonymous ? { security: [] } : {}),
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Riverside Plans API",
      version: API_DOCUMENT_VERSION,
      description:
        "The clinic's JSON API, version 1. Within v1 changes are additive only (new paths, parameters, optional fields, enum values): ignore fields you do not know. A breaking change comes as /api/v2; a v1 operation to be removed is first marked deprecated and answers with Deprecation and Sunset headers for at least 6 months (decision 048).",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    tags: [...new Set(API_OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API client's token, sent as Authorization: Bearer <token>; its scopes limit what it may call." },
        cookieAuth: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in user's session (the app's own pages); __Secure-next-auth.session-token over HTTPS." },
      },
    },
  };
}
