/** The form-level message (saved, conflict, error), announced to screen readers. */
export function FormStatus({ status }: { status: { tone: "error" | "success"; message: string; action?: React.ReactNode } | null }) {
  return (
    <div aria-live="polite">
      {status && (
        <div
          className={
            status.tone === "error"
              ? "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
              : "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          }
        >
          {status.message} {status.action}
        </div>
      )}
    </div>
  );
}
