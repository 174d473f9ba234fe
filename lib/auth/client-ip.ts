// The client address of a request, for per-IP sign-in limits and the audit trail's origin.
// See docs/decisions/010-sign-in-throttling-and-sessions.md for why X-Forwarded-For can be read.
import { isIP } from "node:net";
import { trustedProxyHops } from "@/lib/security/deployment";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

/** A bare IP address from one X-Forwarded-For entry (ports and brackets removed), or null. */
export function normalizeIp(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1]!;
  const version = isIP(value);
  if (version === 4) return value;
  if (version === 6) return value.toLowerCase();
  return null;
}

/**
 * The client's address. Next.js fills X-Forwarded-For with the socket address when the request
 * has none; proxy.ts removes a client-sent one unless TRUST_PROXY says reverse proxies set it. With
 * `hops` trusted proxies appending to the list, the client is the `hops`-th entry from the right
 * (entries further left were written by the client and prove nothing).
 */
export function clientIp(headers: HeaderSource, hops: number = trustedProxyHops()): string | null {
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const index = Math.max(0, entries.length - Math.max(1, hops));
  return normalizeIp(entries[index]!);
}

function expandIpv6(ip: string): string[] {
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) counts as two groups; /64 never reaches it.
  const fill = Array(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...fill, ...right].map((g) => g.padStart(4, "0"));
}

/**
 * The LoginThrottle key of an address. IPv6 is counted per /64, the block one subscriber is
 * usually given, so rotating addresses inside it does not reset the limit.
 */
export function throttleKeyForIp(ip: string | null): string {
  if (!ip) return "ip:unknown";
  if (isIP(ip) === 4) return `ip4:${ip}`;
  return `ip6:${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
}
