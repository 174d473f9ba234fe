import "server-only";

// Which push services the server will POST to (decision 036). A subscription's endpoint is a URL
// the browser's push service made, but the server is the one that sends requests to it: left
// open, a patient could register https://10.0.0.5/admin as an "endpoint" and have the server call
// into the clinic's network (server-side request forgery). So endpoints are limited to the push
// services that browsers use, plus hosts an operator adds (a self-hosted push service, the tests'
// local receiver).

/** The push services of Chrome/Edge/Samsung/Opera (FCM), Firefox (Mozilla autopush), Safari (Apple), legacy Edge (WNS). */
const KNOWN_PUSH_HOSTS: RegExp[] = [
  /^fcm\.googleapis\.com$/,
  /^android\.googleapis\.com$/,
  /^updates\.push\.services\.mozilla\.com$/,
  /^push\.services\.mozilla\.com$/,
  /^web\.push\.apple\.com$/,
  /^[a-z0-9-]+\.push\.apple\.com$/,
  /^[a-z0-9-]+\.notify\.windows\.com$/,
];

/**
 * Origins an operator allows besides the known services: PUSH_ALLOWED_ORIGINS, comma separated
 * (e.g. "https://push.example.org,https://127.0.0.1:8443"). Read per call so tests can set it.
 */
function extraOrigins(): Set<string> {
  const list = (process.env.PUSH_ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const origins = new Set<string>();
  for (const item of list) {
    try {
      origins.add(new URL(item).origin);
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return origins;
}

/** True when the server may deliver to this (already https-validated) endpoint. */
export function isAllowedPushEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:") return false;
  if (extraOrigins().has(url.origin)) return true;
  // Known services on the default port only.
  return url.port === "" && KNOWN_PUSH_HOSTS.some((host) => host.test(url.hostname));
}
