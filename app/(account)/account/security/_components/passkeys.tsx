"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { passkeyRegistrationOptionsAction, registerPasskeyAction } from "../actions";

type Passkey = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** The account's passkeys and adding one (the browser or phone asks for its PIN or biometric). */
export function Passkeys({ passkeys, next }: { passkeys: Passkey[]; next: string | null }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function add() {
    setStatus(null);
    startTransition(async () => {
      const options = await passkeyRegistrationOptionsAction({});
      if (!options.ok) return setStatus({ tone: "error", message: options.message });
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.data });
      } catch {
        return setStatus({ tone: "error", message: "No passkey was created (cancelled, or this device cannot make one)." });
      }
      const result = await registerPasskeyAction({ name, response });
      if (!result.ok) return setStatus({ tone: "error", message: result.message });
      setName("");
      if (next) {
        window.location.assign(next);
        return;
      }
      setStatus({ tone: "success", message: `Passkey “${result.data.name}” added.` });
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <FormStatus status={status} />
      {passkeys.length > 0 ? (
        <ul aria-label="Your passkeys" className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {passkeys.map((p) => (
            <li key={p.id} className="px-4 py-3 text-sm">
              <span className="font-medium">{p.name}</span>
              <span className="text-slate-600"> · added {day(p.createdAt)}{p.lastUsedAt ? ` · last used ${day(p.lastUsedAt)}` : ""}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">No passkey yet.</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-56 flex-1">
          <Field label="Passkey name (optional)" hint="For example “Work laptop” or “My phone”.">
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} className={inputClass} />}
          </Field>
        </div>
        <button type="button" onClick={add} disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Waiting for your device…" : "Add a passkey"}
        </button>
      </div>
    </div>
  );
}
