// Undoing an allowed server-action call: the rows its case declares are snapshotted before the
// call and put back after it; rows it created are deleted. The specs then compare fingerprints,
// so an undo that missed a row fails the test instead of leaking into the specs that follow.
import type { RowRef, SecurityDb } from "./db";
import type { Ctx } from "./records";
import type { ActionCase } from "./route-inventory";

export type Undo = { undo: (data?: Record<string, unknown>) => Promise<void>; touched: (data?: Record<string, unknown>) => RowRef[] };

export async function prepareUndo(db: SecurityDb, c: ActionCase, ctx: Ctx): Promise<Undo> {
  const rows = c.restore ? await db.snapshot(c.restore(ctx)) : [];
  const sets = c.replace ? await db.snapshotSets(c.replace(ctx)) : [];
  return {
    touched: (data) => [...(data && c.created ? c.created(data) : []), ...rows.map((r) => r.ref)],
    undo: async (data) => {
      if (data && c.created) await db.remove(c.created(data));
      await db.restoreSets(sets);
      await db.restore(rows);
    },
  };
}
