"use server";

import { revalidatePath } from "next/cache";
import { loadLicensedOdiWording } from "@/lib/domain/instruments/definitions";
import { authedAction } from "@/lib/server/with-route";
import { ZLoadLicensedOdiWording } from "@/lib/validation/instruments";

// The label shows wherever an ODI score does: refresh the clinic and the portal too.
export const loadLicensedOdiWordingAction = authedAction(ZLoadLicensedOdiWording, async (actor, input) => {
  const loaded = await loadLicensedOdiWording(actor, input);
  revalidatePath("/admin/instruments", "layout");
  revalidatePath("/clinic", "layout");
  revalidatePath("/my", "layout");
  return loaded;
});
