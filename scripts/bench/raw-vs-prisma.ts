// `npm run seed:scale -- --no-seed -- npx tsx scripts/bench/raw-vs-prisma.ts`: CPU per statement
// of the same SQL sent through Prisma's $queryRaw (client engine + adapter-pg) and through the
// pg pool directly, in one process, sequentially (no concurrency), after a warm-up.
import pg from "pg";
import { Prisma } from "../../lib/db/generated/client";
import { createPrismaClient } from "../../lib/db/client";

const N = Number(process.argv[2] ?? 3000);
const url = process.env.DATABASE_URL!;

async function main() {
  const prisma = createPrismaClient(url, { poolSize: 2 });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'c1-1@scale.example'`);
  const userId = rows[0]!.id;
  const text = `SELECT u.id, u.role::text AS role, u."clinicId", u.name, u.active, u."sessionVersion", u."mustChangePassword", c.timezone AS "timeZone", p.id AS "patientId"
      FROM "User" u JOIN "Clinic" c ON c.id = u."clinicId" LEFT JOIN "Patient" p ON p."userId" = u.id WHERE u.id = $1`;
  const viaPrisma = () => prisma.$queryRaw(Prisma.sql([text.replace("$1", ""), ""], userId));
  const viaPg = () => pool.query(text, [userId]);
  const measure = async (name: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 300; i++) await fn();
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < N; i++) await fn();
    const used = process.cpuUsage(cpu);
    const ms = performance.now() - t;
    console.log(`${name.padEnd(22)} ${((used.user + used.system) / 1000 / N).toFixed(3)} ms CPU per statement in this process, ${(ms / N).toFixed(3)} ms wall`);
  };
  await measure("prisma.$queryRaw", viaPrisma);
  await measure("pg pool.query", viaPg);
  await measure("prisma.$queryRaw", viaPrisma);
  await measure("pg pool.query", viaPg);
  await prisma.$disconnect();
  await pool.end();
}
main();
