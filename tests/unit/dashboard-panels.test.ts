// The dashboard's alerts panel (app/(clinic)/clinic/_components/dashboard-panels.tsx), rendered
// to HTML: the 10 most urgent patients until "Show all", which keeps the roster's filters.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ALERT_PATIENTS_SHOWN, DashboardPanels } from "@/app/(clinic)/clinic/_components/dashboard-panels";
import type { Dashboard } from "@/lib/domain/sessions/list-sessions";

function dashboard(patients: number): Dashboard {
  const alerts = Array.from({ length: patients }, (_, i) => {
    const patientId = `p${String(i).padStart(2, "0")}`;
    const patientName = `Patient ${String(i).padStart(2, "0")}`;
    // Every third patient reports high pain at home: they come first.
    const kinds = i % 3 === 2 ? (["HIGH_HOME_PAIN", "REVIEW_OVERDUE"] as const) : (["REVIEW_OVERDUE"] as const);
    return kinds.map((kind) => ({ kind, message: `${kind} of ${patientName}`, patientId, patientName }));
  }).flat();
  return { today: "2026-11-26", todaySessions: [], unsignedNotes: [], unsignedTotal: 0, alerts, capped: { todaySessions: false, alertPatients: false } };
}

const render = (d: Dashboard, filters = {}) => renderToStaticMarkup(createElement(DashboardPanels, { dashboard: d, timeZone: "Europe/London", filters }));
const shownPatients = (html: string) => [...html.matchAll(/>(Patient \d\d)</g)].map((m) => m[1]);

describe("dashboard alerts panel", () => {
  it("shows the 10 most urgent patients' alerts of 14, then a link to all that keeps the filters", () => {
    const html = render(dashboard(14), { q: "son", page: 1 });
    const shown = shownPatients(html);
    expect(new Set(shown).size).toBe(ALERT_PATIENTS_SHOWN);
    // The four with high pain (2, 5, 8, 11) first, then the others by name.
    expect([...new Set(shown)].slice(0, 5)).toEqual(["Patient 02", "Patient 05", "Patient 08", "Patient 11", "Patient 00"]);
    expect(html).toContain("The 10 most urgent of 14 patients with alerts.");
    expect(html).toContain('href="/clinic?q=son&amp;alerts=all#dashboard-alerts"');
    expect(html).toContain("Show all 18 alerts");
  });

  it("shows every patient when asked, with a way back", () => {
    const html = render(dashboard(14), { alerts: "all" });
    expect(new Set(shownPatients(html)).size).toBe(14);
    expect(html).toContain("All 14 patients with alerts, the most urgent first.");
    expect(html).toContain('href="/clinic#dashboard-alerts"');
  });

  it("needs no link when every patient fits", () => {
    const html = render(dashboard(ALERT_PATIENTS_SHOWN));
    expect(new Set(shownPatients(html)).size).toBe(ALERT_PATIENTS_SHOWN);
    expect(html).not.toContain("Show all");
    expect(html).not.toContain("most urgent of");
  });
});
