// GET /api/fhir/bulk/[exportId]/file/[name] – one NDJSON file of a completed export, streamed (decision 050)
import { openBulkExportFile } from "@/lib/domain/bulk-export/open-bulk-export-file";
import { responseBody } from "@/lib/server/media-http";
import { withFhirRoute, BULK_API } from "@/lib/server/fhir-route";
import { ZBulkExportFileName, ZBulkExportId } from "@/lib/validation/bulk-export";
import { z } from "@/lib/validation/zod";

export const GET = withFhirRoute(z.object({ exportId: ZBulkExportId, name: ZBulkExportFileName }), async ({ actor, params }) => {
  const file = await openBulkExportFile(actor, { exportId: params.exportId, name: params.name });
  return new Response(responseBody(file.body), {
    headers: {
      "Content-Type": "application/fhir+ndjson",
      "Content-Length": String(file.size),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}, BULK_API);
