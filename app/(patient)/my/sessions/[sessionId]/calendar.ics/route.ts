import { exportMyCalendar } from "@/lib/domain/portal/my-sessions";
import { calendarResponse } from "@/lib/server/calendar-response";
import { withRoute } from "@/lib/server/with-route";
import { ZSessionId } from "@/lib/validation/portal";

// One appointment of the signed-in patient; anyone else's answers 404.
export const GET = withRoute(ZSessionId, async ({ actor, params }) => calendarResponse(await exportMyCalendar(actor, params.sessionId)));
