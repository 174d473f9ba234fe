import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, true after. A form whose
 * submit is handled in JavaScript keeps its button disabled until then: submitted natively, it
 * would send its fields (a password, a one-time code) in the URL of a GET (decision 042).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
