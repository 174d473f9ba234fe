"use server";

import { revalidatePath } from "next/cache";
import { logHomeActivity, undoHomeLog } from "@/lib/domain/portal/log-home-activity";
import { selfReportPain, selfReportQuestionnaire } from "@/lib/domain/portal/self-report";
import { authedAction } from "@/lib/server/with-route";
import { ZLogHomeActivity, ZSelfReportPain, ZSelfReportQuestionnaire, ZUndoHomeLog } from "@/lib/validation/portal";

// What the patient logs shows on Today, Progress and the care team's screens.
const refresh = () => {
  revalidatePath("/my", "layout");
  revalidatePath("/clinic", "layout");
};

// No revalidatePath here: it makes Next.js render the whole Today page into the action's answer
// (~3× the CPU of the write itself, issue 18), and LogActivity calls router.refresh() after every
// save anyway, which fetches Today again and clears the browser's router cache, as revalidation
// would. Every page that shows home logs renders per request (cookies, app/layout.tsx's
// connection()): no server cache holds a stale one. Logging is the patient's most frequent write.
export const logHomeActivityAction = authedAction(ZLogHomeActivity, async (actor, input) => logHomeActivity(actor, input));

/** "Undo the last" of an activity done several times a day (ADR 025). */
export const undoHomeLogAction = authedAction(ZUndoHomeLog, async (actor, input) => {
  const undone = await undoHomeLog(actor, input);
  refresh();
  return undone;
});

export const selfReportPainAction = authedAction(ZSelfReportPain, async (actor, input) => {
  const reported = await selfReportPain(actor, input);
  refresh();
  return reported;
});

/** Any questionnaire the plan asks for (issue 16): ODI, RMDQ or PSFS, claimed against the open ask. */
// No revalidation here: it would re-render the questionnaire page, which, its ask now answered,
// replaces the form and its confirmation with "nothing to fill in". Today and the clinic's pages
// are dynamic, so the next visit reads the answer anyway.
export const selfReportQuestionnaireAction = authedAction(ZSelfReportQuestionnaire, async (actor, input) => selfReportQuestionnaire(actor, input));
