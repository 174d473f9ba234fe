import { useId } from "react";

type FieldProps = {
  label: string;
  error?: string[];
  hint?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
};

/** A labelled control with its hint and its error next to it, wired for screen readers. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <div className="mt-1">{children({ id, "aria-invalid": Boolean(errorId), "aria-describedby": describedBy })}</div>
      {errorId && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error!.join(" ")}
        </p>
      )}
    </div>
  );
}

export const inputClass =
  "block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600";
