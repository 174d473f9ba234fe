// The handout's PDF layout on its own (decision 031): the file parses, and its text holds the
// letterhead, the patient, every current activity with its dose and steps, and picture captions.
// Text is read back with unpdf (PDF.js): what a reader's copy-paste or screen reader gets.
import sharp from "sharp";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { renderPlanHandout, type HandoutData } from "@/lib/pdf/plan-handout-document";

const jpeg = async (width: number, height: number) =>
  ({ data: await sharp({ create: { width, height, channels: 3, background: "#4477aa" } }).jpeg().toBuffer(), format: "jpg" as const, width, height });

async function data(overrides: Partial<HandoutData> = {}): Promise<HandoutData> {
  return {
    clinic: { name: "Testside Clinic", address: "1 Test Road, TS1 1AA", phone: "020 7946 0999", logo: null },
    patientName: "Zoë Ångström",
    title: "Knee rehab",
    clinicianName: "Dr Test",
    started: "1 Nov 2026",
    nextReview: "29 Nov 2026",
    goals: "Climb stairs without pain",
    generated: "5 December 2026",
    activities: [
      { name: "Wall squat", dose: "3 × 10 reps, hold 5 s · once a day, 5 days a week", instructions: "Back against the wall.\nSlide down slowly.", setting: "HOME", onHold: false, pictures: [{ ...(await jpeg(640, 480)), caption: "Start position" }, { ...(await jpeg(480, 640)), caption: null }, { ...(await jpeg(640, 360)), caption: "Third step" }], morePictures: 2 },
      { name: "Ultrasound therapy", dose: "10 min", instructions: "Given at the clinic.", setting: "IN_CLINIC", onHold: false, pictures: [], morePictures: 0 },
      { name: "Heel raise", dose: "", instructions: "Rise onto your toes.", setting: "BOTH", onHold: true, pictures: [], morePictures: 0 },
    ],
    ...overrides,
  };
}

const textOf = async (pdf: Buffer) => {
  const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return { text: text.replace(/\s+/g, " "), totalPages };
};

describe("renderPlanHandout", () => {
  it("makes a PDF whose text holds the letterhead, the patient and each activity with dose, steps and captions", async () => {
    const pdf = await renderPlanHandout(await data());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text, totalPages } = await textOf(pdf);
    expect(totalPages).toBeGreaterThanOrEqual(1);
    for (const expected of [
      "Testside Clinic",
      "1 Test Road, TS1 1AA",
      "Phone 020 7946 0999",
      "Zoë Ångström",
      "5 December 2026",
      "Knee rehab",
      "next review 29 Nov 2026",
      "Climb stairs without pain",
      "At home",
      "In the clinic",
      "Wall squat",
      "3 × 10 reps, hold 5 s · once a day, 5 days a week",
      "Back against the wall. Slide down slowly.",
      "Start position",
      "Third step",
      "2 more pictures in the app.",
      "Ultrasound therapy",
      "10 min",
      "Heel raise",
      "Paused for now",
      "We also practise this together at the clinic.",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("renders a plan without activities, pictures, address, phone or review date", async () => {
    const pdf = await renderPlanHandout(await data({ activities: [], nextReview: null, clinic: { name: "Bare Clinic", address: null, phone: null, logo: null } }));
    const { text } = await textOf(pdf);
    expect(text).toContain("There are no activities in this plan yet.");
    expect(text).not.toContain("Phone");
    expect(text).not.toContain("next review");
  });

  it("embeds the pictures at their own size, so a plan of pictures stays a small file", async () => {
    const without = await renderPlanHandout(await data({ activities: (await data()).activities.map((a) => ({ ...a, pictures: [] })) }));
    const withPictures = await renderPlanHandout(await data());
    expect(withPictures.length).toBeGreaterThan(without.length);
    expect(withPictures.length).toBeLessThan(without.length + 3 * 60_000);
  });
});
