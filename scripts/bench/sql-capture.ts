// `npm run bench -- --capture-sql`: how the ceiling's statements were derived and how they are
// kept honest. Both servers run with scripts/bench/capture-sql.mjs preloaded, which logs every
// statement sent through `pg`; one request per endpoint goes to each, and the two statement lists
// are compared by shape (verb and table, in order) and by access path (the tables and indexes
// PostgreSQL's plan for each statement scans, with the values that were sent). The full texts
// stay in bench/tmp/.
import { readFileSync } from "node:fs";
import type pg from "pg";

export type Statement = { text: string; values: unknown[] };

export function readStatements(file: string, fromLine: number): { statements: Statement[]; lines: number } {
  let content = "";
  try {
    content = readFileSync(file, "utf8");
  } catch {
    return { statements: [], lines: 0 };
  }
  const lines = content.split("\n").filter(Boolean);
  return { statements: lines.slice(fromLine).map((l) => JSON.parse(l) as Statement), lines: lines.length };
}

/** "SELECT TreatmentPlan", "INSERT AuditEvent", "BEGIN": what a statement does to which table. */
export function signature(text: string): string {
  const sql = text.replaceAll('"public".', "").replaceAll('"', "").replace(/\s+/g, " ").trim();
  const verb = (sql.split(" ")[0] ?? "").toUpperCase();
  const table = (pattern: RegExp) => pattern.exec(sql)?.[1] ?? "?";
  switch (verb) {
    case "SELECT":
      return `SELECT ${table(/\bFROM (\w+)/i)}`;
    case "INSERT":
      return `INSERT ${table(/\bINTO (\w+)/i)}`;
    case "UPDATE":
      return `UPDATE ${table(/^UPDATE (\w+)/i)}`;
    case "DELETE":
      return `DELETE ${table(/\bFROM (\w+)/i)}`;
    default:
      return verb;
  }
}

/** Repeated runs folded: "a, b, (c, d) ×48, e". */
export function fold(items: string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < items.length) {
    let best = { size: 1, times: 1 };
    for (let size = 1; size <= 8; size++) {
      let times = 1;
      while (items.slice(i, i + size).join("|") === items.slice(i + times * size, i + (times + 1) * size).join("|")) times++;
      if (times > 1 && size * times > best.size * best.times) best = { size, times };
    }
    const block = items.slice(i, i + best.size);
    out.push(best.times > 1 ? `(${block.join(", ")}) ×${best.times}` : block[0]!);
    i += best.size * best.times;
  }
  return out.join(", ");
}

export type Comparison = { app: string[]; ceiling: string[]; same: boolean; missing: string[]; extra: string[] };

/**
 * The same statements, as a multiset of verb + table: outside a transaction Prisma loads sibling
 * relations concurrently, so their order varies from request to request.
 */
export function compare(app: Statement[], ceiling: Statement[]): Comparison {
  const a = app.map((s) => signature(s.text));
  const c = ceiling.map((s) => signature(s.text));
  const left = [...c];
  const missing: string[] = [];
  for (const sig of a) {
    const i = left.indexOf(sig);
    if (i === -1) missing.push(sig);
    else left.splice(i, 1);
  }
  return { app: a, ceiling: c, same: missing.length === 0 && left.length === 0, missing, extra: left };
}

/**
 * Pairs each app statement with a ceiling statement of the same verb and table that PostgreSQL
 * would read the same way; returns the app statements left without such a partner.
 */
export async function unmatchedAccessPaths(db: pg.Client, app: Statement[], ceiling: Statement[]): Promise<string[]> {
  const candidates = await Promise.all(ceiling.map(async (s) => ({ sig: signature(s.text), paths: (await accessPaths(db, s)).join(", "), used: false })));
  const unmatched: string[] = [];
  for (const statement of app) {
    const sig = signature(statement.text);
    const paths = (await accessPaths(db, statement)).join(", ");
    const partner = candidates.find((c) => !c.used && c.sig === sig && c.paths === paths);
    if (partner) partner.used = true;
    else unmatched.push(`${sig} [${paths}] — ceiling has ${candidates.filter((c) => !c.used && c.sig === sig).map((c) => `[${c.paths}]`).join(" ") || "none left"}`);
  }
  return unmatched;
}

/** The columns an index condition constrains, e.g. `(("clinicId" = $1) AND ("planId" = $2))` → clinicId,planId. */
function conditionColumns(condition: string | undefined): string {
  if (!condition) return "";
  const columns = [...condition.matchAll(/"?([A-Za-z_][A-Za-z0-9_]*)"?\s*(?:=|<=|>=|<>|<|>)/g)].map((m) => m[1]!);
  return `(${[...new Set(columns)].sort().join(",")})`;
}

/**
 * How PostgreSQL would read a statement with its values: its scan nodes, e.g.
 * "Index Scan PlanActivity_clinicId_planId_position_idx(clinicId,planId)". The columns matter: an
 * index walked without a condition on its leading column is a scan in all but name.
 */
export async function accessPaths(db: pg.Client, statement: Statement): Promise<string[]> {
  if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(statement.text)) return [];
  const { rows } = await db.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values as unknown[]);
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (/Scan/.test(node["Node Type"]) && (node["Relation Name"] !== undefined || node["Index Name"] !== undefined)) {
      scans.push(`${node["Node Type"]} ${node["Index Name"] ?? node["Relation Name"]}${conditionColumns(node["Index Cond"])}`);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]!["QUERY PLAN"][0].Plan);
  return scans.sort();
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };
