import type { Metadata } from "next";
import { AppShell } from "@/app/_components/app-shell";
import { formatDateTime } from "@/app/_components/format";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { listOwnSessions } from "@/lib/domain/accounts/end-sessions";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { SignOutEverywhere } from "./_components/sign-out-everywhere";

export const metadata: Metadata = { title: "Signed-in sessions" };

// Every role: the browsers signed in to one's own account, and "sign out everywhere".
export default async function SessionsPage() {
  const actor = await requirePageActor(undefined, "/account/sessions");
  const sessions = await loadForPage(() => listOwnSessions(actor));
  const others = sessions.filter((s) => !s.current).length;
  return (
    <AppShell
      area="Your account"
      user={actor.name}
      nav={[
        { href: HOME_BY_ROLE[actor.role], label: "Back to your home" },
        { href: "/account/password", label: "Change password" },
      ]}
    >
      <div className="mx-auto max-w-xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold">Signed-in sessions</h1>
          <p className="mt-2 text-slate-600">
            Each browser where your account is signed in. If you see one you do not recognise, or you signed in on a shared computer,
            sign out everywhere and change your password.
          </p>
        </div>
        <section aria-labelledby="open-sessions-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="open-sessions-heading" className="text-lg font-semibold">
            {sessions.length === 1 ? "1 open session" : `${sessions.length} open sessions`}
          </h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                <span className="font-medium">{s.device}</span>
                <span className="text-slate-600">
                  signed in {formatDateTime(s.startedAt, actor.timeZone)}
                  {s.current && <strong className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-brand-800">this browser</strong>}
                </span>
              </li>
            ))}
          </ul>
          <div className="mt-4">
            <SignOutEverywhere others={others} />
          </div>
        </section>
      </div>
    </AppShell>
  );
}
