import type { Metadata } from "next";
import Link from "next/link";
import { listClinicians } from "@/lib/domain/accounts/list-clinicians";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { CreateAccountForm } from "../_components/create-account-form";

export const metadata: Metadata = { title: "New account" };

export default async function NewAccountPage() {
  const actor = await requirePageActor("ADMIN", "/admin/accounts/new");
  const clinicians = await loadForPage(() => listClinicians(actor));
  return (
    <div className="mx-auto max-w-3xl">
      <Link href="/admin/accounts" className="text-sm text-brand-700 underline">← Accounts</Link>
      <h1 className="mt-2 text-2xl font-semibold">New account</h1>
      <p className="mb-6 text-slate-600">
        Every sign-in account gets an emailed invitation: its owner chooses their own password with the link (valid once, for 72 hours). Nobody else ever sees it.
      </p>
      <CreateAccountForm clinicians={clinicians} />
    </div>
  );
}
