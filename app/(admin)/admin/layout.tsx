import { AppShell } from "@/app/_components/app-shell";
import { requirePageActor } from "@/lib/server/page";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("ADMIN");
  return (
    <AppShell area="Administration" user={actor.name} nav={[
        { href: "/admin/catalog", label: "Catalog" },
        { href: "/admin/templates", label: "Protocols" },
        { href: "/admin/accounts", label: "Accounts" },
        { href: "/admin/audit", label: "Audit log" },
        { href: "/admin/outbox", label: "Outbox" },
        { href: "/admin/clinic", label: "Clinic settings" },
        { href: "/admin/note-templates", label: "Note templates" },
        { href: "/admin/calendar", label: "Calendar" },
        // Outcome instruments as data (issue 16, ADR 045).
        { href: "/admin/instruments", label: "Instruments" },
        // API clients (issue 17, ADR 047)
        { href: "/admin/api-clients", label: "API clients" },
        // Outcome scores CSV for the clinic's own audit (decision 048).
        { href: "/admin/outcomes", label: "Outcome scores" },
        // Guideline statements (issue 16, decision 044).
        { href: "/admin/reports/guideline-overrides", label: "Guideline report" },
      ]}>
      {children}
    </AppShell>
  );
}
