// The security headers of every response, built per request by proxy.ts. Pure, so unit tests
// read the exact policy. Reasons are in docs/decisions/010-sign-in-throttling-and-sessions.md.

export type HeaderOptions = {
  /** A fresh random value per request; Next.js puts it on its own scripts. */
  nonce: string;
  /** `next dev`: React needs eval for its debugging aids and the dev overlay injects styles. */
  dev: boolean;
  /** Served over HTTPS (NEXTAUTH_URL is https://). */
  https: boolean;
};

/** A nonce of 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev, https }: HeaderOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts that a nonced script loads (Next's chunks) are trusted too; 'self'
    // stays for browsers without CSP 3. Never 'unsafe-eval' outside `next dev`.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // <style> elements need the nonce (stylesheets come from 'self'); style="…" attributes, which
    // recharts' server-rendered SVG uses, are allowed: they cannot load anything or run script.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Headers that do not depend on the request. HSTS only over HTTPS (browsers ignore it on http). */
export function staticSecurityHeaders({ https }: Pick<HeaderOptions, "https">): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    // Clinical URLs carry patient and plan ids: no other site ever receives them as a referrer.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    // Powerful features the app never uses are switched off for it and anything it might embed.
    "Permissions-Policy": "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()",
  };
  if (https) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}
