"use server";

import { setPasswordWithLink } from "@/lib/domain/accounts/redeem-account-link";
import { publicAction } from "@/lib/server/public-action";
import { ZSetPasswordWithToken } from "@/lib/validation/accounts";

// Choosing a password through an invitation or reset link (decision 034). The answer names the
// account's sign-in address, which the link's holder was sent anyway, so the page can sign them in.
export const setPasswordWithLinkAction = publicAction(ZSetPasswordWithToken, (input, context) => setPasswordWithLink(input, context));
