"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { assignCareTeam } from "@/lib/domain/accounts/assign-care-team";
import { changeRole } from "@/lib/domain/accounts/change-role";
import { createAccount } from "@/lib/domain/accounts/create-account";
import { endAccountSessions } from "@/lib/domain/accounts/end-sessions";
import { resetPassword } from "@/lib/domain/accounts/reset-password";
import { setAccountActive } from "@/lib/domain/accounts/set-account-active";
import { authedAction } from "@/lib/server/with-route";
import { ZAssignCareTeam, ZChangeRole, ZCreateAccount, ZEndAccountSessions, ZResetPassword, ZSetAccountActive } from "@/lib/validation/accounts";
import { resetSecondFactors } from "@/lib/domain/second-factor/reset-second-factors";
import { ZResetSecondFactors } from "@/lib/validation/second-factor";

// Results that carry an initial password go to the admin's browser once and nowhere else:
// nothing here logs, caches or redirects with them.

export const createAccountAction = authedAction(ZCreateAccount, async (actor, input) => {
  const created = await createAccount(actor, input);
  revalidatePath("/admin/accounts");
  return created;
});

// The client sends `confirm: true` only from the confirmation dialog.
export const setAccountActiveAction = authedAction(ZSetAccountActive.extend({ confirm: z.literal(true) }), async (actor, input) => {
  const result = await setAccountActive(actor, { userId: input.userId, active: input.active });
  revalidatePath("/admin/accounts");
  return result;
});

export const changeRoleAction = authedAction(ZChangeRole.extend({ confirm: z.literal(true) }), async (actor, input) => {
  const result = await changeRole(actor, { userId: input.userId, role: input.role });
  revalidatePath("/admin/accounts");
  return result;
});

export const resetPasswordAction = authedAction(ZResetPassword.extend({ confirm: z.literal(true) }), async (actor, input) => {
  const issued = await resetPassword(actor, { userId: input.userId });
  revalidatePath(`/admin/accounts/${input.userId}`);
  return issued;
});

export const resetSecondFactorsAction = authedAction(ZResetSecondFactors.extend({ confirm: z.literal(true) }), async (actor, input) => {
  await resetSecondFactors(actor, { userId: input.userId });
  revalidatePath(`/admin/accounts/${input.userId}`);
  return { reset: true };
});

export const assignCareTeamAction = authedAction(ZAssignCareTeam, async (actor, input) => {
  const saved = await assignCareTeam(actor, input);
  revalidatePath("/admin/accounts");
  return saved;
});

export const endAccountSessionsAction = authedAction(ZEndAccountSessions.extend({ confirm: z.literal(true) }), async (actor, input) => {
  const result = await endAccountSessions(actor, { userId: input.userId });
  revalidatePath(`/admin/accounts/${input.userId}`);
  return result;
});
