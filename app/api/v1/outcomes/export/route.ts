// GET /api/v1/outcomes/export – outcome scores as CSV for the clinic's own audit, optionally de-identified (decision 048)
import { z } from "@/lib/validation/zod";
import { exportOutcomeScores } from "@/lib/domain/outcomes/export-outcome-scores";
import { withRoute } from "@/lib/server/with-route";

export const GET = withRoute(z.object({}), async ({ actor, request }) => {
  const file = await exportOutcomeScores(actor, Object.fromEntries(new URL(request.url).searchParams));
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
