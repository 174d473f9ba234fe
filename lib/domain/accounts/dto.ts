import type { Role } from "@/lib/db/generated/enums";
import type { AccountStatus } from "@/lib/validation/accounts";

/** One row of the accounts list: a sign-in account, or a patient record without portal access. */
export type AccountRow = {
  /** Where the row opens: /admin/accounts/<userId> or /admin/accounts/patients/<patientId>. */
  href: string;
  userId: string | null;
  patientId: string | null;
  name: string;
  email: string | null;
  role: Role;
  status: AccountStatus;
  mustChangePassword: boolean;
  /** False while an invited account has not chosen its password yet (decision 034). */
  passwordSet: boolean;
  lastLoginAt: string | null;
};

export type CareTeamMemberDto = {
  clinicianId: string;
  name: string;
  isPrimary: boolean;
  /** False when the clinician was deactivated or is no longer a clinician: remove them to save. */
  assignable: boolean;
};

/** What an admin sees of a patient: demographics and care team, nothing clinical. */
export type PatientAccountDto = {
  id: string;
  userId: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  version: number;
  careTeam: CareTeamMemberDto[];
};

export type AccountDto = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  createdAt: string;
  /** The admin looking at their own account: no deactivation, role change or reset here. */
  isSelf: boolean;
  /** False until the owner chose a password through their invitation (decision 034). */
  passwordSet: boolean;
  /** The latest invitation of an account not yet activated; null once a password is set. */
  invitation: { sentAt: string; expiresAt: string; usable: boolean } | null;
  /** For clinicians: the care teams they are on, and how many of them as primary. */
  careTeams: { total: number; primary: number };
  patient: PatientAccountDto | null;
};

export type ClinicianOption = { id: string; name: string };

/** What an admin's "Reset password" sent (decision 034): a reset link, or the invitation again. */
export type SentLink = { sent: "INVITATION" | "PASSWORD_RESET"; expiresAt: string };

/** A patient's portal account as the care team and the admin see it (decision 034). */
export type PortalAccessStatus =
  | { state: "none" }
  | { state: "invited"; email: string; invitedAt: string; expiresAt: string }
  | { state: "invitation-expired"; email: string; invitedAt: string; expiresAt: string }
  | { state: "active"; email: string }
  | { state: "deactivated"; email: string };
