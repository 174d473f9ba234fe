// EXPLAIN (FORMAT JSON) of statements recorded from the app (scripts/lib/query-recorder.ts), with
// the parameters they were sent with, so PostgreSQL plans them as it did for the request. Each
// plan is boiled down to its node types, the tables it reads from start to end and the estimated
// rows. Reading a whole table is a Seq Scan, or an index scan whose condition does not constrain
// the index's first column (PostgreSQL 17 then walks the entire index: e.g. a Prisma `include`
// that filters by `patientId` alone on an index that starts with `clinicId`).
import type pg from "pg";
import type { RecordedQuery } from "./query-recorder";

/**
 * Tables that grow with the clinic group: a sequential scan of one of them is a hidden cost. User
 * grows with the patients (every portal account is a row: ~18 000 in the full group).
 */
export const LARGE_TABLES = ["HomeLog", "Session", "OutcomeResponse", "TreatmentPlan", "PlanActivity", "Patient", "AuditEvent", "CareTeamMember", "PerformedTreatment", "User"];

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Plan Rows": number;
  "Total Cost": number;
  Plans?: PlanNode[];
};

export type PlanSummary = {
  /** "SELECT … FROM Session" — the statement's kind and main table, for a one-line report. */
  label: string;
  sql: string;
  /** Node types outermost first, with their table or index: "Index Scan Session_clinicId_patientId_startsAt_idx". */
  nodes: string[];
  /** Tables read whole: "Session" for a Seq Scan, "Session (whole index X)" for an unconstrained index scan. */
  fullScans: string[];
  rows: number;
  cost: number;
};

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

export function labelOf(sql: string): string {
  const text = sql.replace(/"public"\./g, "").replace(/\s+/g, " ").trim();
  const kind = /^\(?\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?/i.exec(text)?.[1] ?? "?";
  return `${kind} ${table}`;
}

const EXPLAINABLE = /^\s*\(?\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;

type IndexInfo = { table: string; firstColumn: string };
const indexCache = new WeakMap<pg.ClientBase, Promise<Map<string, IndexInfo>>>();

/** Every index of the public schema with its table and first column. */
function indexes(client: pg.ClientBase): Promise<Map<string, IndexInfo>> {
  let cached = indexCache.get(client);
  if (!cached) {
    cached = client
      .query<{ name: string; table: string; column: string }>(
        `SELECT ic.relname AS name, tc.relname AS table, a.attname AS column
           FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
          WHERE tc.relnamespace = 'public'::regnamespace`,
      )
      .then(({ rows }) => new Map(rows.map((r) => [r.name, { table: r.table, firstColumn: r.column }])));
    indexCache.set(client, cached);
  }
  return cached;
}

/** Whether an index condition constrains the column (quoted or not, as EXPLAIN prints it). */
const constrains = (cond: string | undefined, column: string) =>
  Boolean(cond) && new RegExp(`(^|[^\\w."])("${column}"|${column})(?![\\w"])`).test(cond!);

export async function explain(client: pg.ClientBase, query: RecordedQuery): Promise<PlanSummary | null> {
  if (!EXPLAINABLE.test(query.sql)) return null;
  const known = await indexes(client);
  const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>({ text: `EXPLAIN (FORMAT JSON) ${query.sql}`, values: query.values });
  const plan = rows[0]!["QUERY PLAN"][0].Plan;
  const nodes: string[] = [];
  const fullScans: string[] = [];
  walk(plan, (n) => {
    nodes.push([n["Node Type"], n["Index Name"] ?? n["Relation Name"]].filter(Boolean).join(" "));
    if (n["Node Type"] === "Seq Scan" && n["Relation Name"]) fullScans.push(n["Relation Name"]);
    const index = n["Index Name"] ? known.get(n["Index Name"]) : undefined;
    if (index && !constrains(n["Index Cond"], index.firstColumn)) fullScans.push(`${index.table} (whole index ${n["Index Name"]})`);
  });
  return { label: labelOf(query.sql), sql: query.sql, nodes, fullScans, rows: plan["Plan Rows"], cost: plan["Total Cost"] };
}

/** The large tables a plan reads from start to end (by a Seq Scan or a whole index). */
export const largeFullScans = (s: PlanSummary) => s.fullScans.filter((t) => LARGE_TABLES.includes(t.split(" ")[0]!));

export function describePlan(s: PlanSummary): string {
  return `${s.label.padEnd(28)} ~${String(s.rows).padStart(5)} rows  cost ${s.cost.toFixed(0).padStart(6)}  ${s.nodes.join(" > ")}`;
}
