import type { ApiClientStatus } from "@/lib/domain/api-clients/api-clients";

const STYLE: Record<ApiClientStatus, { text: string; className: string }> = {
  active: { text: "Active", className: "border-green-300 bg-green-50 text-green-900" },
  expired: { text: "Expired", className: "border-slate-300 bg-slate-100 text-slate-800" },
  revoked: { text: "Revoked", className: "border-red-300 bg-red-50 text-red-900" },
};

/** A client's state in words (never colour alone). */
export function ApiClientStatusBadge({ status }: { status: ApiClientStatus }) {
  const s = STYLE[status];
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${s.className}`}>{s.text}</span>;
}
