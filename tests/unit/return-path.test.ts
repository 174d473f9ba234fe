import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

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
