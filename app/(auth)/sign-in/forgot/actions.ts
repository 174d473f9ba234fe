"use server";

import { requestPasswordReset } from "@/lib/domain/accounts/request-password-reset";
import { publicAction } from "@/lib/server/public-action";
import { ZRequestPasswordReset } from "@/lib/validation/accounts";

// "Forgot password?": the same answer whether or not the address has an account (decision 034).
export const requestPasswordResetAction = publicAction(ZRequestPasswordReset, async (input, context) => {
  await requestPasswordReset(input, context);
  return { requested: true };
});
