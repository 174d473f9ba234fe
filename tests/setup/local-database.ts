// Tests truncate tables: they refuse to run against a database that is not on this machine.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalDatabase(url: string | undefined): string {
  if (!url) throw new Error("DATABASE_URL is not set: run tests through `npm test`.");
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host) && process.env.ALLOW_NONLOCAL_TEST_DATABASE !== "1") {
    throw new Error(`Refusing to run tests against non-local database host "${host}".`);
  }
  return url;
}
