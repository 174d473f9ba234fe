// GET /api/fhir/bulk/[exportId] – a bulk export's status: 202 + X-Progress while it runs, 200 + the manifest when done (decision 050)
// DELETE /api/fhir/bulk/[exportId] – cancel a running export or delete a finished one, with its files
import { deleteBulkExport } from "@/lib/domain/bulk-export/delete-bulk-export";
import { getBulkExportStatus } from "@/lib/domain/bulk-export/get-bulk-export-status";
import { fhirResponse, outcomeForStatus, publicOrigin, withFhirRoute, BULK_API } from "@/lib/server/fhir-route";
import { ZBulkExportId } from "@/lib/validation/bulk-export";
import { z } from "@/lib/validation/zod";

const ZParams = z.object({ exportId: ZBulkExportId });

export const GET = withFhirRoute(ZParams, async ({ actor, params, request }) => {
  const status = await getBulkExportStatus(actor, { exportId: params.exportId, fileUrlBase: `${publicOrigin(request)}/api/fhir/bulk/${params.exportId}/file` });
  switch (status.state) {
    case "running":
      return new Response(null, { status: 202, headers: { "X-Progress": status.progress, "Retry-After": "5" } });
    case "failed":
      return fhirResponse(outcomeForStatus(500, status.message), { status: 500 });
    case "completed":
      return new Response(JSON.stringify(status.manifest), {
        status: 200,
        headers: { "Content-Type": "application/json; charset=utf-8", ...(status.expiresAt ? { Expires: status.expiresAt.toUTCString() } : {}) },
      });
  }
}, BULK_API);

export const DELETE = withFhirRoute(ZParams, async ({ actor, params }) => {
  await deleteBulkExport(actor, params.exportId);
  return new Response(null, { status: 202 });
}, BULK_API);
