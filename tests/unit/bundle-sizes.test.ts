import { describe, expect, it } from "vitest";
import { isPatientRoute, routeOf, toMarkdown } from "@/scripts/bundle-sizes";

describe("bundle-sizes", () => {
  it("names routes as users see them: route groups dropped, /page removed", () => {
    expect(routeOf("/(patient)/my/page")).toBe("/my");
    expect(routeOf("/(patient)/my/plans/[planId]/print/page")).toBe("/my/plans/[planId]/print");
    expect(routeOf("/(clinic)/clinic/page")).toBe("/clinic");
    expect(routeOf("/page")).toBe("/");
  });

  it("holds patient pages (and only those) to the patient budget", () => {
    expect(isPatientRoute("/my")).toBe(true);
    expect(isPatientRoute("/my/sessions")).toBe(true);
    expect(isPatientRoute("/mystery")).toBe(false);
    expect(isPatientRoute("/clinic/my")).toBe(false);
  });

  it("prints a markdown table with the patient pages marked", () => {
    const table = toMarkdown([
      { route: "/clinic", files: 9, rawKb: 464.3, gzipKb: 139.5 },
      { route: "/my", files: 10, rawKb: 472.4, gzipKb: 142.3 },
    ]);
    expect(table.split("\n")).toEqual([
      "| Route | JS files | First-load JS (gzip) | Raw |",
      "|---|---:|---:|---:|",
      "| `/clinic` | 9 | 139.5 kB | 464.3 kB |",
      "| `/my` (patient) | 10 | 142.3 kB | 472.4 kB |",
    ]);
  });
});
