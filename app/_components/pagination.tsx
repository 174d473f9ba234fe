import Link from "next/link";

type Params = Record<string, string | number | undefined>;

/** Previous / next links that keep the current filters. */
export function Pagination({ page, total, pageSize, params }: { page: number; total: number; pageSize: number; params: Params }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, page: p } as Params)) if (v !== undefined && v !== "") query.set(k, String(v));
    return `?${query.toString()}`;
  };
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 && <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href={href(page - 1)}>Previous page</Link>}
      <span>Page {page} of {pages}</span>
      {page < pages && <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href={href(page + 1)}>Next page</Link>}
    </nav>
  );
}
