"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** What one save of the draft came to: the new version, or why nothing was saved. */
export type SaveOutcome = { ok: true; version: number } | { ok: false; kind: "invalid" | "conflict" | "failed"; message: string };

export type SaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "invalid" | "conflict" | "failed"; message: string };

/** Quiet time after the last keystroke before the draft saves itself. */
export const AUTOSAVE_DELAY_MS = 1500;

/**
 * Saves a draft by itself (decision 037): `AUTOSAVE_DELAY_MS` after the last change and when the
 * focus leaves the form (`flush`), one save at a time (a save asked for while one is running waits for it, so
 * each one carries the version the previous one returned). Edits made while a save runs keep the
 * draft dirty and are saved next. After a conflict nothing saves by itself any more: the clinician
 * reloads, as the version check asks (never a silent overwrite).
 */
export function useDraftAutosave(persist: (auto: boolean) => Promise<SaveOutcome>) {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const persistRef = useRef(persist);
  const edits = useRef(0);
  const savedEdits = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const blocked = useRef(false);

  useEffect(() => {
    persistRef.current = persist;
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  /** Runs `task` after every save already asked for. */
  const enqueue = useCallback(<T,>(task: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(task, task);
    chain.current = next.catch(() => undefined);
    return next;
  }, []);

  /** One save inside the queue, with its bookkeeping. */
  const saveInQueue = useCallback(async (auto: boolean): Promise<SaveOutcome | null> => {
    if (auto && (blocked.current || edits.current === savedEdits.current)) return null;
    const at = edits.current;
    setState({ kind: "saving" });
    let outcome: SaveOutcome;
    try {
      outcome = await persistRef.current(auto);
    } catch {
      outcome = { ok: false, kind: "failed", message: "The draft could not be saved (no connection?). Your text is still here; try again." };
    }
    if (outcome.ok) {
      savedEdits.current = Math.max(savedEdits.current, at);
      setState(edits.current === savedEdits.current ? { kind: "saved", at: new Date() } : { kind: "dirty" });
    } else {
      if (outcome.kind === "conflict") blocked.current = true;
      setState({ kind: outcome.kind, message: outcome.message });
    }
    return outcome;
  }, []);

  const autosave = useCallback(() => {
    stopTimer();
    void enqueue(() => saveInQueue(true));
  }, [enqueue, saveInQueue]);

  /** A field changed: the draft is dirty and saves itself once typing stops. */
  const changed = useCallback(() => {
    edits.current += 1;
    setState({ kind: "dirty" });
    stopTimer();
    timer.current = setTimeout(autosave, AUTOSAVE_DELAY_MS);
  }, [autosave]);

  /** The focus left the form: save now if anything changed. */
  const flush = useCallback(() => {
    if (edits.current !== savedEdits.current) autosave();
  }, [autosave]);

  /** An explicit save (the button, or before signing), after any save already running. */
  const saveNow = useCallback(
    <T,>(then: (outcome: SaveOutcome) => Promise<T>) => {
      stopTimer();
      return enqueue(async () => then((await saveInQueue(false))!));
    },
    [enqueue, saveInQueue],
  );

  const dirty = state.kind !== "idle" && state.kind !== "saved";
  return { state, dirty, changed, flush, saveNow };
}
