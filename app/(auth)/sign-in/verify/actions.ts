"use server";

import { verifySecondFactor } from "@/lib/domain/second-factor/verify-second-factor";
import { authedAction } from "@/lib/server/with-route";
import { ZVerifySecondFactor } from "@/lib/validation/second-factor";

// The second sign-in step: callable by a session that has passed only its password.
export const verifySecondFactorAction = authedAction(
  ZVerifySecondFactor,
  async (actor, input) => {
    await verifySecondFactor(actor, input);
    return { verified: true };
  },
  { allowPendingSecondFactor: true, allowPendingPasswordChange: true },
);
