// GET /api/fhir/$export – FHIR Bulk Data (v2) system-level export kick-off for the actor's clinic (decision 050)
import { kickOffBulkExport } from "@/lib/domain/bulk-export/kick-off-bulk-export";
import { publicOrigin, withFhirRoute, BULK_API } from "@/lib/server/fhir-route";
import { z } from "@/lib/validation/zod";

export const GET = withFhirRoute(z.object({}), async ({ actor, request }) => {
  const url = new URL(request.url);
  const query = Object.fromEntries(url.searchParams);
  const origin = publicOrigin(request);
  const { id } = await kickOffBulkExport(actor, {
    query,
    requestUrl: `${origin}${url.pathname}${url.search}`,
    prefer: request.headers.get("prefer"),
    accept: request.headers.get("accept"),
  });
  // The IG's success answer: 202, no body needed, the status URL in Content-Location.
  return new Response(null, { status: 202, headers: { "Content-Location": `${origin}/api/fhir/bulk/${id}` } });
}, BULK_API);
