// `npm run measure:upload-memory [-- --mb=200]` after `npm run build` (MEASURE_PORT, default 3191)
// Issue 13: a 200 MB upload must grow the server's resident memory by less than 50 MB. Starts
// `next start` (its own process group, media under a temporary MEDIA_DIR), signs in as the demo
// admin, warms the upload route with a small video, then streams a ~200 MB MP4 to a catalog item
// while sampling the resident set (VmRSS of every process in the server's group) every 25 ms.
// Prints the baseline, the peak and the growth; exits 1 when the growth is 50 MB or more. The
// media row it made is deleted and the temporary directory removed.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import pg from "pg";
import { startServer } from "./bench/servers";
import { signIn } from "./bench/sign-in";
import { DEMO_PASSWORD } from "../prisma/seed-data/demo";

const MB = 1024 * 1024;
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZE_MB = Number(arg("mb", "200"));
const PORT = Number(process.env.MEASURE_PORT ?? 3191);
const LIMIT_MB = 50;

/** Resident memory of every process in a process group, in bytes (Linux /proc). */
function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may contain spaces) start after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

function box(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

/** An MP4 of `total` bytes (ftyp, a moov with an avc1 entry, then mdat), generated as it is sent. */
function mp4Stream(total: number): Readable {
  const ftyp = box("ftyp", Buffer.from("isom\0\0\0\0isomavc1mp41", "latin1"));
  const moov = box("moov", box("trak", box("stsd", Buffer.concat([Buffer.alloc(8), box("avc1", Buffer.alloc(78))]))));
  const mdatHeader = Buffer.alloc(8);
  const mdatSize = total - ftyp.length - moov.length;
  mdatHeader.writeUInt32BE(mdatSize, 0);
  mdatHeader.write("mdat", 4, "latin1");
  const chunk = Buffer.alloc(256 * 1024, 0x11);
  let left = mdatSize - 8;
  let headSent = false;
  return new Readable({
    read() {
      if (!headSent) {
        headSent = true;
        this.push(Buffer.concat([ftyp, moov, mdatHeader]));
      } else if (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      } else this.push(null);
    },
  });
}

async function upload(baseUrl: string, cookie: string, itemId: string, size: number): Promise<{ status: number; body: { id?: string } }> {
  const res = await fetch(`${baseUrl}/api/v1/uploads/catalog/${itemId}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: baseUrl, "Content-Type": "application/octet-stream", "Content-Length": String(size) },
    body: Readable.toWeb(mp4Stream(size)) as ReadableStream,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  return { status: res.status, body: (await res.json()) as { id?: string } };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("Run through scripts/with-db.ts (it sets DATABASE_URL): see the first line of this file.");
  if (!existsSync(".next/BUILD_ID")) throw new Error("Build first: npx next build");
  const mediaDir = mkdtempSync(path.join(tmpdir(), "measure-media-"));
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const server = await startServer({
    name: "measure-upload",
    command: process.execPath,
    args: [path.resolve("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT)],
    env: { ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXTAUTH_URL: baseUrl, MEDIA_DIR: mediaDir, MEDIA_S3_BUCKET: "" },
    port: PORT,
    readyPath: "/sign-in",
    logDir: tmpdir(),
  });
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const made: string[] = [];
  try {
    const cookie = await signIn(baseUrl, "admin@riverside.example", DEMO_PASSWORD);
    const item = await client.query<{ id: string }>(`select i.id from "CatalogItem" i join "User" u on u."clinicId" = i."clinicId" where u.email = 'admin@riverside.example' limit 1`);
    const itemId = item.rows[0]!.id;
    // Warm up: the route's code loaded and JIT-compiled, buffers and pools at their working size.
    for (let i = 0; i < 3; i++) {
      const warm = await upload(baseUrl, cookie, itemId, 8 * MB);
      if (warm.status !== 201) throw new Error(`warm-up upload answered ${warm.status}: ${JSON.stringify(warm.body)}`);
      made.push(warm.body.id!);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const pgid = server.child.pid!;
    const baseline = groupRss(pgid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, groupRss(pgid))), 25);
    const size = SIZE_MB * MB - 1024;
    const started = Date.now();
    const result = await upload(baseUrl, cookie, itemId, size);
    clearInterval(sampler);
    peak = Math.max(peak, groupRss(pgid));
    if (result.status !== 201) throw new Error(`the ${SIZE_MB} MB upload answered ${result.status}: ${JSON.stringify(result.body)}`);
    made.push(result.body.id!);
    const growth = (peak - baseline) / MB;
    console.log(
      `upload of ${(size / MB).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s: server RSS baseline ${(baseline / MB).toFixed(1)} MB, ` +
        `peak ${(peak / MB).toFixed(1)} MB, growth ${growth.toFixed(1)} MB (limit ${LIMIT_MB} MB)`,
    );
    if (growth >= LIMIT_MB) process.exitCode = 1;
  } finally {
    await client.query(`delete from "CatalogMedia" where id = any($1)`, [made]);
    await client.end();
    await server.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
