import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

type NavItem = { href: string; label: string };

/** Header with the area's navigation and the signed-in user; content below. */
export function AppShell({ area, user, nav, children }: { area: string; user: string; nav: NavItem[]; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <div className="flex min-w-0 flex-wrap items-center gap-x-4">
            <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-800">
              Riverside Plans <span className="font-normal text-slate-500">· {area}</span>
            </Link>
            <nav aria-label="Main">
              <ul className="flex flex-wrap gap-x-1">
                {nav.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <div className="flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
            <span>{user}</span>
            <Link href="/account/password" className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Change password
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
