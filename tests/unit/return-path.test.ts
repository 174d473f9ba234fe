import { describe, expect, it } from "vitest";
import { requestPathOf, returnPathFor, safeReturnPath } from "@/lib/auth/return-path";

// The spellings a browser turns into another site: it drops tab, CR and LF anywhere in a URL and
// reads "\" as "/" in http(s) URLs (WHATWG URL standard).
const OFF_SITE = [
  "/\t/evil.example/phish",
  "/\n/evil.example/phish",
  "/\r/evil.example/phish",
  "/\r\n/evil.example",
  "/\\evil.example/phish",
  "/\\\\evil.example",
  "/\t\\evil.example",
  "//evil.example/phish",
  "///evil.example",
  "/\\/evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "evil.example",
  "",
  " /clinic",
  "/" + "a".repeat(3000),
];

describe("safeReturnPath", () => {
  it.each(OFF_SITE)("refuses %j", (value) => {
    expect(safeReturnPath(value)).toBeNull();
  });

  it("keeps our own paths with their query and hash", () => {
    expect(safeReturnPath("/clinic/sessions?week=2026-12-07")).toBe("/clinic/sessions?week=2026-12-07");
    expect(safeReturnPath("/my/sessions#next")).toBe("/my/sessions#next");
    expect(safeReturnPath(["/clinic", "//evil.example"])).toBe("/clinic");
  });

  it("normalises what the browser would normalise and stays on the site", () => {
    expect(safeReturnPath("/clinic/\tsessions")).toBe("/clinic/sessions");
    expect(safeReturnPath("/clinic/../admin")).toBe("/admin");
  });

  it("never returns to the sign-in page or next-auth's endpoints", () => {
    expect(safeReturnPath("/sign-in?callbackUrl=/x")).toBeNull();
    expect(safeReturnPath("/api/auth/signout")).toBeNull();
    expect(safeReturnPath(undefined)).toBeNull();
  });
});

describe("returnPathFor (decision 042)", () => {
  it("keeps a bookmark inside an area the role may open, with its query", () => {
    expect(returnPathFor("CLINICIAN", "/clinic/sessions?view=week")).toBe("/clinic/sessions?view=week");
    expect(returnPathFor("PATIENT", "/my/sessions")).toBe("/my/sessions");
    expect(returnPathFor("ADMIN", "/admin/audit")).toBe("/admin/audit");
    expect(returnPathFor("PATIENT", "/account/security")).toBe("/account/security");
  });

  it("sends a role home from another role's area, a look-alike prefix and off-site spellings", () => {
    expect(returnPathFor("PATIENT", "/clinic/sessions")).toBeNull();
    expect(returnPathFor("CLINICIAN", "/admin/accounts")).toBeNull();
    expect(returnPathFor("ADMIN", "/my")).toBeNull();
    expect(returnPathFor("CLINICIAN", "/clinicx/evil")).toBeNull();
    expect(returnPathFor("CLINICIAN", "/clinic/../admin")).toBeNull();
    expect(returnPathFor("CLINICIAN", "//evil.example/clinic")).toBeNull();
    expect(returnPathFor("CLINICIAN", "/\\evil.example/clinic")).toBeNull();
    expect(returnPathFor("CLINICIAN", "/sign-in/verify")).toBeNull();
  });
});

describe("requestPathOf", () => {
  it("drops Next.js's _rsc parameter and keeps the rest of the query", () => {
    expect(requestPathOf(new URL("http://x/clinic/sessions?_rsc=abc&view=week"))).toBe("/clinic/sessions?view=week");
    expect(requestPathOf(new URL("http://x/my?_rsc=1"))).toBe("/my");
  });
});
