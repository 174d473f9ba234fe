"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";
import type { ActionResult } from "@/lib/server/with-route";

type Base = { planId: string; version: number };
type Mutate = <T extends { version: number }>(call: (base: Base) => Promise<ActionResult<T>>) => Promise<ActionResult<T>>;
type PlanEditing = { planId: string; mutate: Mutate; reload: () => void };

const PlanContext = createContext<PlanEditing | null>(null);

/**
 * Every change to a plan is made from the version this tab last saw. Changes from this tab run
 * one after another, each from the version the previous one returned, so a quick second click
 * never conflicts with our own first; a change made elsewhere still answers CONFLICT.
 */
export function PlanEditingProvider({ planId, version, children }: { planId: string; version: number; children: React.ReactNode }) {
  const router = useRouter();
  const current = useRef(version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  // A newer version from the server (after a reload or our own refresh) becomes the base.
  useEffect(() => {
    if (version > current.current) current.current = version;
  }, [version]);

  const mutate = useCallback<Mutate>(
    (call) => {
      const run = async () => {
        const result = await call({ planId, version: current.current });
        if (result.ok) {
          current.current = Math.max(current.current, result.data.version);
          router.refresh();
        }
        return result;
      };
      const next = queue.current.then(run, run);
      queue.current = next.catch(() => undefined);
      return next;
    },
    [planId, router],
  );

  const reload = useCallback(() => router.refresh(), [router]);
  const value = useMemo(() => ({ planId, mutate, reload }), [planId, mutate, reload]);
  return <PlanContext.Provider value={value}>{children}</PlanContext.Provider>;
}

export function usePlanEditing(): PlanEditing {
  const value = useContext(PlanContext);
  if (!value) throw new Error("usePlanEditing needs a PlanEditingProvider");
  return value;
}

export type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode };

/** The form-level message for a failed change: a conflict offers to reload the latest version. */
export function failureStatus(result: { code: string; message: string }, reload: () => void): Status {
  return {
    tone: "error",
    message: result.message,
    action:
      result.code === "CONFLICT" ? (
        <button type="button" className="ml-1 min-h-11 font-medium underline" onClick={reload}>
          Reload
        </button>
      ) : undefined,
  };
}
