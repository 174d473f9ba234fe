import { describe, expect, it } from "vitest";
import { isBudgetedRoute, isPatientRoute, routeOf, toMarkdown } from "@/scripts/bundle-sizes";

describe("bundle-sizes", () => {
  it("names routes as users see them: route groups dropped, /page removed", () => {
    expect(routeOf("/(patient)/my/page")).toBe("/my");
    expect(routeOf("/(patient)/my/plans/[planId]/print/page")).toBe("/my/plans/[planId]/print");
    expect(routeOf("/(clinic)/clinic/page")).toBe("/clinic");
    expect(routeOf("/page")).toBe("/");
  });

  it("holds patient pages and the sign-in pages (and only those) to the budget", () => {
    expect(isPatientRoute("/my")).toBe(true);
    expect(isPatientRoute("/my/sessions")).toBe(true);
    expect(isPatientRoute("/mystery")).toBe(false);
    expect(isPatientRoute("/clinic/my")).toBe(false);
    for (const route of ["/my", "/my/progress", "/sign-in", "/sign-in/verify", "/sign-in/welcome"]) expect(isBudgetedRoute(route), route).toBe(true);
    for (const route of ["/", "/clinic", "/admin/catalog", "/sign-inside", "/account/password"]) expect(isBudgetedRoute(route), route).toBe(false);
  });

  it("prints a markdown table with the patient and sign-in pages marked", () => {
    const table = toMarkdown([
      { route: "/clinic", files: 9, rawKb: 464.3, gzipKb: 139.5 },
      { route: "/my", files: 10, rawKb: 472.4, gzipKb: 142.3 },
      { route: "/sign-in", files: 10, rawKb: 470.1, gzipKb: 141.9 },
    ]);
    expect(table.split("\n")).toEqual([
      "| Route | JS files | First-load JS (gzip) | Raw |",
      "|---|---:|---:|---:|",
      "| `/clinic` | 9 | 139.5 kB | 464.3 kB |",
      "| `/my` (patient) | 10 | 142.3 kB | 472.4 kB |",
      "| `/sign-in` (sign-in) | 10 | 141.9 kB | 470.1 kB |",
    ]);
  });
});
