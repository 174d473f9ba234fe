"use client";

import { useId, useRef, type ReactNode } from "react";

type Props = {
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  tone?: "danger" | "default";
  /** More than a sentence to read before confirming (e.g. what uses the record). */
  children?: ReactNode;
  /** Checked before the dialog opens: false keeps it closed (e.g. the input is not valid, so there is nothing to confirm). */
  canOpen?: () => boolean;
};

/** A button that asks first, in an accessible modal dialog (focus trapped, Esc cancels). */
export function ConfirmButton({ label, title, body, confirmLabel, onConfirm, disabled, tone = "danger", children, canOpen }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const danger = tone === "danger";
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          if (canOpen && !canOpen()) return;
          dialog.current?.showModal();
        }}
        className={`min-h-11 rounded-md border px-4 py-2 text-sm font-medium disabled:opacity-50 ${danger ? "border-red-300 text-red-800 hover:bg-red-50" : "border-slate-300 hover:bg-slate-50"}`}
      >
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <div className="p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="mt-2 text-sm text-slate-700">{body}</p>
          {children}
          <div className="mt-5 flex justify-end gap-2">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className="min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium">
              Cancel
            </button>
            <button
              type="button"
              onClick={() => {
                dialog.current?.close();
                onConfirm();
              }}
              className={`min-h-11 rounded-md px-4 py-2 text-sm font-medium text-white ${danger ? "bg-red-700 hover:bg-red-800" : "bg-brand-600 hover:bg-brand-700"}`}
            >
              {confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
