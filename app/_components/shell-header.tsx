"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { SignOutButton } from "./sign-out-button";

export type NavItem = { href: string; label: string };

/**
 * The nav item of the section `pathname` lies in: the longest href that is the path itself or a
 * folder above it ("/clinic/sessions/abc" is in Sessions, "/clinic/patients/abc" in "/clinic").
 */
export function currentSection(nav: readonly NavItem[], pathname: string): string | null {
  let best: string | null = null;
  for (const { href } of nav) {
    if ((pathname === href || pathname.startsWith(`${href}/`)) && (!best || href.length > best.length)) best = href;
  }
  return best;
}

const linkBase = "inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium";
const linkIdle = `${linkBase} text-slate-700 hover:bg-slate-100`;
// The current section: tinted, bold and underlined, so it does not rest on colour alone.
const linkCurrent = `${linkBase} bg-brand-50 font-semibold text-brand-800 underline decoration-2 underline-offset-8`;

/**
 * The app's header (decision 042): the area's name, its navigation with the current section marked
 * (aria-current="page"), the signed-in user and the account links. On a phone everything but the
 * name folds behind a "Menu" button, so the header takes one row of the first screen.
 */
export function ShellHeader({ area, user, nav }: { area: string; user: string; nav: NavItem[] }) {
  const pathname = usePathname();
  const current = currentSection(nav, pathname);
  // Open for the page it was opened on: following a link closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const buttonRef = useRef<HTMLButtonElement>(null);

  return (
    <div
      className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-2 px-4 py-2"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpenOn(null);
          buttonRef.current?.focus();
        }
      }}
    >
      <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-800">
        {/* One inline box: the spaces around the dot survive (a flex item's edge spaces do not). */}
        <span>
          Riverside Plans <span className="font-normal text-slate-500">· {area}</span>
        </span>
      </Link>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="app-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 md:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          {open ? (
            <path d="M5.3 4.3a1 1 0 0 0-1.4 1.4L8.6 10l-4.7 4.3a1 1 0 1 0 1.4 1.4L10 11.4l4.3 4.3a1 1 0 0 0 1.4-1.4L11.4 10l4.3-4.3a1 1 0 0 0-1.4-1.4L10 8.6 5.3 4.3Z" />
          ) : (
            <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
          )}
        </svg>
        Menu
      </button>
      <div
        id="app-menu"
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-2 border-t border-slate-200 py-2 md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap md:items-center md:justify-between md:border-0 md:py-0`}
      >
        <nav aria-label="Main">
          <ul className="flex flex-col gap-1 md:flex-row md:flex-wrap md:gap-x-1 md:gap-y-0">
            {nav.map((item) => {
              const isCurrent = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={isCurrent ? "page" : undefined}
                    onClick={() => setOpenOn(null)}
                    className={isCurrent ? linkCurrent : linkIdle}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-x-2 border-t border-slate-200 pt-2 text-sm text-slate-600 md:border-0 md:pt-0">
          <span>{user}</span>
          <Link href="/account/password" className={linkIdle}>
            Change password
          </Link>
          <SignOutButton />
        </div>
      </div>
    </div>
  );
}
