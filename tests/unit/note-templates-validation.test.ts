// Note templates (decision 037): a name and the starter text of at least one SOAP section.
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZArchiveNoteTemplate, ZCreateNoteTemplate, ZUpdateNoteTemplate } from "@/lib/validation/note-templates";

const ID = "ckx0000000000000000000001";

describe("note template validation", () => {
  it("accepts a name with one section and stores empty sections as null", () => {
    const parsed = ZCreateNoteTemplate.parse({ name: "  Follow-up  ", subjective: "Since last visit:", objective: "  ", assessment: "", planNote: undefined });
    expect(parsed).toEqual({ name: "Follow-up", subjective: "Since last visit:", objective: null, assessment: null, planNote: null });
  });

  it("refuses a template with no starter text at all, on the first section", () => {
    const result = ZCreateNoteTemplate.safeParse({ name: "Empty", subjective: "", objective: " ", assessment: null, planNote: "" });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({ subjective: ["Write the starter text of at least one section."] });
  });

  it("refuses a missing or one-letter name, over-long text and control characters", () => {
    expect(fieldErrorsOf(ZCreateNoteTemplate.safeParse({ name: "X", subjective: "S" }).error!).name).toBeDefined();
    expect(fieldErrorsOf(ZCreateNoteTemplate.safeParse({ name: "Name", subjective: "x".repeat(4001) }).error!).subjective).toBeDefined();
    expect(fieldErrorsOf(ZCreateNoteTemplate.safeParse({ name: "Name", objective: "bad\u0000text" }).error!).objective).toBeDefined();
  });

  it("needs the id and version to edit or archive", () => {
    expect(ZUpdateNoteTemplate.safeParse({ name: "Name", subjective: "S" }).success).toBe(false);
    expect(ZUpdateNoteTemplate.safeParse({ id: ID, version: 1, name: "Name", subjective: "S" }).success).toBe(true);
    expect(ZArchiveNoteTemplate.safeParse({ id: ID, version: 0, archived: true }).success).toBe(false);
    expect(ZArchiveNoteTemplate.safeParse({ id: ID, version: 3, archived: false }).success).toBe(true);
  });
});
