"use server";

import { changeOwnPassword } from "@/lib/domain/accounts/change-own-password";
import { authedAction } from "@/lib/server/with-route";
import { ZChangePassword } from "@/lib/validation/accounts";

// The one action an actor with an initial password may call.
export const changeOwnPasswordAction = authedAction(
  ZChangePassword,
  async (actor, input) => {
    await changeOwnPassword(actor, input);
    return { changed: true };
  },
  { allowPendingPasswordChange: true },
);
