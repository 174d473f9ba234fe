"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Shows an initial password exactly once (it lives only in this component's state; reloading the
 * page does not bring it back), with a copy button and the warning that it will not be shown again.
 */
export function InitialPasswordNotice({ name, password, children }: { name: string; password: string; children?: React.ReactNode }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="initial-password-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-5">
      <h2 id="initial-password-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-amber-950">
        Initial password for {name}
      </h2>
      <p className="mt-1 text-sm text-amber-950">
        <strong>This password is shown only once and cannot be shown again.</strong> Give it to {name} in person or by phone,
        not by email. They must choose their own password when they first sign in.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <output aria-label="Initial password" className="rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-lg tracking-wider">
          {password}
        </output>
        <button type="button" onClick={copy} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Copy password
        </button>
        <span aria-live="polite" className="text-sm text-slate-700">
          {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Copying is not allowed here: select the password and copy it." : ""}
        </span>
      </div>
      {children && <div className="mt-4">{children}</div>}
    </section>
  );
}
