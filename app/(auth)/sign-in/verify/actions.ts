"use server";

import { passkeyAuthenticationOptions, verifyPasskey } from "@/lib/domain/second-factor/verify-passkey";
import { verifySecondFactor } from "@/lib/domain/second-factor/verify-second-factor";
import { authedAction } from "@/lib/server/with-route";
import { ZPasskeyAuthentication, ZVerifySecondFactor } from "@/lib/validation/second-factor";
import { z } from "@/lib/validation/zod";

// The second sign-in step: callable by a session that has passed only its password.
export const verifySecondFactorAction = authedAction(
  ZVerifySecondFactor,
  async (actor, input) => {
    await verifySecondFactor(actor, input);
    return { verified: true };
  },
  { allowPendingSecondFactor: true, allowPendingPasswordChange: true },
);

export const passkeyAuthenticationOptionsAction = authedAction(z.object({}), (actor) => passkeyAuthenticationOptions(actor), {
  allowPendingSecondFactor: true,
  allowPendingPasswordChange: true,
});

export const verifyPasskeyAction = authedAction(
  ZPasskeyAuthentication,
  async (actor, input) => {
    await verifyPasskey(actor, input);
    return { verified: true };
  },
  { allowPendingSecondFactor: true, allowPendingPasswordChange: true },
);
