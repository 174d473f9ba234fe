// Message templates and unsubscribe tokens (decision 033): every kind renders a text and an HTML
// part with the clinic's contact; what a template is given is escaped in HTML; reminders, and only
// reminders, carry an unsubscribe link; a token names one person and one topic and cannot be
// altered or moved.
import { describe, expect, it } from "vitest";
import { MESSAGE_KINDS, TOPIC_OF } from "@/lib/messaging/kinds";
import { renderMessage } from "@/lib/messaging/templates";
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrls } from "@/lib/messaging/unsubscribe";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-unit-test-secret";

const clinic = { name: "Riverside Physio", phone: "020 7946 0321", address: "14 Mill Lane, Riverside RV1 2AB" };
const baseUrl = "https://plans.example";

describe("message templates", () => {
  it.each(MESSAGE_KINDS)("%s has both parts, the clinic's contact, and an unsubscribe link only when it is a reminder", (kind) => {
    const topic = TOPIC_OF[kind];
    const message = renderMessage({
      kind,
      data: { recipientName: "Alex", dayLabel: "Saturday 5 December", whenLabel: "Tuesday 8 December at 10:00", previousWhenLabel: "Monday 7 December at 09:00", role: "PATIENT" },
      clinic,
      baseUrl,
      secret: "token123",
      unsubscribe: topic ? unsubscribeUrls(baseUrl, "cuser1", topic) : null,
    });
    expect(message.subject.length).toBeGreaterThan(5);
    for (const part of [message.text, message.html]) {
      expect(part).toContain("Riverside Physio");
      expect(part).toContain("020 7946 0321");
      expect(part).toContain("14 Mill Lane, Riverside RV1 2AB");
      expect(part).toContain("Hello Alex,");
      if (topic) expect(part).toContain(`${baseUrl}/unsubscribe/`);
      else expect(part).not.toContain("unsubscribe");
    }
    expect(message.push.path.startsWith("/")).toBe(true);
  });

  it("escapes what it is given in the HTML part", () => {
    const message = renderMessage({
      kind: "daily_reminder",
      data: { recipientName: `<img src=x onerror=alert(1)>`, dayLabel: `"today"` },
      clinic: { ...clinic, name: "R&D <Clinic>" },
      baseUrl,
      secret: null,
      unsubscribe: null,
    });
    expect(message.html).not.toContain("<img src=x");
    expect(message.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(message.html).toContain("R&amp;D &lt;Clinic&gt;");
  });

  it("leaves out the link of an invitation whose token is gone", () => {
    const message = renderMessage({ kind: "account_invitation", data: { recipientName: "Alex", role: "PATIENT" }, clinic, baseUrl, secret: null, unsubscribe: null });
    expect(message.text).not.toContain("/sign-in/welcome");
  });
});

describe("unsubscribe tokens", () => {
  it("reads back the person and topic it was made for", () => {
    expect(readUnsubscribeToken(unsubscribeToken("cabc123", "appointments"))).toEqual({ userId: "cabc123", topic: "appointments" });
  });

  it("refuses an altered, moved or malformed token", () => {
    const token = unsubscribeToken("cabc123", "daily");
    const [, , mac] = token.split(".");
    expect(readUnsubscribeToken(`cabc124.daily.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(`cabc123.appointments.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(`${token}x`)).toBeNull();
    expect(readUnsubscribeToken("cabc123.everything.x")).toBeNull();
    expect(readUnsubscribeToken("")).toBeNull();
    expect(readUnsubscribeToken("a.b")).toBeNull();
  });
});
