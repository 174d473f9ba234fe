import type { Metadata } from "next";
import Link from "next/link";
import { formatTimestamp } from "@/app/_components/format";
import { API_CLIENT_USAGE_LIMIT, getApiClient } from "@/lib/domain/api-clients/api-clients";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { API_SCOPE_LABELS } from "@/lib/validation/api-clients";
import { RevokeApiClient } from "../_components/revoke-api-client";
import { ApiClientStatusBadge } from "../_components/status-badge";

export const metadata: Metadata = { title: "API client" };

// One API client (issue 17, ADR 047): its scopes, token id, dates, and its recent use from the audit log.
export default async function ApiClientPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const actor = await requirePageActor("ADMIN", `/admin/api-clients/${clientId}`);
  const client = await loadForPage(() => getApiClient(actor, clientId));
  const when = (iso: string) => formatTimestamp(iso, actor.timeZone);
  return (
    <div className="max-w-4xl space-y-6">
      <p>
        <Link href="/admin/api-clients" className="inline-flex min-h-11 items-center text-brand-700 underline">
          ← All API clients
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold break-words">{client.name}</h1>
          {client.description && <p className="mt-1 whitespace-pre-line text-slate-700">{client.description}</p>}
        </div>
        <RevokeApiClient id={client.id} name={client.name} version={client.version} active={client.status === "active"} />
      </header>

      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-600">State</dt>
          <dd>
            <ApiClientStatusBadge status={client.status} />
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">May</dt>
          <dd>{client.scopes.map((s) => API_SCOPE_LABELS[s].label).join(", ")}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">Token</dt>
          <dd className="font-mono">rvp_{client.tokenId}_…</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">Requests per minute</dt>
          <dd>{client.rateLimitPerMinute}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">Created</dt>
          <dd>
            {when(client.createdAt)} by {client.createdByName}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">{client.status === "expired" ? "Expired" : "Expires"}</dt>
          <dd>{when(client.expiresAt)}</dd>
        </div>
        {client.revokedAt && (
          <div>
            <dt className="font-medium text-slate-600">Revoked</dt>
            <dd>
              {when(client.revokedAt)}
              {client.revokedByName ? ` by ${client.revokedByName}` : ""}
            </dd>
          </div>
        )}
        <div>
          <dt className="font-medium text-slate-600">Last used</dt>
          <dd>{client.lastUsedAt ? when(client.lastUsedAt) : "Never"}</dd>
        </div>
      </dl>

      <section aria-labelledby="usage" className="space-y-3">
        <h2 id="usage" className="text-lg font-semibold">
          Recent use
        </h2>
        <p className="text-sm text-slate-600">Its latest {API_CLIENT_USAGE_LIMIT} events from the audit log, newest first.</p>
        {client.usage.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No requests yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Recent use of {client.name}</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">When</th>
                  <th scope="col" className="px-4 py-3 font-medium">What</th>
                  <th scope="col" className="px-4 py-3 font-medium">From</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {client.usage.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-4 py-2">{when(e.at)}</td>
                    <td className="px-4 py-2 break-words">{e.sentence}</td>
                    <td className="px-4 py-2">{e.origin ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
