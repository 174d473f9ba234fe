"use client";

import type { SaveState } from "./use-draft-autosave";

function text(state: SaveState, timeZone: string): string {
  switch (state.kind) {
    case "idle":
      return "";
    case "dirty":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "saved":
      return `Saved ${new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(state.at)}`;
    case "conflict":
      return "Not saved: the note changed in another tab or was signed. Reload to see it.";
    case "invalid":
      return "Not saved: correct the highlighted fields.";
    case "failed":
      return "Not saved. Your text is still here; try Save draft.";
  }
}

/** The draft's save state next to its buttons, announced politely ("Saving…", "Saved 10:42", why not). */
export function SaveIndicator({ state, timeZone }: { state: SaveState; timeZone: string }) {
  const problem = state.kind === "conflict" || state.kind === "invalid" || state.kind === "failed";
  return (
    <p role="status" aria-live="polite" aria-label="Draft save state" className={`min-h-5 text-sm ${problem ? "font-medium text-red-800" : "text-slate-600"}`}>
      {text(state, timeZone)}
    </p>
  );
}
