import { AppShell } from "@/app/_components/app-shell";
import { requirePageActor } from "@/lib/server/page";
import { ServiceWorkerRegistration } from "./_components/service-worker-registration";

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("PATIENT");
  return (
    <AppShell
      area="My care"
      user={actor.name}
      nav={[
        { href: "/my", label: "Today" },
        { href: "/my/plans", label: "My plan" },
        { href: "/my/sessions", label: "Sessions" },
        { href: "/my/progress", label: "Progress" },
        { href: "/my/settings", label: "Settings" },
      ]}
    >
      <ServiceWorkerRegistration />
      {children}
    </AppShell>
  );
}
