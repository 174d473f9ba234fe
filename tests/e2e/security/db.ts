// Direct access to the e2e database for the security specs: fingerprints that prove a request
// changed nothing, and exact restores for the few allowed requests that do write.
import pg from "pg";
import { assertLocalDatabase } from "@/tests/setup/local-database";

/** Tables whose rows are not data a request may change behind our back. */
const NOT_DATA = new Set(["_prisma_migrations", "AuditEvent", "LoginThrottle"]);
/**
 * Columns a refused request may change by design: a wrong current password on the password-change
 * form counts as a failed sign-in of the account (ADR 010), as a wrong password at sign-in does.
 */
const NOT_DATA_COLUMNS: Record<string, Set<string>> = { User: new Set(["failedLoginCount", "lockedUntil"]) };
// API clients (ADR 047): every accepted request takes from the client's rate-limit bucket and
// stamps its last use, by design.
NOT_DATA_COLUMNS.ApiClient = new Set(["lastUsedAt", "rateTokens", "rateUpdatedAt"]);
/**
 * Rows no request writes: the app's reminder schedule (decision 035) queues daily and 24-hour
 * appointment reminders for the seed's patients every minute it finds one due, and its workers then
 * mark them sent, whatever the specs are doing. Messages a request causes (a moved session, a
 * questionnaire request, an invitation) are other kinds and stay in the fingerprint.
 */
const NOT_DATA_ROWS: Record<string, string> = { OutboundMessage: `x."kind" NOT IN ('daily_reminder', 'appointment_reminder')` };

export type Fingerprint = Record<string, string>;
export type RowRef = { table: string; id: string };
/** Every row of a table whose `column` equals `value`: put back by deleting and re-inserting them (tables nothing references). */
export type RowSet = { table: string; column: string; value: string };

export class SecurityDb {
  private tables: string[] = [];
  private columns = new Map<string, string[]>();

  private constructor(private readonly client: pg.Client) {}

  static async connect(): Promise<SecurityDb> {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (run through scripts/run-tests.ts or scripts/with-db.ts)");
    const client = new pg.Client({ connectionString: assertLocalDatabase(url) });
    await client.connect();
    const db = new SecurityDb(client);
    const rows = await db.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
    );
    for (const r of rows) {
      const list = db.columns.get(r.table_name) ?? [];
      list.push(r.column_name);
      db.columns.set(r.table_name, list);
    }
    db.tables = [...db.columns.keys()].filter((t) => !NOT_DATA.has(t)).sort();
    return db;
  }

  async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  async one<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> {
    const [row] = await this.query<T>(sql, params);
    if (!row) throw new Error(`No row for: ${sql.replace(/\s+/g, " ").slice(0, 160)}`);
    return row;
  }

  /** An md5 of every row of every data table (all but the audit log, the sign-in throttle, the failure counters and scheduled reminders). */
  async fingerprint(): Promise<Fingerprint> {
    const rowOf = (t: string) => {
      const skip = NOT_DATA_COLUMNS[t];
      return skip ? `row(${this.columns.get(t)!.filter((c) => !skip.has(c)).map((c) => `x."${c}"`).join(", ")})::text` : "x::text";
    };
    const parts = this.tables.map(
      (t) => `(select md5(coalesce(string_agg(${rowOf(t)}, '|' order by ${rowOf(t)}), '')) from "${t}" x${NOT_DATA_ROWS[t] ? ` where ${NOT_DATA_ROWS[t]}` : ""}) as "${t}"`,
    );
    const [row] = await this.query<Fingerprint>(`select ${parts.join(", ")}`);
    return row!;
  }

  /**
   * Forgets failed password checks (counts, locks and the password change's throttle), so that the
   * batteries' many deliberate wrong passwords never lock a demo account for the specs after them.
   */
  async forgiveFailedPasswords(): Promise<void> {
    await this.query(`update "User" set "failedLoginCount" = 0, "lockedUntil" = null where "failedLoginCount" > 0 or "lockedUntil" is not null`);
    await this.query(`delete from "LoginThrottle" where "key" like 'password-change:%'`);
  }

  /** Names of the tables whose content differs between two fingerprints. */
  static changed(before: Fingerprint, after: Fingerprint): string[] {
    return Object.keys(before).filter((t) => before[t] !== after[t]);
  }

  async auditCount(): Promise<number> {
    return (await this.one<{ n: number }>(`select count(*)::int as n from "AuditEvent"`)).n;
  }

  /** The actions of the newest `n` audit rows. */
  async latestAuditActions(n: number): Promise<string[]> {
    if (n <= 0) return [];
    return (await this.query<{ action: string }>(`select action from "AuditEvent" order by at desc, id desc limit $1`, [n])).map((r) => r.action);
  }

  /** Whole rows, to put back exactly (updatedAt included) after an allowed write. */
  async snapshot(refs: RowRef[]): Promise<{ ref: RowRef; row: unknown }[]> {
    const out: { ref: RowRef; row: unknown }[] = [];
    for (const ref of refs) {
      const [found] = await this.query<{ row: unknown }>(`select to_jsonb(x) as row from "${ref.table}" x where id = $1`, [ref.id]);
      if (!found) throw new Error(`snapshot: no ${ref.table} ${ref.id}`);
      out.push({ ref, row: found.row });
    }
    return out;
  }

  async restore(snapshots: { ref: RowRef; row: unknown }[]): Promise<void> {
    for (const { ref, row } of snapshots) {
      const cols = (this.columns.get(ref.table) ?? []).filter((c) => c !== "id").map((c) => `"${c}"`).join(", ");
      await this.query(`update "${ref.table}" set (${cols}) = (select ${cols} from jsonb_populate_record(null::"${ref.table}", $1::jsonb)) where id = $2`, [
        JSON.stringify(row),
        ref.id,
      ]);
    }
  }

  async snapshotSets(sets: RowSet[]): Promise<{ set: RowSet; rows: unknown[] }[]> {
    const out: { set: RowSet; rows: unknown[] }[] = [];
    for (const set of sets) {
      const rows = await this.query<{ row: unknown }>(`select to_jsonb(x) as row from "${set.table}" x where "${set.column}" = $1`, [set.value]);
      out.push({ set, rows: rows.map((r) => r.row) });
    }
    return out;
  }

  async restoreSets(snapshots: { set: RowSet; rows: unknown[] }[]): Promise<void> {
    for (const { set, rows } of snapshots) {
      await this.query(`delete from "${set.table}" where "${set.column}" = $1`, [set.value]);
      if (rows.length > 0) await this.query(`insert into "${set.table}" select * from jsonb_populate_recordset(null::"${set.table}", $1::jsonb)`, [JSON.stringify(rows)]);
    }
  }

  async remove(refs: RowRef[]): Promise<void> {
    for (const ref of refs) await this.query(`delete from "${ref.table}" where id = $1`, [ref.id]);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
