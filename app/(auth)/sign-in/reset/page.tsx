import type { Metadata } from "next";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { inspectAccountLink } from "@/lib/domain/accounts/redeem-account-link";
import { AuthCard } from "../_components/auth-card";
import { LinkProblemNotice } from "../_components/link-problem";
import { SetPasswordForm } from "../_components/set-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

// GET /sign-in/reset?token=… – the emailed reset link (decision 034): a new password ends every session.
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const link = await inspectAccountLink(value, "PASSWORD_RESET", { ip: clientIp(await headers()) });
  if (link.state !== "valid") {
    return (
      <AuthCard title="Reset your password">
        <LinkProblemNotice purpose="PASSWORD_RESET" problem={link.state} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" intro={`For ${link.name}. Every device signed in to this account will be signed out.`}>
      <SetPasswordForm purpose="PASSWORD_RESET" token={value} email={link.email} minLength={link.minLength} />
    </AuthCard>
  );
}
