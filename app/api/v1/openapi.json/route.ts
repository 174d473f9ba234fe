// GET /api/v1/openapi.json – the OpenAPI 3.1 document of the public API, for anyone (decision 048)
import { buildOpenApiDocument } from "@/lib/api/openapi";

// A description of the API, no data: no sign-in, built once per process.
let document: string | null = null;

export function GET(): Response {
  document ??= JSON.stringify(buildOpenApiDocument());
  return new Response(document, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" } });
}
