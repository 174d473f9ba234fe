// The open-loop part of the benchmark's report (issue 18): the peak run's latency by kind, its
// targets, the background work that ran meanwhile, and the capacity of one and of two processes.
import { OPEN_TARGETS, openFailures } from "./open-loop-phase";
import type { OpenLoopReport } from "./open-loop-run";
import type { Capacity } from "./open-loop-phase";
import { cpus } from "node:os";

const f1 = (n: number | null | undefined) => (n != null && Number.isFinite(n) ? n.toFixed(1) : "–");
const rows = (header: string[], body: string[][]) => [header, header.map(() => "---"), ...body].map((r) => `| ${r.join(" | ")} |`).join("\n");

export type OpenCheck = { target: string; value: string; pass: boolean };

export function openChecks(report: OpenLoopReport): OpenCheck[] {
  const peak = report.peak;
  if (!peak) return [];
  const rate = report.options.rate;
  return [
    { target: `p95 < ${OPEN_TARGETS.p95Ms} ms at ${rate} req/s (open loop)`, value: `${f1(peak.latencyMs.p95)} ms`, pass: peak.latencyMs.p95 < OPEN_TARGETS.p95Ms },
    { target: `p99 < ${OPEN_TARGETS.p99Ms} ms at ${rate} req/s (open loop)`, value: `${f1(peak.latencyMs.p99)} ms`, pass: peak.latencyMs.p99 < OPEN_TARGETS.p99Ms },
    { target: `zero errors at ${rate} req/s (open loop)`, value: `${openFailures(peak)} of ${peak.sent}`, pass: openFailures(peak) === 0 },
  ];
}

/** The rate the machine's cores could answer if they did nothing else: a bound that ignores other load. */
function cpuBound(cpu: { server: number | null; db: number | null } | undefined): string {
  if (!cpu || cpu.server == null || cpu.db == null) return "";
  return ` (at most ${Math.floor((1000 * cpus().length) / (cpu.server + cpu.db))} req/s on ${cpus().length} cores doing nothing else)`;
}

function capacityLine(label: string, c: Capacity | null): string[] {
  if (!c) return [label, "not measured", "–", "–", "–"];
  const best = c.steps.find((s) => s.rate === c.highestPassing);
  return [
    label,
    c.highestPassing === null ? `below ${c.steps.at(-1)?.rate ?? "?"} req/s` : `${c.highestPassing} req/s${c.lowestFailing !== null ? ` (${c.lowestFailing} misses)` : " (the search's ceiling)"}`,
    best ? `${f1(best.p50)} / ${f1(best.p95)} / ${f1(best.p99)}` : "–",
    best?.cpuMsPerRequest ? `${f1(best.cpuMsPerRequest.server)} + ${f1(best.cpuMsPerRequest.db)}` : "–",
    c.steps.map((s) => `${s.rate}: ${f1(s.p95)}${s.failures ? ` (${s.failures} err)` : ""}${s.pass ? "" : " ✗"}`).join(", "),
  ];
}

export function openLoopMarkdown(report: OpenLoopReport): string {
  const out: string[] = ["## Open loop: a clinic group's morning", ""];
  const o = report.options;
  out.push(
    `${report.users.clinicians} clinicians and ${report.users.patients} patients of the first ${o.clinics} scale clinics, each signed in once (${report.users.signInSeconds} s); requests arrive at a fixed rate whatever the answers' speed, each as the next user of its kind asking for that user's own data (roster 30 %, overview 25 %, Today 25 %, plan API 10 %, home-log write 10 %; distinct requests in the pools: ${Object.entries(report.users.requestsInMix).map(([k, n]) => `${k} ${n}`).join(", ")}). Latency counts from the moment a request was due, so waiting behind slower answers is included (no coordinated omission).`,
    "",
  );
  const peak = report.peak;
  if (peak) {
    out.push(
      `### ${o.rate} req/s for ${o.durationSeconds} s, one process, ${o.exportDuringLoad ? "with a bulk export and the job schedule running" : "with the job schedule running (no bulk export)"}${o.jobs === "separate" ? " in a worker process of their own (`--jobs=separate`: JOBS=off in the app)" : " in the app process"}`,
      "",
      rows(
        ["Kind", "Requests", "p50 / p95 / p99 ms", "Max ms", "Failures"],
        [
          ...Object.entries(peak.byKind).map(([k, v]) => [k, String(v.count), `${f1(v.p50)} / ${f1(v.p95)} / ${f1(v.p99)}`, f1(v.max), String(v.failures)]),
          ["**all**", String(peak.latencyMs.count), `**${f1(peak.latencyMs.p50)} / ${f1(peak.latencyMs.p95)} / ${f1(peak.latencyMs.p99)}**`, f1(peak.latencyMs.max), String(openFailures(peak))],
        ],
      ),
      "",
      rows(["Target", "Measured", ""], openChecks(report).map((c) => [c.target, c.value, c.pass ? "PASS" : "**FAIL**"])),
      "",
      `CPU per request: app ${f1(peak.cpuMsPerRequest?.server)} ms + PostgreSQL ${f1(peak.cpuMsPerRequest?.db)} ms${cpuBound(peak.cpuMsPerRequest)}. Generator lag (how late it sent, included in the latencies): p99 ${f1(peak.sendLagMs.p99)} ms, max ${f1(peak.sendLagMs.max)} ms. Status codes: ${Object.entries(peak.statusCodes).map(([c, n]) => `${c}×${n}`).join(" ")}.${peak.samples.length ? ` First failures: ${peak.samples.map((s) => `\`${s}\``).join("; ")}.` : ""}`,
      "",
      `Background during the load: ${peak.background.export ? "a FHIR bulk export of clinic 1 (kicked off as its admin as the load started): " : "no bulk export (`--export=off`)"}${peak.background.export?.status ?? ""}${peak.background.export ? " when the load ended" : ""}${peak.exportFinal ? `, ${peak.exportFinal.status}${peak.exportFinal.queuedToDoneSeconds != null ? ` ${peak.exportFinal.queuedToDoneSeconds} s after its kick-off` : ""}${peak.exportFinal.patients != null ? `, ${peak.exportFinal.patients} patients in ${peak.exportFinal.files} files` : ""}` : ""}. pg-boss jobs completed during the load: ${Object.entries(peak.background.jobsCompleted).map(([k, n]) => `${k} ${n}`).join(", ") || "none"}${Object.keys(peak.background.jobsFailed).length ? `; failed: ${Object.entries(peak.background.jobsFailed).map(([k, n]) => `${k} ${n}`).join(", ")}` : ""}.`,
      "",
    );
  }
  if (report.capacity.one || report.capacity.two) {
    out.push(
      `### Capacity: the highest rate with p95 < ${OPEN_TARGETS.p95Ms} ms and no error`,
      "",
      `${o.stepSeconds} s per rate, the same mix and users; up by half again while a rate passes, then halving the gap. Two processes: a second \`next start\` on the same database, requests alternating between the two, every session signed in on the first.`,
      "",
      rows(
        ["Processes", "Capacity", "p50 / p95 / p99 ms there", "CPU ms/req there (app + db)", "Rates tried (req/s: p95 ms)"],
        [capacityLine("one", report.capacity.one), capacityLine("two, same database", report.capacity.two)],
      ),
      "",
    );
  }
  return out.join("\n");
}
