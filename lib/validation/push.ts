import { z } from "@/lib/validation/zod";

// A browser's PushSubscription as `subscription.toJSON()` gives it (W3C Push API): the push
// service's endpoint and the keys the payload is encrypted to (RFC 8291). The browser makes these
// values, never a person, so the messages speak to a developer reading the network panel.

/** Base64url (RFC 4648 §5) as the Push API encodes keys, padding tolerated. */
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** The bytes of a base64url text, or null when it is not one. Works in the browser and in Node. */
export function base64urlBytes(value: string): Uint8Array | null {
  if (!BASE64URL.test(value)) return null;
  const plain = value.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (plain.length % 4 === 1) return null;
  try {
    const binary = atob(plain.padEnd(plain.length + ((4 - (plain.length % 4)) % 4), "="));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** An endpoint URL: https, no credentials, at most 1 000 characters (real ones are about 200). */
export const ZPushEndpoint = z
  .string({ error: "endpoint: give the subscription's endpoint URL" })
  .max(1000, "endpoint: at most 1000 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "endpoint: not a URL" });
      return;
    }
    if (url.protocol !== "https:") ctx.addIssue({ code: "custom", message: "endpoint: must be an https:// URL" });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "endpoint: must not carry credentials" });
  });

/** keys.p256dh: the browser's P-256 public key, uncompressed (65 bytes, 0x04 first). */
const ZP256dh = z.string({ error: "keys.p256dh: missing" }).refine((v) => {
  const bytes = base64urlBytes(v);
  return bytes !== null && bytes.length === 65 && bytes[0] === 0x04;
}, "keys.p256dh: must be a 65-byte uncompressed P-256 public key, base64url-encoded");

/** keys.auth: the 16-byte authentication secret. */
const ZAuthSecret = z.string({ error: "keys.auth: missing" }).refine((v) => base64urlBytes(v)?.length === 16, "keys.auth: must be 16 bytes, base64url-encoded");

export const ZPushSubscription = z.object(
  {
    endpoint: ZPushEndpoint,
    // The Push API's expiry (ms since the epoch) or null; kept by no one, accepted as browsers send it.
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: ZP256dh, auth: ZAuthSecret }, { error: "keys: give the subscription's keys (p256dh and auth)" }),
  },
  { error: "Send the browser's PushSubscription as JSON: { endpoint, keys: { p256dh, auth } }" },
);
export type TPushSubscription = z.input<typeof ZPushSubscription>;

export const ZPushUnsubscribe = z.object({ endpoint: ZPushEndpoint }, { error: "Send { endpoint } as JSON" });
export type TPushUnsubscribe = z.input<typeof ZPushUnsubscribe>;
