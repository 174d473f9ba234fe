// Facts about the deployment, read from the environment when a request is served (not baked in at
// build time). Shared by the proxy, next-auth's options and the route wrapper, so no "server-only".

type Env = Record<string, string | undefined>;

/**
 * The app is served over HTTPS when its public URL (NEXTAUTH_URL) says so. That one fact decides
 * Secure cookies (next-auth's own rule), HSTS and `upgrade-insecure-requests`; the e2e suite and
 * local runs on http://localhost get none of them.
 */
export function isHttpsDeployment(env: Env = process.env): boolean {
  return (env.NEXTAUTH_URL ?? "").trim().toLowerCase().startsWith("https://");
}

/** The app's public origin from NEXTAUTH_URL, or null when it is unset or not a URL. */
export function configuredOrigin(env: Env = process.env): string | null {
  const url = env.NEXTAUTH_URL?.trim();
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * How many reverse proxies in front of the app append the client address to X-Forwarded-For
 * (TRUST_PROXY=1 behind one load balancer). 0, the default, means the app faces clients directly:
 * any X-Forwarded-For is the client's own claim and is discarded (see proxy.ts).
 */
export function trustedProxyHops(env: Env = process.env): number {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw) return 0;
  const hops = Number(raw);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}
