import { describe, expect, it } from "vitest";
import { label, plural } from "@/app/_components/format";
import { currentSection } from "@/app/_components/shell-header";

describe("plural (issue 15: \"1 protocols\", \"1 matching events\")", () => {
  it("puts one with the singular and every other count with the plural", () => {
    expect(plural(1, "protocol")).toBe("1 protocol");
    expect(plural(0, "protocol")).toBe("0 protocols");
    expect(plural(2, "matching event")).toBe("2 matching events");
    expect(plural(1, "matching event")).toBe("1 matching event");
    expect(plural(1, "activity", "activities")).toBe("1 activity");
    expect(plural(3, "activity", "activities")).toBe("3 activities");
    expect(plural(12_500, "event")).toBe("12,500 events");
    expect(plural(1, "session", "sessions", { withCount: false })).toBe("session");
  });
});

describe("label", () => {
  it("says what BOTH means, and spells other enum values in words", () => {
    expect(label("BOTH")).toBe("Clinic and home");
    expect(label("IN_CLINIC")).toBe("In clinic");
    expect(label("HOME")).toBe("Home");
    expect(label("toString")).toBe("Tostring");
  });
});

describe("currentSection", () => {
  const clinic = [
    { href: "/clinic", label: "My patients" },
    { href: "/clinic/sessions", label: "Sessions" },
    { href: "/clinic/catalog", label: "Catalog" },
  ];
  it("marks the deepest section the path lies in", () => {
    expect(currentSection(clinic, "/clinic")).toBe("/clinic");
    expect(currentSection(clinic, "/clinic/patients/abc")).toBe("/clinic");
    expect(currentSection(clinic, "/clinic/sessions")).toBe("/clinic/sessions");
    expect(currentSection(clinic, "/clinic/sessions/abc/edit")).toBe("/clinic/sessions");
    expect(currentSection(clinic, "/clinic/catalogue")).toBe("/clinic");
    expect(currentSection(clinic, "/account/password")).toBeNull();
  });
});
