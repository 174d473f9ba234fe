import "server-only";
import type { CalendarFile } from "@/lib/domain/portal/my-sessions";

/** An .ics download: text/calendar (RFC 5545 §8.1), saved under the file's name. */
export function calendarResponse(file: CalendarFile): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
