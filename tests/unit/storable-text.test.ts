// Regression (issue 7 fuzz): text with a NUL byte or an unpaired UTF-16 surrogate reached
// PostgreSQL from forms, search boxes and URL filters and was answered 500 ("invalid byte
// sequence for encoding UTF8: 0x00", or a query the driver could not encode). Every free-text
// input now refuses it as a validation error, and search text from the URL is ignored.
import { describe, expect, it } from "vitest";
import { ZAccountFilters } from "@/lib/validation/accounts";
import { ZCatalogFilters, ZCatalogItemInput } from "@/lib/validation/catalog";
import { ZPage } from "@/lib/validation/common";
import { isStorableText, optionalText, requiredText, searchText } from "@/lib/validation/fields";
import { ZRosterFilters } from "@/lib/validation/patients";
import { ZTemplateDecision } from "@/lib/validation/plans";
import { ZAddendum, ZPerformedInput } from "@/lib/validation/sessions";
import { ZTemplateFilters } from "@/lib/validation/templates";
import { PARAMETER_SCHEMAS } from "@/lib/validation/treatment-parameters";

const UNSTORABLE = ["nul\u0000byte", "\u0000", "lone\ud800high", "lone\udc00low", "\udc00\ud800", "end\ud83d"];
const STORABLE = ["plain", "🙂 emoji (a surrogate pair)", "\u202eright-to-left\u200b", "Ωmega – “quotes” é", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"];
const ID = "c000000000000000000000000";

describe("isStorableText", () => {
  it.each(UNSTORABLE)("refuses %j", (text) => expect(isStorableText(text)).toBe(false));
  it.each(STORABLE)("accepts %j", (text) => expect(isStorableText(text)).toBe(true));
});

describe("free-text fields refuse unstorable text with a field error", () => {
  it.each(UNSTORABLE)("requiredText and optionalText refuse %j", (text) => {
    expect(requiredText("Name", 100).safeParse(text).error?.issues[0]?.message).toBe("Name contains an invalid character");
    expect(optionalText("Note", 100).safeParse(text).success).toBe(false);
  });

  it("still accepts emoji and other well-formed Unicode", () => {
    for (const text of STORABLE) expect(requiredText("Name", 100).safeParse(text).success).toBe(true);
  });

  it.each(UNSTORABLE)("catalog item text, addendum, override reason, not-done reason and treatment parameters refuse %j", (text) => {
    const item = { name: "Item", kind: "EXERCISE", category: "STRETCH", setting: "HOME", description: "d", patientInstructions: "p", dose: {}, contraindications: [], equipment: [text] };
    expect(ZCatalogItemInput.safeParse(item).success).toBe(false);
    expect(ZAddendum.safeParse({ sessionId: ID, text: `Correction ${text}` }).success).toBe(false);
    expect(ZTemplateDecision.safeParse({ templateItemId: ID, action: "override", reason: text }).success).toBe(false);
    expect(ZPerformedInput.safeParse({ planActivityId: ID, status: "NOT_DONE", notDoneReason: `Declined ${text}` }).success).toBe(false);
    expect(PARAMETER_SCHEMAS.MANUAL_THERAPY.safeParse({ region: text }).success).toBe(false);
    expect(PARAMETER_SCHEMAS.MANUAL_THERAPY.safeParse({ region: "Lumbar", technique: text }).success).toBe(false);
    expect(PARAMETER_SCHEMAS.NEEDLING.safeParse({ sites: [text], needles: 2 }).success).toBe(false);
    expect(PARAMETER_SCHEMAS.EDUCATION.safeParse({ topic: text }).success).toBe(false);
  });
});

describe("search text", () => {
  it.each(UNSTORABLE)("searchText refuses %j", (text) => expect(searchText().safeParse(text).success).toBe(false));

  it.each(UNSTORABLE)("URL filters ignore the search %j instead of querying it", (q) => {
    expect(ZRosterFilters.parse({ q }).q).toBeUndefined();
    expect(ZCatalogFilters.parse({ q }).q).toBeUndefined();
    expect(ZTemplateFilters.parse({ q }).q).toBeUndefined();
    expect(ZAccountFilters.parse({ q }).q).toBeUndefined();
    expect(ZPage.safeParse({ q }).success).toBe(false);
  });

  it("keeps well-formed search text, trimmed", () => {
    expect(ZRosterFilters.parse({ q: "  Ana 🙂 " }).q).toBe("Ana 🙂");
  });
});
