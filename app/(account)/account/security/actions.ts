"use server";

import { revalidatePath } from "next/cache";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/domain/second-factor/enrol-totp";
import { passkeyRegistrationOptions, registerPasskey } from "@/lib/domain/second-factor/register-passkey";
import { authedAction } from "@/lib/server/with-route";
import { ZConfirmTotp, ZPasskeyRegistration } from "@/lib/validation/second-factor";
import { z } from "@/lib/validation/zod";

// Setting up a second factor is open to a session that has none to use yet ("enrol"); the domain
// functions refuse a session that has a factor but has not used it ("pending").
const SECOND_STEP = { allowPendingSecondFactor: true, allowPendingPasswordChange: true } as const;

export const startTotpEnrolmentAction = authedAction(z.object({}), (actor) => startTotpEnrolment(actor), SECOND_STEP);

export const confirmTotpEnrolmentAction = authedAction(ZConfirmTotp, (actor, input) => confirmTotpEnrolment(actor, input), SECOND_STEP);

// Passkeys: any role, from a session that has passed its second step or has none to use yet.
export const passkeyRegistrationOptionsAction = authedAction(z.object({}), (actor) => passkeyRegistrationOptions(actor), SECOND_STEP);

export const registerPasskeyAction = authedAction(
  ZPasskeyRegistration,
  async (actor, input) => {
    const added = await registerPasskey(actor, input);
    revalidatePath("/account/security");
    return added;
  },
  SECOND_STEP,
);
