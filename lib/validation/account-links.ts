// What a person sees when a link to set a password cannot be used (decision 034). Pure text, read
// by the pages and by the domain's refusal alike.
import type { AccountTokenPurposeName } from "./accounts";

export type LinkProblem = "expired" | "used" | "revoked" | "invalid";

export const LINK_PROBLEMS: Record<AccountTokenPurposeName, Record<LinkProblem, { title: string; body: string }>> = {
  INVITATION: {
    expired: { title: "This invitation has expired", body: "Invitation links work for 72 hours. Ask your clinic for a new invitation." },
    used: {
      title: "This invitation has already been used",
      body: "Sign in with the password you chose. If you have forgotten it, use “Forgot password?” on the sign-in page.",
    },
    revoked: {
      title: "This invitation was replaced",
      body: "Your clinic sent a newer invitation: use the link in the most recent email, or ask your clinic for a new invitation.",
    },
    invalid: {
      title: "This invitation link does not work",
      body: "Check that you opened the whole link from the email, or ask your clinic for a new invitation.",
    },
  },
  PASSWORD_RESET: {
    expired: { title: "This reset link has expired", body: "Reset links work for 30 minutes. Request a new reset link." },
    used: { title: "This reset link has already been used", body: "Sign in with your new password, or request a new reset link." },
    revoked: { title: "This reset link was replaced", body: "A newer reset link was requested: use the link in the most recent email, or request a new reset link." },
    invalid: { title: "This reset link does not work", body: "Check that you opened the whole link from the email, or request a new reset link." },
  },
};

/** The one-line refusal a form shows (title and advice together). */
export const linkProblemMessage = (purpose: AccountTokenPurposeName, problem: LinkProblem) =>
  `${LINK_PROBLEMS[purpose][problem].title}. ${LINK_PROBLEMS[purpose][problem].body} Nothing was changed.`;
