import type { Metadata } from "next";
import Link from "next/link";
import { formatTimestamp } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import { listOutbox } from "@/lib/domain/messaging/outbox";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZOutboxFilters } from "@/lib/validation/outbox";
import { KIND_NAMES, OutboxStatus } from "./_components/outbox-status";

export const metadata: Metadata = { title: "Outbox" };

const FILTERS = [
  { value: "", label: "All" },
  { value: "RETRYING", label: "Failed, retrying" },
  { value: "FAILED", label: "Failed" },
  { value: "QUEUED", label: "Queued" },
  { value: "SENT", label: "Sent" },
] as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/outbox");
  const filters = ZOutboxFilters.parse(await searchParams);
  const { rows, total, page, pageSize, sinkMode } = await loadForPage(() => listOutbox(actor, filters));
  return (
    <>
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        Every invitation, password link and reminder the app has sent or is sending for the clinic, and whether it arrived at the mail server.{" "}
        {sinkMode
          ? "Mail is not leaving this machine: no SMTP_URL is set, so messages go to the built-in mail sink, and you can open each one as its recipient would see it."
          : "Mail goes to the clinic's mail provider (SMTP_URL); a message that fails is retried for about four hours."}
      </p>
      <nav aria-label="Filter by delivery state" className="mb-4 flex flex-wrap gap-2">
        {FILTERS.map((f) => {
          const current = (filters.status ?? "") === f.value;
          return (
            <Link
              key={f.value}
              href={f.value ? `/admin/outbox?status=${f.value}` : "/admin/outbox"}
              aria-current={current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-md border px-3 text-sm ${current ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-slate-300 bg-white text-slate-800"}`}
            >
              {f.label}
            </Link>
          );
        })}
      </nav>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filters.status ? "No messages in this state." : "No messages yet. Invitations, password links and reminders appear here as the app sends them."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Messages, newest first</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Queued</th>
                <th scope="col" className="px-4 py-3 font-medium">Message</th>
                <th scope="col" className="px-4 py-3 font-medium">To</th>
                <th scope="col" className="px-4 py-3 font-medium">Delivery</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((m) => (
                <tr key={m.id}>
                  <td className="whitespace-nowrap px-4 py-2">{formatTimestamp(m.createdAt.toISOString(), actor.timeZone)}</td>
                  <td className="px-4 py-2">
                    <Link href={`/admin/outbox/${m.id}`} className="text-brand-700 underline">
                      {KIND_NAMES[m.kind] ?? m.kind}
                    </Link>
                    <span className="block text-xs text-slate-600">{m.channel === "EMAIL" ? "Email" : "Push notification"}</span>
                  </td>
                  <td className="px-4 py-2">
                    {m.recipientName ?? "—"}
                    <span className="block text-xs text-slate-600">{m.recipient}</span>
                  </td>
                  <td className="px-4 py-2"><OutboxStatus row={m} timeZone={actor.timeZone} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} total={total} pageSize={pageSize} params={filters} />
    </>
  );
}
