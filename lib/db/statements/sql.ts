// The hot statements' SQL, built once for both of their callers: the app (Prisma's
// $queryRawUnsafe / $executeRawUnsafe) and the benchmark's ceiling (a plain `pg` client), which
// must send the very same text (docs/decisions/054-one-source-for-the-sql.md). No "server-only"
// and no Prisma import here: the ceiling is a plain Node process that imports these builders.
// They only build text and values; they never touch a database.

/** A value sent as a parameter: never a Date (Prisma and pg would serialize it differently). */
export type SqlValue = string | number | boolean | null | readonly string[];

/**
 * A piece of SQL with its parameters, as Prisma.Sql keeps them: `strings` around `values`
 * (strings.length === values.length + 1). Nested pieces are flattened on construction.
 */
export class Sql {
  readonly strings: readonly string[];
  readonly values: readonly SqlValue[];

  constructor(strings: readonly string[], values: readonly (SqlValue | Sql)[]) {
    // `tail` is the text after the last parameter so far; pieces' texts are glued onto it.
    const out: string[] = [];
    const vals: SqlValue[] = [];
    let tail = strings[0] ?? "";
    values.forEach((value, i) => {
      const next = strings[i + 1] ?? "";
      if (value instanceof Sql) {
        tail += value.strings[0] ?? "";
        value.values.forEach((v, j) => {
          out.push(tail);
          vals.push(v);
          tail = value.strings[j + 1] ?? "";
        });
        tail += next;
      } else {
        out.push(tail);
        vals.push(value);
        tail = next;
      }
    });
    out.push(tail);
    this.strings = out;
    this.values = vals;
  }

  /** The text with PostgreSQL's numbered placeholders, $1 … $n in order: what Prisma.Sql's `.text` gives. */
  get text(): string {
    return this.strings.reduce((text, part, i) => `${text}$${i}${part}`);
  }
}

/** Tagged template: values become parameters, nested `sql` pieces are spliced in. */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Sql)[]): Sql {
  return new Sql(strings, values);
}

/** Constant SQL text (a column list, an alias): never input. */
export const raw = (text: string): Sql => new Sql([text], []);

export const empty = raw("");

export function join(parts: readonly Sql[], separator = ","): Sql {
  if (parts.length === 0) return empty;
  return new Sql(["", ...parts.slice(1).map(() => separator), ""], parts);
}

/** A timestamp(3) parameter in UTC, as Prisma stores DateTime columns (explicit: the session's TimeZone never shifts it). */
export const utcTimestamp = (date: Date): Sql => sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
