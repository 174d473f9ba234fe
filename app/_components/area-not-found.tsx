import Link from "next/link";

/**
 * The 404 inside an area's layout (decision 042): the header and its navigation stay, so the user
 * can go on from here instead of starting over from the home page.
 */
export function AreaNotFound({ home, homeLabel }: { home: string; homeLabel: string }) {
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">We couldn&apos;t find that page</h1>
      <p className="mt-3 text-slate-600">It may have moved, or you may not have access to it. The menu above still takes you anywhere in this area.</p>
      <Link href={home} className="mt-6 inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        {homeLabel}
      </Link>
    </div>
  );
}
