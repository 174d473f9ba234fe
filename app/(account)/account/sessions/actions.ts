"use server";

import { signOutEverywhere } from "@/lib/domain/accounts/end-sessions";
import { authedAction } from "@/lib/server/with-route";
import { z } from "@/lib/validation/zod";

// The client sends `confirm: true` only from the confirmation dialog.
export const signOutEverywhereAction = authedAction(z.strictObject({ confirm: z.literal(true) }), async (actor) => signOutEverywhere(actor));
