import "server-only";
import { toPrismaSql } from "@/lib/db/run";
import { ACTIVITY_ROW_COLUMNS as COLUMNS } from "@/lib/db/statements/plans";

/**
 * The columns of "PlanActivity" a (aliased `a`) that make an ActivityRow, for reads written in
 * SQL outside lib/db/statements (the handout): the hot statements' own column list.
 */
export const ACTIVITY_ROW_COLUMNS = toPrismaSql(COLUMNS);
