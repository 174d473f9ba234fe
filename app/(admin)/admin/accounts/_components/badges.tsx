import type { AccountStatus } from "@/lib/validation/accounts";

const STATUS: Record<AccountStatus, { text: string; tone: string }> = {
  ACTIVE: { text: "Active", tone: "bg-emerald-100 text-emerald-900" },
  INACTIVE: { text: "Deactivated", tone: "bg-red-100 text-red-900" },
  NO_PORTAL: { text: "No portal access", tone: "bg-slate-100 text-slate-800" },
};

export function StatusBadge({ status }: { status: AccountStatus }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS[status].tone}`}>{STATUS[status].text}</span>;
}

export function statusText(status: AccountStatus): string {
  return STATUS[status].text;
}
