// Riverside Plans service worker (docs/decisions/036-installable-app-and-push.md).
// Registered by the patient pages with scope /my. It shows push notifications and keeps one
// offline page. It never stores a response from the network: the patient pages and the API carry
// health information, and a phone may be shared.
"use strict";

const CACHE = "riverside-offline-v1";
const OFFLINE_URL = "/offline.html";
const ICON = "/icons/icon-192.png";
const HOME = "/my";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([OFFLINE_URL, ICON]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Page loads go to the network as they would without a worker; only when the network fails does
// the offline page stand in. Nothing else (scripts, API calls, pictures) is intercepted.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.mode !== "navigate") return;
  event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL).then((page) => page || Response.error())));
});

/** A path of this origin for a URL from a payload, or null for anything else (another site, javascript:, junk). */
function sameOriginPath(value) {
  if (typeof value !== "string" || value === "") return null;
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

function text(value, max) {
  return typeof value === "string" ? value.slice(0, max) : "";
}

// The payload is { title, body, url, tag } written by the server (lib/push/send.ts): a reminder
// in general words, never clinical content; the page it links to shows the details after sign-in.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  if (!data || typeof data !== "object") data = {};
  const title = text(data.title, 120) || "Riverside Plans";
  const options = {
    body: text(data.body, 400),
    tag: text(data.tag, 64) || "riverside",
    icon: ICON,
    badge: ICON,
    data: { url: sameOriginPath(data.url) || HOME },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = sameOriginPath(event.notification.data && event.notification.data.url) || HOME;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const sameOrigin = windows.filter((client) => new URL(client.url).origin === self.location.origin);
      // A window already on that page comes forward; otherwise an open window of the app goes there.
      const exact = sameOrigin.find((client) => sameOriginPath(client.url) === target);
      if (exact) return exact.focus();
      const open = sameOrigin[0];
      if (open) {
        const focused = await open.focus();
        if ("navigate" in focused) return focused.navigate(target).catch(() => self.clients.openWindow(target));
        return focused;
      }
      return self.clients.openWindow(target);
    })(),
  );
});

// The browser replaced the subscription (keys rotated or it expired): tell the server the new
// one, with the patient's session cookie as any same-origin request carries it.
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(
    (async () => {
      const key = event.oldSubscription && event.oldSubscription.options && event.oldSubscription.options.applicationServerKey;
      const subscription =
        event.newSubscription || (key ? await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }) : null);
      if (!subscription) return;
      await fetch("/api/v1/push/subscriptions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(subscription.toJSON()),
      });
    })(),
  );
});
