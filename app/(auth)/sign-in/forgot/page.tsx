import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";
import { AuthCard } from "../_components/auth-card";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  // Signed in already: the password is changed on the account pages.
  const actor = await getActor();
  if (actor) redirect(HOME_BY_ROLE[actor.role]);
  return (
    <AuthCard title="Reset your password" intro="Enter the email address you sign in with. We will email you a link to choose a new password.">
      <ForgotPasswordForm />
    </AuthCard>
  );
}
