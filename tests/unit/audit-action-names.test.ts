import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionName, auditEntityName } from "@/lib/audit/action-names";

// Every audit action the code can record has a name in words. The recorded actions are found in
// the source: string literals passed as `action` (or chosen between in a ternary) and the
// template literals that build one from a status or instrument, expanded over their values.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (name === "generated") return [];
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith(".ts") ? [file] : [];
  });
}

const EXPANSIONS: Record<string, string[]> = {
  "outcome.record.": ["nprs", "odi", "rmdq", "psfs"],
  "plan.status.": ["active", "on_hold", "completed", "cancelled", "entered_in_error"],
  "catalog.": ["retire", "activate"],
  "session.": ["cancel", "no_show"],
  "plan.activity.": ["resume", "pause", "stop"],
  "reminders.unsubscribe.": ["daily", "appointments", "questionnaires"],
};

function recordedActions(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.resolve("lib"))) {
    const text = readFileSync(file, "utf8");
    for (const line of text.split("\n")) {
      if (!/action[:?=]|action \?\?|recordRefusal\(/.test(line)) continue;
      for (const m of line.matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)) found.add(m[1]!);
      for (const m of line.matchAll(/`([a-z_]+(?:\.[a-z_]+)*\.)\$\{/g)) for (const v of EXPANSIONS[m[1]!] ?? ["<unexpanded>"]) found.add(`${m[1]}${v}`);
    }
  }
  return [...found].filter((a) => /^(auth|access|account|careteam|catalog|template|patient|dashboard|progress|plan|session|outcome|portal|homelog|reminders)\./.test(a)).sort();
}

describe("audit action names", () => {
  const actions = recordedActions();

  it("finds the actions the code records", () => {
    expect(actions.length).toBeGreaterThan(50);
    expect(actions).toContain("auth.sign_in_failed");
    expect(actions).toContain("access.refused");
    expect(actions).toContain("plan.status.entered_in_error");
  });

  it.each(actions)("%s has a name in words", (action) => {
    expect(auditActionName(action)).not.toBe(action);
  });

  it("shows an unknown action as its code, and records in words", () => {
    expect(auditActionName("legacy.thing")).toBe("legacy.thing");
    expect(auditEntityName("TreatmentPlan")).toBe("Plan");
  });
});
