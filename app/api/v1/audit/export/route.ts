// GET /api/v1/audit/export – the audit log's filtered events as CSV, streamed, for admins (decision 041)
import { z } from "@/lib/validation/zod";
import { exportAuditEvents } from "@/lib/domain/audit/export-audit-events";
import { withRoute } from "@/lib/server/with-route";

export const GET = withRoute(z.object({}), async ({ actor, request }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const file = await exportAuditEvents(actor, query);
  // The name is built by the domain from a date; anything else is refused rather than quoted.
  if (!/^[a-z0-9-]+\.csv$/.test(file.filename)) throw new Error("Unsafe file name");
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Row-Count": String(file.rows),
    },
  });
});
