// Prisma CLI configuration: migrations run through the WebAssembly schema engine over
// @prisma/adapter-pg, so no native engine is ever downloaded (see ENVIRONMENT.md and
// docs/decisions/001-prisma-without-native-engines.md).
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import pg from "pg";

// The CLI silently falls back to the native engine when `url` cannot be resolved, so the
// variable always resolves; the adapter below refuses to run without the real one.
const PLACEHOLDER = "postgresql://placeholder.invalid:5432/unset";
if (!process.env.DATABASE_URL) process.env.DATABASE_URL = PLACEHOLDER;

// The wasm schema engine keeps a 10 s timer alive after a command finishes; let Node exit.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const timer = realSetTimeout(fn, ms, ...rest);
  if (ms === 10_000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

// adapter-pg 6.19 cannot deserialize the catalog types "char" (18) and name (19) that the
// schema engine reads during introspection (prisma/orm#27403): present them as text (25).
type Field = { dataTypeID: number };
type WithIO = { performIO: (q: unknown) => Promise<{ fields?: Field[] } | Array<{ fields?: Field[] }>> };
function remapCatalogTypes<T extends object>(queryable: T): T {
  const target = queryable as unknown as WithIO;
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    // A multi-statement script (a migration) yields one result per statement.
    for (const part of Array.isArray(result) ? result : [result]) {
      for (const field of part.fields ?? []) {
        if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
      }
    }
    return result;
  };
  const withTx = queryable as unknown as { startTransaction?: (...a: unknown[]) => Promise<object> };
  if (withTx.startTransaction) {
    const start = withTx.startTransaction.bind(queryable);
    withTx.startTransaction = async (...args) => remapCatalogTypes(await start(...args));
  }
  return queryable;
}

// adapter-pg 6.19 runs a migration script by splitting it on ";", which breaks any function
// body (the audit trigger's plpgsql). Send the script whole: PostgreSQL's simple-query protocol
// runs it statement by statement inside one implicit transaction, so it applies all or nothing.
type ScriptAdapter = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool; onError(e: unknown): never };
function wholeScripts<T extends object>(adapter: T): T {
  const target = adapter as unknown as ScriptAdapter;
  target.executeScript = async (script: string) => {
    try {
      await target.underlyingDriver().query(script);
    } catch (error) {
      target.onError(error);
    }
  };
  return adapter;
}

// Migrations run as the role that owns the schema (docs/decisions/021): MIGRATION_DATABASE_URL,
// or DATABASE_URL where one role does both.
function connectionString(): string {
  const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (!url || url === PLACEHOLDER) {
    throw new Error("DATABASE_URL is not set: run Prisma through `npm run db:migrate` (scripts/with-db.ts).");
  }
  return url;
}

function adapterFactory() {
  const config = { connectionString: connectionString(), allowExitOnIdle: true };
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => wholeScripts(remapCatalogTypes(await connect()));
  // adapter-pg 6.19 ignores the database name of a connectionString config for the shadow
  // database, so it would migrate the real one; create and drop a random database instead.
  factory.connectToShadowDb = async () => {
    const admin = new pg.Client({ connectionString: config.connectionString });
    await admin.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(config.connectionString);
    url.pathname = `/${name}`;
    const shadow = wholeScripts(
      remapCatalogTypes(await new PrismaPg({ connectionString: url.toString(), allowExitOnIdle: true }).connect()),
    );
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => adapterFactory(),
});
