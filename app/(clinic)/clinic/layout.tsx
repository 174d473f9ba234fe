import { AppShell } from "@/app/_components/app-shell";
import { requirePageActor } from "@/lib/server/page";

export default async function ClinicLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("CLINICIAN");
  return (
    <AppShell area="Clinic" user={actor.name} nav={[
        { href: "/clinic", label: "My patients" },
        { href: "/clinic/sessions", label: "Sessions" },
        { href: "/clinic/catalog", label: "Catalog" },
        { href: "/clinic/protocols", label: "Protocols" },
        { href: "/clinic/calendar", label: "Calendar" },
      ]}>
      {children}
    </AppShell>
  );
}
