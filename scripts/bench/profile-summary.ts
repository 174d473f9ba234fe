// `tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]`: where a V8 CPU profile's time
// went — self time by package (node_modules/<name>, Next.js's compiled vendored modules, the app's
// own chunks, node internals) and the top functions by self and by inclusive time.
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [top]");
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas (µs).
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function bucket(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native/builtin)";
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) {
    const compiled = url.match(/next\/dist\/compiled\/([^/]+(?:\/[^/]+)?)/);
    return compiled ? `next/compiled/${compiled[1]}` : nm[1]!.startsWith("next") ? `next/${url.split("next/dist/")[1]?.split("/").slice(0, 2).join("/") ?? ""}` : nm[1]!;
  }
  if (url.includes(".next/server/chunks")) return "app chunks (.next/server/chunks)";
  if (url.includes(".next/server/app")) return "app routes (.next/server/app)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  return url;
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7) + " ms";
const pct = (us: number) => ((100 * us) / total).toFixed(1).padStart(5) + "%";
const sum = (map: Map<string, number>, key: string, v: number) => map.set(key, (map.get(key) ?? 0) + v);

const packages = new Map<string, number>();
const functions = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || "(anonymous)"} ${bucket(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
  sum(packages, bucket(n.callFrame.url, n.callFrame.functionName), us);
  sum(functions, key, us);
  // Inclusive: every distinct frame on the stack gets the sample once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!;
    const k = `${f.callFrame.functionName || "(anonymous)"} ${bucket(f.callFrame.url, f.callFrame.functionName)}:${f.callFrame.lineNumber + 1}`;
    if (!seen.has(k)) {
      seen.add(k);
      sum(inclusive, k, us);
    }
  }
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n## ${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ${pct(v)}  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
print("Self time by package", packages);
print("Self time by function", functions);
print("Inclusive time by function", inclusive);
