import Link from "next/link";

/** An admin list page's heading: title, a one-line summary and the "New …" button. */
export function ListHeader({ title, summary, newHref, newLabel }: { title: string; summary: string; newHref: string; newLabel: string }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-slate-600">{summary}</p>
      </div>
      <Link href={newHref} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
        {newLabel}
      </Link>
    </div>
  );
}

/** A GET search form: a free-text field, the page's filters, Search, and Clear when filtered. */
export function SearchForm({
  label,
  searchLabel,
  placeholder,
  q,
  clearHref,
  filtered,
  children,
}: {
  label: string;
  searchLabel: string;
  placeholder: string;
  q?: string;
  clearHref: string;
  filtered: boolean;
  children?: React.ReactNode;
}) {
  return (
    <form role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <div className="grow">
        <label htmlFor="q" className="block text-xs font-medium text-slate-700">{searchLabel}</label>
        <input id="q" name="q" defaultValue={q} placeholder={placeholder} className="min-h-11 w-full rounded-md border border-slate-300 px-3" />
      </div>
      {children}
      <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Search</button>
      {filtered && <Link href={clearHref} className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline">Clear</Link>}
    </form>
  );
}

/** What a list shows when it has no rows: nothing matches, or nothing exists yet. */
export function EmptyList({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{children}</p>;
}
