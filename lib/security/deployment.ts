// Facts about the deployment, read from the environment when a request is served (not baked in at
// build time). Shared by the proxy and server code, so no "server-only".

type Env = Record<string, string | undefined>;

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
