// Runs a command against the app's database: `tsx scripts/with-db.ts [--seed] [--no-migrate] [--owner-url] -- <command…>`.
// Without DATABASE_URL it starts embedded PostgreSQL (data in .data/pg), creates the owner and
// runtime roles and the `clinic` database (docs/decisions/021), migrates as the owner, optionally
// seeds as the runtime role, runs the command with DATABASE_URL (the runtime role) and
// with `--owner-url` only (Prisma's migrate commands) MIGRATION_DATABASE_URL (the owner) set, and
// stops PostgreSQL when the command exits. With DATABASE_URL it uses that server and starts none; MIGRATION_DATABASE_URL
// then names the owner (without it, both are DATABASE_URL and a warning says so).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureAppDatabase, externalUrls } from "./lib/db-roles";
import { startMailSink, type MailSink } from "../lib/messaging/sink";
import { ensurePostgres } from "./lib/postgres";
import { databaseEnv, migrate, seed } from "./lib/prepare";

const args = process.argv.slice(2);
const separator = args.indexOf("--");
const flags = new Set(separator === -1 ? args : args.slice(0, separator));
const command = separator === -1 ? [] : args.slice(separator + 1);

// A stable signing secret for the demo so sign-ins survive restarts; never committed.
function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.resolve(".data", "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<number> {
  const external = Boolean(process.env.DATABASE_URL);
  const server = await ensurePostgres({ name: "pg", port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  let stopping = false;
  let closeSink: (() => Promise<void>) | null = null;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await closeSink?.();
    await server.stop();
  };
  try {
    const urls = external ? externalUrls() : await ensureAppDatabase(server, "clinic");
    if (!flags.has("--no-migrate")) await migrate(urls);
    // The seed encrypts the demo staff's authenticator-app secret under the app's secret (ADR 022).
    if (flags.has("--seed")) await seed(urls.runtimeUrl, { env: { NEXTAUTH_SECRET: authSecret() } });
    if (command.length === 0) return 0;

    // With no SMTP_URL the app sends through a real SMTP server on loopback that keeps every
    // message under .data/mail, and admins read them on the Outbox page (decision 033).
    let sink: MailSink | null = null;
    if (!process.env.SMTP_URL && !flags.has("--owner-url")) {
      sink = await startMailSink({ dir: path.resolve(".data", "mail") });
      closeSink = sink.close;
      console.log(`[mail] no SMTP_URL: messages go to the local sink ${sink.url}, kept in .data/mail (Outbox: /admin/outbox)`);
    }
    const port = process.env.PORT ?? "3000";
    // The app never holds the owner's credentials, not even in its environment.
    const inherited = { ...process.env };
    delete inherited.MIGRATION_DATABASE_URL;
    const env = {
      ...inherited,
      ...(flags.has("--owner-url") ? databaseEnv(urls) : { DATABASE_URL: urls.runtimeUrl }),
      NEXTAUTH_SECRET: authSecret(),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      ...(sink ? { SMTP_URL: sink.url, MAIL_SINK_DIR: sink.dir } : {}),
    };
    // Its own process group, so a signal reaches everything it starts (npx and npm do not
    // forward signals to their children).
    const child = spawn(command[0]!, command.slice(1), { stdio: "inherit", env, detached: true });
    const forward = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        child.kill(signal);
      }
    };
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    return await new Promise<number>((resolve) => {
      child.on("error", (error) => {
        console.error(`[with-db] could not start ${command[0]}: ${error.message}`);
        resolve(127);
      });
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 130 : 0)));
    });
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[with-db] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
