"use server";

import { revalidatePath } from "next/cache";
import { removeClinicLogo } from "@/lib/domain/clinic/logo";
import { updateClinicSettings } from "@/lib/domain/clinic/settings";
import { authedAction } from "@/lib/server/with-route";
import { ZClinicSettings, ZRemoveClinicLogo } from "@/lib/validation/clinic";

export const updateClinicSettingsAction = authedAction(ZClinicSettings, async (actor, input) => {
  const saved = await updateClinicSettings(actor, input);
  revalidatePath("/admin/clinic");
  return saved;
});

// The client sends `confirm: true` only from the confirmation dialog.
export const removeClinicLogoAction = authedAction(ZRemoveClinicLogo, async (actor, input) => {
  const removed = await removeClinicLogo(actor, input);
  revalidatePath("/admin/clinic");
  return removed;
});
