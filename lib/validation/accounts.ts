import { z } from "@/lib/validation/zod";
import { COMMON_PASSWORDS } from "./common-passwords";
import { Contraindication } from "@/lib/enums";
import { ZId, ZVersion } from "./common";
import { optionalText, requiredText, searchText } from "./fields";

// ---- Password policy (NIST SP 800-63B): length and a common-password list, no composition rules.

import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy-text";

export { PASSWORD_HINT, PASSWORD_MAX, PASSWORD_MIN, PASSWORD_MIN_SINGLE_FACTOR } from "./password-policy-text";

// Passwords are hashed in NFKC (lib/auth/password.ts), so they are measured and compared in it too:
// "é" typed as one or two code points counts once.
const normalized = (password: string) => password.normalize("NFKC");
const codePoints = (password: string) => [...normalized(password)].length;

/**
 * The first rule a new password breaks, or null. `email` is the account's own address; `minLength`
 * is PASSWORD_MIN_SINGLE_FACTOR for an account whose password is its only factor.
 */
export function passwordPolicyProblem(password: string, context: { email?: string; minLength?: number } = {}): string | null {
  const length = codePoints(password);
  const min = Math.max(PASSWORD_MIN, context.minLength ?? PASSWORD_MIN);
  if (length < min) return `Use at least ${min} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const folded = normalized(password).toLowerCase();
  if (COMMON_PASSWORDS.has(folded)) return "This is one of the most common passwords. Choose something less predictable.";
  if (context.email && folded === context.email.trim().toLowerCase()) return "Your password cannot be your email address.";
  return null;
}

export const ZChangePassword = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Enter your current password"),
    newPassword: z.string({ error: "Choose a new password" }).superRefine((value, ctx) => {
      const problem = passwordPolicyProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    confirm: z.string({ error: "Repeat the new password" }),
  })
  .superRefine((data, ctx) => {
    if (data.confirm !== data.newPassword) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two new passwords do not match." });
    if (data.newPassword.length > 0 && normalized(data.newPassword) === normalized(data.currentPassword)) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from your current one." });
    }
  });
export type TChangePassword = z.infer<typeof ZChangePassword>;

// ---- Account fields

export const ZEmail = z.string({ error: "Enter an email address" }).trim().toLowerCase().email("Enter a valid email address").max(254, "Email must be at most 254 characters");

const ZPhone = optionalText("Phone", 30).refine((v) => v === null || /^\+?[0-9 ()./-]{5,30}$/.test(v), "Enter a phone number using digits, spaces and + ( ) - only");

/** The latest calendar date anywhere on Earth (UTC+14): a birth "today" is never refused. */
function latestToday(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

function isCalendarDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

function dateOfBirthProblem(iso: string): string | null {
  if (!iso.trim()) return "Enter the date of birth";
  if (!isCalendarDate(iso)) return "Enter a real date of birth (YYYY-MM-DD)";
  if (iso <= "1900-01-01") return "The date of birth must be after 1 January 1900";
  if (iso > latestToday()) return "The date of birth cannot be in the future";
  return null;
}

/** An ISO calendar date after 1 January 1900 and not in the future; one message, the first that applies. */
export const ZDateOfBirth = z.string({ error: "Enter the date of birth" }).superRefine((iso, ctx) => {
  const problem = dateOfBirthProblem(iso);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const ZFlags = z
  .array(z.enum(Contraindication))
  .max(Object.keys(Contraindication).length)
  .transform((flags) => [...new Set(flags)]);

export const MAX_CARE_TEAM = 10;

/** A care team: 1–10 distinct clinicians, exactly one of them primary. */
export const ZCareTeamMembers = z
  .array(z.object({ clinicianId: ZId, isPrimary: z.boolean() }), { error: "Choose the care team" })
  .min(1, "Choose at least one clinician for the care team")
  .max(MAX_CARE_TEAM, `A care team has at most ${MAX_CARE_TEAM} clinicians`)
  .superRefine((members, ctx) => {
    const ids = members.map((m) => m.clinicianId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", message: "Each clinician can be on the care team once" });
    const primaries = members.filter((m) => m.isPrimary).length;
    if (members.length > 0 && primaries !== 1) ctx.addIssue({ code: "custom", message: "Choose exactly one primary clinician" });
  });
export type TCareTeamMember = z.infer<typeof ZCareTeamMembers>[number];

const staff = { name: requiredText("Name", 120, 2), email: ZEmail };

export const ZCreateAccount = z.discriminatedUnion(
  "role",
  [
    z.object({ role: z.literal("ADMIN"), ...staff }),
    z.object({ role: z.literal("CLINICIAN"), ...staff }),
    z
      .object({
        role: z.literal("PATIENT"),
        firstName: requiredText("First name", 80),
        lastName: requiredText("Last name", 80),
        dateOfBirth: ZDateOfBirth,
        // Optional contact address without portal access; the sign-in address with it.
        email: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), ZEmail.nullable().optional().transform((v) => v ?? null)),
        phone: ZPhone,
        portalAccess: z.boolean(),
        contraindications: ZFlags,
        careTeam: ZCareTeamMembers,
      })
      .superRefine((data, ctx) => {
        if (data.portalAccess && !data.email) {
          ctx.addIssue({ code: "custom", path: ["email"], message: "An email address is needed to sign in to the patient portal" });
        }
      }),
  ],
  { error: "Choose the kind of account" },
);
export type TCreateAccount = z.input<typeof ZCreateAccount>;
export type TCreateAccountParsed = z.output<typeof ZCreateAccount>;

export const STAFF_ROLES = ["ADMIN", "CLINICIAN"] as const;

export const ZSetAccountActive = z.object({ userId: ZId, active: z.boolean() });
export type TSetAccountActive = z.infer<typeof ZSetAccountActive>;

// Patients stay patients and staff stay staff: a role change only moves between the staff roles.
export const ZChangeRole = z.object({ userId: ZId, role: z.enum(STAFF_ROLES, { error: "Choose Admin or Clinician" }) });
export type TChangeRole = z.infer<typeof ZChangeRole>;

export const ZResetPassword = z.object({ userId: ZId });

export const ZEndAccountSessions = z.object({ userId: ZId });
export type TEndAccountSessions = z.infer<typeof ZEndAccountSessions>;

export const ZAssignCareTeam = z.object({ patientId: ZId, version: ZVersion, members: ZCareTeamMembers });
export type TAssignCareTeam = z.infer<typeof ZAssignCareTeam>;

export const ACCOUNT_STATUSES = ["ACTIVE", "INACTIVE", "NO_PORTAL"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const ZAccountFilters = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  q: searchText().optional().catch(undefined),
  role: z.enum(["ADMIN", "CLINICIAN", "PATIENT"]).optional().catch(undefined),
  status: z.enum(ACCOUNT_STATUSES).optional().catch(undefined),
});
export type TAccountFilters = z.infer<typeof ZAccountFilters>;

// ---- Invitations and password-reset links (decision 034)

export const ZInvitePatient = z.object({ patientId: ZId, email: ZEmail });
export type TInvitePatient = z.infer<typeof ZInvitePatient>;

export const ZRequestPasswordReset = z.object({ email: ZEmail });
export type TRequestPasswordReset = z.infer<typeof ZRequestPasswordReset>;

export const ACCOUNT_TOKEN_PURPOSES = ["INVITATION", "PASSWORD_RESET"] as const;
export type AccountTokenPurposeName = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** Choosing a password through a link: the same rules as a password change, checked again on the server. */
export const ZSetPasswordWithToken = z
  .object({
    purpose: z.enum(ACCOUNT_TOKEN_PURPOSES),
    // Its shape is checked by the domain, which answers any unusable link the same way.
    token: z.string({ error: "This link is not valid" }).max(200, "This link is not valid"),
    newPassword: z.string({ error: "Choose a password" }).superRefine((value, ctx) => {
      const problem = passwordPolicyProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    confirm: z.string({ error: "Repeat the password" }),
  })
  .superRefine((data, ctx) => {
    if (data.confirm !== data.newPassword) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords do not match." });
  });
export type TSetPasswordWithToken = z.infer<typeof ZSetPasswordWithToken>;
