import Link from "next/link";
import { LINK_PROBLEMS, type LinkProblem } from "@/lib/validation/account-links";

/** The page an unusable link opens: what went wrong and what to do next; nothing was changed. */
export function LinkProblemNotice({ purpose, problem }: { purpose: "INVITATION" | "PASSWORD_RESET"; problem: LinkProblem }) {
  const text = LINK_PROBLEMS[purpose][problem];
  return (
    <section aria-labelledby="link-problem" className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-6">
      <h2 id="link-problem" className="text-lg font-semibold text-amber-950">{text.title}</h2>
      <p className="text-sm text-amber-950">{text.body}</p>
      <div className="flex flex-wrap gap-4 text-sm">
        {purpose === "PASSWORD_RESET" && (
          <Link href="/sign-in/forgot" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">Request a new reset link</Link>
        )}
        <Link href="/sign-in" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">Go to sign in</Link>
      </div>
    </section>
  );
}
