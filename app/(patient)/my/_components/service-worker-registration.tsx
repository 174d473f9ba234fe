"use client";

import { useEffect } from "react";

/** The service worker's scope: the patient pages only (decision 036). */
export const SERVICE_WORKER_SCOPE = "/my";

/**
 * Registers public/sw.js for the patient pages (push notifications and an offline page). The
 * staff pages never register it. `updateViaCache: "none"`: a new worker reaches phones at once.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: SERVICE_WORKER_SCOPE, updateViaCache: "none" }).catch(() => {
      // No worker (private browsing, a blocked feature): the pages work as before, without push.
    });
  }, []);
  return null;
}
