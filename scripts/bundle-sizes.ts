// First-load JavaScript per route of the production build (.next, from `next build`): the
// framework's root chunks plus every chunk the route's layouts, boundaries and page need, as
// raw and gzip bytes. Patient pages (/my…) and the sign-in pages (every user's first page, issue 18)
// must stay under the budget; exit 1 when one does not.
//
//   npx tsx scripts/bundle-sizes.ts [--markdown FILE]
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const PATIENT_BUDGET_KB = 150;

type Manifest = { entryJSFiles?: Record<string, string[]> };
export type RouteSize = { route: string; files: number; rawKb: number; gzipKb: number };

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** "/(patient)/my/plans/[planId]/page" → "/my/plans/[planId]". */
export function routeOf(manifestKey: string): string {
  const parts = manifestKey.replace(/\/page$/, "").split("/").filter((p) => p && !/^\(.*\)$/.test(p));
  return `/${parts.join("/")}`;
}

function findManifests(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findManifests(full, found);
    else if (name === "page_client-reference-manifest.js") found.push(full);
  }
  return found;
}

function loadManifest(file: string): Record<string, Manifest> {
  const holder: { __RSC_MANIFEST?: Record<string, Manifest> } = {};
  // The manifest is a script that assigns into globalThis.__RSC_MANIFEST.
  new Function("globalThis", readFileSync(file, "utf8"))(holder);
  return holder.__RSC_MANIFEST ?? {};
}

export function measure(nextDir: string): RouteSize[] {
  const build = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const content = readFileSync(path.join(nextDir, file.replace(/^\/_next\//, "")));
      s = { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
      sizes.set(file, s);
    }
    return s;
  };
  const rows: RouteSize[] = [];
  for (const file of findManifests(path.join(nextDir, "server", "app"))) {
    for (const [key, manifest] of Object.entries(loadManifest(file))) {
      const chunks = new Set(build.rootMainFiles);
      for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const chunk of list) chunks.add(chunk);
      let raw = 0;
      let gzip = 0;
      for (const chunk of chunks) {
        const s = sizeOf(chunk);
        raw += s.raw;
        gzip += s.gzip;
      }
      rows.push({ route: routeOf(key), files: chunks.size, rawKb: kb(raw), gzipKb: kb(gzip) });
    }
  }
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}

export function isPatientRoute(route: string): boolean {
  return route === "/my" || route.startsWith("/my/");
}

/** The sign-in pages: the first page of every user, and of a patient following an invitation. */
export function isSignInRoute(route: string): boolean {
  return route === "/sign-in" || route.startsWith("/sign-in/");
}

/** Routes held to the first-load budget. */
export function isBudgetedRoute(route: string): boolean {
  return isPatientRoute(route) || isSignInRoute(route);
}

export function toMarkdown(rows: RouteSize[]): string {
  const lines = ["| Route | JS files | First-load JS (gzip) | Raw |", "|---|---:|---:|---:|"];
  for (const r of rows) lines.push(`| \`${r.route}\`${isPatientRoute(r.route) ? " (patient)" : isSignInRoute(r.route) ? " (sign-in)" : ""} | ${r.files} | ${r.gzipKb} kB | ${r.rawKb} kB |`);
  return lines.join("\n");
}

function main() {
  const nextDir = path.resolve(".next");
  if (!existsSync(path.join(nextDir, "build-manifest.json"))) {
    console.error("No production build in .next: run `npx next build` first.");
    process.exit(2);
  }
  const rows = measure(nextDir);
  const table = toMarkdown(rows);
  console.log(table);
  const out = process.argv.indexOf("--markdown");
  if (out > 0 && process.argv[out + 1]) writeFileSync(process.argv[out + 1]!, `${table}\n`);
  const over = rows.filter((r) => isBudgetedRoute(r.route) && r.gzipKb > PATIENT_BUDGET_KB);
  const budgeted = rows.filter((r) => isBudgetedRoute(r.route));
  const largest = Math.max(...budgeted.map((r) => r.gzipKb));
  console.log(`\nbundle sizes: ${rows.length} routes; patient and sign-in pages ${budgeted.length}, largest ${largest} kB gzip (budget ${PATIENT_BUDGET_KB} kB); over budget: ${over.length}`);
  for (const r of over) console.log(`  OVER BUDGET ${r.route}: ${r.gzipKb} kB`);
  process.exit(over.length === 0 ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
