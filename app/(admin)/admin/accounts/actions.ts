"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { assignCareTeam } from "@/lib/domain/accounts/assign-care-team";
import { changeRole } from "@/lib/domain/accounts/change-role";
import { createAccount } from "@/lib/domain/accounts/create-account";
import { endAccountSessions } from "@/lib/domain/accounts/end-sessions";
import { invitePatient } from "@/lib/domain/accounts/invite-patient";
import { resetPassword } from "@/lib/domain/accounts/reset-password";
import { setAccountActive } from "@/lib/domain/accounts/set-account-active";
import { authedAction } from "@/lib/server/with-route";
import {
  ZAssignCareTeam,
  ZChangeRole,
  ZCreateAccount,
  ZEndAccountSessions,
  ZInvitePatient,
  ZResetPassword,
  ZSetAccountActive,
} from "@/lib/validation/accounts";
import { resetSecondFactors } from "@/lib/domain/second-factor/reset-second-factors";
import { ZResetSecondFactors } from "@/lib/validation/second-factor";

// No result carries a password or a link token: invitations and reset links go to the account's
// own email address only (decision 034).

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

// Sends a password-reset link, or the invitation again to an account never activated.
export const resetPasswordAction = authedAction(ZResetPassword.extend({ confirm: z.literal(true) }), async (actor, input) => {
  const sent = await resetPassword(actor, { userId: input.userId });
  revalidatePath(`/admin/accounts/${input.userId}`);
  return sent;
});

// Portal access for a patient record of the clinic: an emailed invitation (decision 034).
export const invitePatientAction = authedAction(ZInvitePatient, async (actor, input) => {
  const sent = await invitePatient(actor, input);
  revalidatePath("/admin/accounts");
  revalidatePath(`/admin/accounts/patients/${input.patientId}`);
  return sent;
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
