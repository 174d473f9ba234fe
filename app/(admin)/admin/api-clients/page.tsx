import type { Metadata } from "next";
import Link from "next/link";
import { formatTimestamp } from "@/app/_components/format";
import { listApiClients } from "@/lib/domain/api-clients/api-clients";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { API_SCOPE_LABELS } from "@/lib/validation/api-clients";
import { CreateApiClient } from "./_components/create-api-client";
import { ApiClientStatusBadge } from "./_components/status-badge";

export const metadata: Metadata = { title: "API clients" };

// API clients (issue 17, ADR 047): other systems' access with a bearer token.
export default async function ApiClientsPage() {
  const actor = await requirePageActor("ADMIN", "/admin/api-clients");
  const clients = await loadForPage(() => listApiClients(actor));
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">API clients</h1>
        <p className="mt-1 text-slate-700">
          Other systems (a hospital EHR, a backup job) read the clinic&apos;s data through the API with a token. Each client gets only the scopes you choose, its
          token expires, it can be revoked at any time, and every request it makes is in the audit log under its name.
        </p>
      </header>

      <section aria-labelledby="new-client" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-client" className="mb-3 text-lg font-semibold">
          New API client
        </h2>
        <CreateApiClient />
      </section>

      <section aria-labelledby="clients" className="space-y-3">
        <h2 id="clients" className="text-lg font-semibold">
          Clients
        </h2>
        {clients.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            No API clients yet. Nothing can read the clinic&apos;s data through the API until you create one above.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API clients, newest first</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">Client</th>
                  <th scope="col" className="px-4 py-3 font-medium">May</th>
                  <th scope="col" className="px-4 py-3 font-medium">State</th>
                  <th scope="col" className="px-4 py-3 font-medium">Last used</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {clients.map((c) => (
                  <tr key={c.id}>
                    <td className="px-4 py-2">
                      <Link href={`/admin/api-clients/${c.id}`} className="font-medium text-brand-700 underline">
                        {c.name}
                      </Link>
                      <span className="block font-mono text-xs text-slate-600">rvp_{c.tokenId}_…</span>
                    </td>
                    <td className="px-4 py-2">{c.scopes.map((s) => API_SCOPE_LABELS[s].label).join(", ")}</td>
                    <td className="px-4 py-2">
                      <ApiClientStatusBadge status={c.status} />
                      <span className="block text-xs text-slate-600">
                        {c.status === "revoked" && c.revokedAt
                          ? `since ${formatTimestamp(c.revokedAt, actor.timeZone)}`
                          : `${c.status === "expired" ? "expired" : "expires"} ${formatTimestamp(c.expiresAt, actor.timeZone)}`}
                      </span>
                    </td>
                    <td className="px-4 py-2">{c.lastUsedAt ? formatTimestamp(c.lastUsedAt, actor.timeZone) : "Never"}</td>
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
