import { ShellHeader, type NavItem } from "./shell-header";

/** Header with the area's navigation and the signed-in user; content below. */
export function AppShell({ area, user, nav, children }: { area: string; user: string; nav: NavItem[]; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="no-print border-b border-slate-200 bg-white">
        <ShellHeader area={area} user={user} nav={nav} />
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
