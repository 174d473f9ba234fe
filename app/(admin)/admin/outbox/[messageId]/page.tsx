import type { Metadata } from "next";
import Link from "next/link";
import { formatTimestamp } from "@/app/_components/format";
import { getOutboxMessage } from "@/lib/domain/messaging/outbox";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { KIND_NAMES, OutboxStatus } from "../_components/outbox-status";

export const metadata: Metadata = { title: "Message" };

export default async function OutboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  const { messageId } = await params;
  const actor = await requirePageActor("ADMIN", `/admin/outbox/${messageId}`);
  const message = await loadForPage(() => getOutboxMessage(actor, { messageId }));
  const received = message.received;
  return (
    <div className="max-w-3xl">
      <p className="mb-2"><Link href="/admin/outbox" className="text-brand-700 underline">Back to the Outbox</Link></p>
      <h1 className="text-2xl font-semibold">{KIND_NAMES[message.kind] ?? message.kind}</h1>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-slate-600">To</dt>
        <dd>{message.recipientName ? `${message.recipientName}, ` : ""}{message.recipient}</dd>
        <dt className="font-medium text-slate-600">Channel</dt>
        <dd>{message.channel === "EMAIL" ? "Email" : "Push notification"}</dd>
        <dt className="font-medium text-slate-600">Queued</dt>
        <dd>{formatTimestamp(message.createdAt.toISOString(), actor.timeZone)}</dd>
        <dt className="font-medium text-slate-600">Delivery</dt>
        <dd><OutboxStatus row={message} timeZone={actor.timeZone} /></dd>
      </dl>
      {received ? (
        <section aria-labelledby="as-received" className="mt-6">
          <h2 id="as-received" className="text-lg font-semibold">As the recipient received it</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-t-lg border border-b-0 border-slate-200 bg-slate-50 p-3 text-sm">
            <dt className="font-medium text-slate-600">From</dt>
            <dd>{received.from}</dd>
            <dt className="font-medium text-slate-600">To</dt>
            <dd>{received.to}</dd>
            <dt className="font-medium text-slate-600">Subject</dt>
            <dd className="font-semibold">{received.subject}</dd>
            {received.date && (
              <>
                <dt className="font-medium text-slate-600">Date</dt>
                <dd>{formatTimestamp(received.date.toISOString(), actor.timeZone)}</dd>
              </>
            )}
          </dl>
          {received.html && (
            // The HTML part in a sandbox with no scripts, forms or same-origin rights, as a careful mail client shows it.
            <iframe title="The email's HTML part" sandbox="" srcDoc={received.html} className="h-[32rem] w-full border border-slate-200 bg-white" />
          )}
          <h3 className="mt-4 font-semibold">Plain-text part</h3>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-3 text-sm">{received.text}</pre>
        </section>
      ) : (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {message.channel === "PUSH"
            ? "Push notifications are delivered to the person's devices through their browser's push service; their content is not kept."
            : !message.sinkMode
              ? "This message went to the clinic's mail provider; its content is not kept here."
              : message.status === "SENT"
                ? "This message is no longer in the mail sink."
                : "The message has not reached the mail sink yet."}
        </p>
      )}
    </div>
  );
}
