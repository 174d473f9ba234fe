"use server";

import { revalidatePath } from "next/cache";
import { updateMyPreferences } from "@/lib/domain/notifications/preferences";
import { authedAction } from "@/lib/server/with-route";
import { ZNotificationPreferences } from "@/lib/validation/notifications";

/** Saves the patient's reminder settings (decision 035): the whole form, guarded by its version. */
export const updateMyPreferencesAction = authedAction(ZNotificationPreferences, async (actor, input) => {
  const saved = await updateMyPreferences(actor, input);
  revalidatePath("/my/settings");
  return saved;
});
