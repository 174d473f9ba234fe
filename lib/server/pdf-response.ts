import "server-only";
import type { PlanHandoutFile } from "@/lib/domain/plans/plan-handout";

/**
 * A PDF download, saved under the file's name. Patient health information: never kept by a shared
 * cache or the browser (withRoute keeps this Cache-Control as it is).
 */
export function pdfResponse(file: PlanHandoutFile): Response {
  // The name is built by the domain from a date; anything else is refused rather than quoted.
  if (!/^[a-z0-9-]+\.pdf$/.test(file.filename)) throw new Error("Unsafe file name");
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Content-Length": String(file.body.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
