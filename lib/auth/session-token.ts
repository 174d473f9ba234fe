// Decrypting the session cookie, once per distinct cookie. next-auth's decode() derives the
// encryption key from NEXTAUTH_SECRET with HKDF and then decrypts the JWE on every call, and a
// request decodes the same cookie twice (proxy.ts, then getActor()): about 0.3 ms of CPU per
// request under load, for an answer that cannot change while the cookie stays the same. So the
// claims of a cookie that decrypted are kept, keyed by the whole cookie value, until the token
// expires. The checks that depend on time or on the database (idle and absolute limits, account
// state, session version) still run on every request in getActor(). No "server-only": proxy.ts
// uses it. Failures are not kept: only a cookie this server encrypted can enter the map.
import { decode, type JWT } from "next-auth/jwt";

const MAX_ENTRIES = 2_000;
// Insertion order doubles as age: the oldest entry goes first when the map is full.
const decoded = new Map<string, { secret: string; claims: JWT; exp: number }>();

/** The claims of a session token, or null when it does not decrypt with `secret` or has expired. */
export async function decodeSessionToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<JWT | null> {
  const kept = decoded.get(token);
  if (kept && kept.secret === secret) {
    if (kept.exp > nowSeconds) return kept.claims;
    decoded.delete(token);
    return null;
  }
  const claims = await decode({ token, secret }).catch(() => null);
  if (!claims) return null;
  const exp = typeof claims.exp === "number" ? claims.exp : 0;
  if (exp <= nowSeconds) return null;
  if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, { secret, claims, exp });
  return claims;
}
