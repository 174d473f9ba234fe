// `npm run bench -- --capture-sql`: how the ceiling's statements were derived and how they are
// kept honest. Both servers run with scripts/bench/capture-sql.mjs preloaded, which logs every
// statement sent through `pg`; one request per endpoint goes to each, and the two statement lists
// are compared by shape (verb and table, in order). The full texts stay in bench/tmp/.
import { readFileSync } from "node:fs";

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

export type Comparison = { app: string[]; ceiling: string[]; same: boolean; firstDifference: number | null };

export function compare(app: Statement[], ceiling: Statement[]): Comparison {
  const a = app.map((s) => signature(s.text));
  const c = ceiling.map((s) => signature(s.text));
  let first: number | null = null;
  for (let i = 0; i < Math.max(a.length, c.length); i++) {
    if (a[i] !== c[i]) {
      first = i;
      break;
    }
  }
  return { app: a, ceiling: c, same: first === null, firstDifference: first };
}
