// public/sw.js (decision 036) run in a sandbox with the service-worker globals it uses: what a push
// shows, where a notification click goes (same origin only), and that page loads are never
// answered from a cache but the offline page, and nothing the network returns is stored.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { describe, expect, it } from "vitest";

const SOURCE = readFileSync(fileURLToPath(new URL("../../public/sw.js", import.meta.url)), "utf8");
const ORIGIN = "https://plans.riverside.test";

type Listener = (event: Record<string, unknown>) => void;
type FakeClient = { url: string; focused: boolean; navigatedTo: string | null; focus: () => Promise<FakeClient>; navigate: (url: string) => Promise<FakeClient> };

function client(url: string): FakeClient {
  const c: FakeClient = {
    url,
    focused: false,
    navigatedTo: null,
    focus: async () => {
      c.focused = true;
      return c;
    },
    navigate: async (to: string) => {
      c.navigatedTo = to;
      return c;
    },
  };
  return c;
}

function worker(options: { windows?: FakeClient[]; network?: "up" | "down" } = {}) {
  const listeners = new Map<string, Listener>();
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const cachePuts: string[] = [];
  const fetched: string[] = [];
  const windows = options.windows ?? [];
  const offlinePage = { offline: true };
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, fn: Listener) => listeners.set(type, fn),
    skipWaiting: async () => undefined,
    registration: {
      showNotification: async (title: string, opts: Record<string, unknown>) => {
        shown.push({ title, options: opts });
      },
    },
    clients: {
      claim: async () => undefined,
      matchAll: async () => windows,
      openWindow: async (url: string) => {
        opened.push(url);
        return null;
      },
    },
  };
  const cache = { addAll: async (urls: string[]) => cachePuts.push(...urls), put: async (request: string) => cachePuts.push(String(request)) };
  const caches = { open: async () => cache, keys: async () => [], delete: async () => true, match: async (url: string) => (url === "/offline.html" ? offlinePage : undefined) };
  const fetch = async (request: { url: string }) => {
    fetched.push(request.url);
    if (options.network === "down") throw new TypeError("Failed to fetch");
    return { network: true };
  };
  vm.runInNewContext(SOURCE, { self, caches, fetch, URL, Response: { error: () => ({ error: true }) }, console });

  async function dispatch(type: string, event: Record<string, unknown>) {
    const pending: Promise<unknown>[] = [];
    let responded: Promise<unknown> | undefined;
    listeners.get(type)!({ ...event, waitUntil: (p: Promise<unknown>) => pending.push(p), respondWith: (p: Promise<unknown>) => (responded = p) });
    await Promise.all(pending);
    return responded ? await responded : undefined;
  }
  return { dispatch, shown, opened, cachePuts, fetched, offlinePage, listeners };
}

const pushEvent = (payload: unknown) => ({ data: { json: () => (typeof payload === "string" ? JSON.parse(payload) : payload) } });
const clickEvent = (url: unknown) => ({ notification: { data: { url }, close: () => undefined } });

describe("push", () => {
  it("shows the payload's title and body with the app's icon, a tag and the link to open", async () => {
    const sw = worker();
    await sw.dispatch("push", pushEvent({ title: "Appointment tomorrow", body: "Tuesday 8 December at 10:00", url: "/my/sessions", tag: "appointment_reminder" }));
    expect(sw.shown).toEqual([
      { title: "Appointment tomorrow", options: { body: "Tuesday 8 December at 10:00", tag: "appointment_reminder", icon: "/icons/icon-192.png", badge: "/icons/icon-192.png", data: { url: "/my/sessions" } } },
    ]);
  });

  it("falls back to the app's name and Today for an empty, malformed or foreign payload", async () => {
    const sw = worker();
    await sw.dispatch("push", { data: null });
    await sw.dispatch("push", { data: { json: () => JSON.parse("{not json") } });
    await sw.dispatch("push", pushEvent({ title: 42, body: ["x"], url: "https://evil.example/phish", tag: null }));
    await sw.dispatch("push", pushEvent({ title: "Hi", url: "javascript:alert(1)" }));
    expect(sw.shown.map((s) => [s.title, s.options.body, s.options.tag, (s.options.data as { url: string }).url])).toEqual([
      ["Riverside Plans", "", "riverside", "/my"],
      ["Riverside Plans", "", "riverside", "/my"],
      ["Riverside Plans", "", "riverside", "/my"],
      ["Hi", "", "riverside", "/my"],
    ]);
  });
});

describe("notificationclick", () => {
  it("opens the notification's page when no window of the app is open", async () => {
    const sw = worker();
    await sw.dispatch("notificationclick", clickEvent("/my/sessions"));
    expect(sw.opened).toEqual(["/my/sessions"]);
  });

  it("focuses a window already on that page, or brings an open window of the app to it", async () => {
    const onPage = client(`${ORIGIN}/my/sessions`);
    const sw = worker({ windows: [client(`${ORIGIN}/my`), onPage] });
    await sw.dispatch("notificationclick", clickEvent("/my/sessions"));
    expect(onPage.focused).toBe(true);
    expect(sw.opened).toEqual([]);

    const today = client(`${ORIGIN}/my`);
    const other = worker({ windows: [client("https://elsewhere.example/"), today] });
    await other.dispatch("notificationclick", clickEvent("/my/plans"));
    expect(today).toMatchObject({ focused: true, navigatedTo: "/my/plans" });
  });

  it("never leaves the app's origin, whatever URL the notification carries", async () => {
    for (const url of ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)", 7, null]) {
      const sw = worker();
      await sw.dispatch("notificationclick", clickEvent(url));
      expect(sw.opened, String(url)).toEqual(["/my"]);
    }
  });
});

describe("fetch", () => {
  it("passes page loads to the network and keeps nothing it returns", async () => {
    const sw = worker({ network: "up" });
    const answer = await sw.dispatch("fetch", { request: { url: `${ORIGIN}/my/plans/c1`, method: "GET", mode: "navigate" } });
    expect(answer).toEqual({ network: true });
    await sw.dispatch("install", {});
    // What install stores is the offline page and the icon: no page, no API answer.
    expect(sw.cachePuts).toEqual(["/offline.html", "/icons/icon-192.png"]);
  });

  it("answers a failed page load with the offline page, and leaves API calls, posts and assets alone", async () => {
    const sw = worker({ network: "down" });
    expect(await sw.dispatch("fetch", { request: { url: `${ORIGIN}/my`, method: "GET", mode: "navigate" } })).toBe(sw.offlinePage);
    for (const request of [
      { url: `${ORIGIN}/api/v1/plans/c1`, method: "GET", mode: "cors" },
      { url: `${ORIGIN}/my`, method: "POST", mode: "navigate" },
      { url: `${ORIGIN}/_next/static/chunk.js`, method: "GET", mode: "no-cors" },
    ]) {
      expect(await sw.dispatch("fetch", { request }), request.url).toBeUndefined();
    }
    expect(sw.fetched).toEqual([`${ORIGIN}/my`]);
  });
});
