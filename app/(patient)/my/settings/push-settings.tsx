"use client";

import { useCallback, useEffect, useState } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { SERVICE_WORKER_SCOPE } from "../_components/service-worker-registration";

// "Notifications on this device" (decision 036): turns web push on or off for this browser. The
// server keeps one PushSubscription per browser; the reminders themselves say only that something
// is due, never what (no health information leaves the app).

type DeviceState =
  | { kind: "checking" }
  | { kind: "unsupported"; needsHomeScreen: boolean }
  | { kind: "denied" }
  | { kind: "off" }
  | { kind: "on"; subscription: PushSubscription };

type Status = { tone: "error" | "success"; message: string } | null;

/** iPhone and iPad allow web push only to a web app opened from the Home Screen (iOS 16.4+). */
function isIosBrowserTab(): boolean {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia("(display-mode: standalone)").matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return ios && !standalone;
}

function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** The VAPID key, base64url as the server sends it, as the bytes pushManager.subscribe() takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The patient pages' registration with an active worker (pushManager.subscribe needs one).
 * Not navigator.serviceWorker.ready: it matches the URL the document was first loaded at, and a
 * patient who signed in reached /my by client-side navigation from /sign-in, outside the scope.
 */
async function activeRegistration(): Promise<ServiceWorkerRegistration> {
  const reg =
    (await navigator.serviceWorker.getRegistration(SERVICE_WORKER_SCOPE)) ??
    (await navigator.serviceWorker.register("/sw.js", { scope: SERVICE_WORKER_SCOPE, updateViaCache: "none" }));
  const worker = reg.installing ?? reg.waiting;
  if (reg.active || !worker) return reg;
  await new Promise<void>((resolve, reject) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve();
      else if (worker.state === "redundant") reject(new Error("The app's service worker could not start. Reload the page and try again."));
    });
  });
  return reg;
}

/** The message of an error answer of the app's API, or a general one. */
async function problemOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? "The clinic's server did not answer as expected. Try again in a moment.";
}

async function sendSubscription(method: "POST" | "DELETE", body: unknown): Promise<Response> {
  return fetch("/api/v1/push/subscriptions", { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
}

/** What this browser can do and has done: read from the browser, never from the server. */
async function readDeviceState(): Promise<DeviceState> {
  if (!pushSupported()) return { kind: "unsupported", needsHomeScreen: isIosBrowserTab() };
  if (Notification.permission === "denied") return { kind: "denied" };
  const existing = await navigator.serviceWorker.getRegistration(SERVICE_WORKER_SCOPE);
  const subscription = existing ? await existing.pushManager.getSubscription() : null;
  return subscription && Notification.permission === "granted" ? { kind: "on", subscription } : { kind: "off" };
}

export function PushSettings() {
  const [state, setState] = useState<DeviceState>({ kind: "checking" });
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => setState(await readDeviceState()), []);

  useEffect(() => {
    let live = true;
    readDeviceState().then(
      (next) => live && setState(next),
      () => live && setState({ kind: "off" }),
    );
    return () => {
      live = false;
    };
  }, []);

  async function turnOn() {
    setBusy(true);
    setStatus(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setState(permission === "denied" ? { kind: "denied" } : { kind: "off" });
        setStatus({ tone: "error", message: "Notifications were not allowed, so none will be sent to this device." });
        return;
      }
      const keyResponse = await fetch("/api/v1/push/key", { credentials: "same-origin" });
      if (!keyResponse.ok) throw new Error(await problemOf(keyResponse));
      const { publicKey } = (await keyResponse.json()) as { publicKey: string };
      const reg = await activeRegistration();
      const subscription = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const saved = await sendSubscription("POST", subscription.toJSON());
      if (!saved.ok) {
        const message = await problemOf(saved);
        await subscription.unsubscribe().catch(() => undefined);
        throw new Error(message);
      }
      setState({ kind: "on", subscription });
      setStatus({ tone: "success", message: "Notifications are on for this device." });
    } catch (error) {
      setStatus({ tone: "error", message: error instanceof Error && error.message ? error.message : "Notifications could not be turned on. Try again in a moment." });
      await refresh().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  }

  async function turnOff(subscription: PushSubscription) {
    setBusy(true);
    setStatus(null);
    try {
      const removed = await sendSubscription("DELETE", { endpoint: subscription.endpoint });
      // 404: the server had already dropped it (the push service expired it); off either way.
      if (!removed.ok && removed.status !== 404) throw new Error(await problemOf(removed));
      await subscription.unsubscribe();
      setState({ kind: "off" });
      setStatus({ tone: "success", message: "Notifications are off for this device." });
    } catch (error) {
      setStatus({ tone: "error", message: error instanceof Error && error.message ? error.message : "Notifications could not be turned off. Try again in a moment." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="push-settings-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="push-settings-heading" className="text-lg font-semibold">
        Notifications on this device
      </h2>
      {state.kind === "checking" && <p className="text-slate-600">Checking this device…</p>}
      {state.kind === "unsupported" &&
        (state.needsHomeScreen ? (
          <p>
            On iPhone and iPad, notifications work once Riverside Plans is on your Home Screen: tap the Share button, choose{" "}
            <strong>Add to Home Screen</strong>, open Riverside Plans from there and come back to this page.
          </p>
        ) : (
          <p>This browser cannot show notifications from Riverside Plans. You will still get reminders by email if they are on.</p>
        ))}
      {state.kind === "denied" && (
        <p>
          Notifications are blocked for Riverside Plans in this browser&apos;s settings. To get them, allow notifications for this site in the browser&apos;s
          site settings, then come back to this page.
        </p>
      )}
      {state.kind === "off" && (
        <>
          <p>Get your reminders on this phone or computer. They say only that something is due, never details of your care.</p>
          <button type="button" onClick={turnOn} disabled={busy} className="min-h-11 rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
            {busy ? "Turning on…" : "Turn on notifications"}
          </button>
        </>
      )}
      {state.kind === "on" && (
        <>
          <p>Notifications are on for this device.</p>
          <button
            type="button"
            onClick={() => turnOff(state.subscription)}
            disabled={busy}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50 disabled:opacity-60"
          >
            {busy ? "Turning off…" : "Turn off notifications"}
          </button>
        </>
      )}
      <FormStatus status={status} />
    </section>
  );
}
