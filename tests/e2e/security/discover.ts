// What the app exposes, found on disk (and, for server-action ids, in the build): every page,
// every exported method of every route handler and every export of every "use server" file
// under app/. The authorization matrix compares this with the declared table in
// route-inventory.ts, so a route added without a row in the table fails the suite by name.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const APP = path.resolve("app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** "app/(clinic)/clinic/plans/[planId]/page.tsx" → "/clinic/plans/[planId]" (route groups dropped). */
export function routePathOf(file: string): string {
  const segments = file
    .replace(/^app\//, "")
    .split("/")
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** The source without comments, so an export that is commented out does not count. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Names a module exports as values (types and interfaces are not callable over HTTP). */
export function exportedValueNames(source: string): string[] {
  const code = withoutComments(source);
  const names = new Set<string>();
  for (const m of code.matchAll(/\bexport\s+(?:async\s+)?(?:const|let|var|function\*?|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  if (/\bexport\s+default\b/.test(code)) names.add("default");
  for (const m of code.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const item of m[1]!.split(",")) {
      const spec = item.trim();
      if (!spec || spec.startsWith("type ")) continue;
      const alias = /\bas\s+([A-Za-z_$][\w$]*)$/.exec(spec);
      names.add(alias ? alias[1]! : spec);
    }
  }
  return [...names];
}

/** A module whose first statement is the "use server" directive. */
export function isUseServerModule(source: string): boolean {
  return /^\s*(['"])use server\1\s*;?/.test(withoutComments(source));
}

export type DiscoveredAction = { file: string; name: string };
export type Discovered = { pages: string[]; handlers: string[]; actions: DiscoveredAction[] };

export function discover(): Discovered {
  const files = filesUnder(APP);
  const pages = files.filter((f) => /\/page\.(tsx|ts|jsx|js|mdx)$/.test(f)).map(routePathOf);
  const handlers: string[] = [];
  for (const file of files.filter((f) => /\/route\.(ts|js)$/.test(f))) {
    const names = exportedValueNames(readFileSync(file, "utf8"));
    for (const method of HTTP_METHODS) if (names.includes(method)) handlers.push(`${method} ${routePathOf(file)}`);
  }
  const actions: DiscoveredAction[] = [];
  for (const file of files.filter((f) => /\.(ts|tsx|js|jsx)$/.test(f))) {
    const source = readFileSync(file, "utf8");
    if (!isUseServerModule(source)) continue;
    for (const name of exportedValueNames(source)) actions.push({ file, name });
  }
  return { pages: pages.sort(), handlers: handlers.sort(), actions };
}

export type BuiltAction = { id: string; file: string; name: string; pages: string[] };

/**
 * Server-action ids of the production build, from .next/server/server-reference-manifest.json:
 * `{ node: { [id]: { workers: { "app/…/page": … }, filename, exportedName } } }` (Next 16). The
 * browser calls an action by POSTing to a page that uses it with `Next-Action: <id>`.
 */
export function builtActions(): BuiltAction[] {
  const file = path.resolve(".next", "server", "server-reference-manifest.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`next build\` first`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: entry.filename ?? "?",
    name: entry.exportedName ?? "?",
    pages: Object.keys(entry.workers)
      .filter((w) => w.endsWith("/page"))
      .map((w) => routePathOf(`${w}.tsx`)),
  }));
}
