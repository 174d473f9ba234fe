import { z } from "@/lib/validation/zod";
import { exportMyCalendar } from "@/lib/domain/portal/my-sessions";
import { calendarResponse } from "@/lib/server/calendar-response";
import { withRoute } from "@/lib/server/with-route";

// Every upcoming appointment of the signed-in patient, as one calendar file.
export const GET = withRoute(z.object({}), async ({ actor }) => calendarResponse(await exportMyCalendar(actor)));
