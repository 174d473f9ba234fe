import type { Metadata } from "next";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { inspectAccountLink } from "@/lib/domain/accounts/redeem-account-link";
import { AuthCard } from "../_components/auth-card";
import { LinkProblemNotice } from "../_components/link-problem";
import { SetPasswordForm } from "../_components/set-password-form";

export const metadata: Metadata = { title: "Welcome", referrer: "no-referrer" };

// GET /sign-in/welcome?token=… – the emailed invitation (decision 034): choose a password, then sign in.
export default async function WelcomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const link = await inspectAccountLink(value, "INVITATION", { ip: clientIp(await headers()) });
  if (link.state !== "valid") {
    return (
      <AuthCard title="Welcome to Riverside Plans">
        <LinkProblemNotice purpose="INVITATION" problem={link.state} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Welcome, ${link.name}`} intro="Choose a password to finish setting up your account.">
      <SetPasswordForm purpose="INVITATION" token={value} email={link.email} minLength={link.minLength} />
    </AuthCard>
  );
}
