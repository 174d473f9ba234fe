// What each kind of message says (decision 033). Every email has a plain-text and an HTML part,
// the clinic's name and contact details, and for reminders a one-click unsubscribe link. No health
// information ever: no condition, treatment, clinician specialty, score or note; a reminder says
// *that* something is due, and the patient reads *what* after signing in. A push notification
// carries a title, one line and a same-origin path.
import type { MessageData, MessageKind, ReminderTopic } from "./kinds";
import { TOPIC_OF } from "./kinds";

export type ClinicFooter = { name: string; phone: string | null; address: string | null };

export type RenderContext = {
  kind: MessageKind;
  data: MessageData;
  clinic: ClinicFooter;
  /** The app's public origin, e.g. https://plans.example.clinic (no trailing slash). */
  baseUrl: string;
  /** The link token of an invitation or a reset; null once erased. */
  secret: string | null;
  /** For reminders: where one click turns this kind off (page) and the RFC 8058 POST target. */
  unsubscribe: { pageUrl: string; oneClickUrl: string } | null;
};

export type RenderedMessage = {
  subject: string;
  text: string;
  html: string;
  push: { title: string; body: string; path: string };
};

type Body = { subject: string; greeting: string; lines: string[]; action: { label: string; path: string } | null; push: { title: string; body: string } };

const value = (data: MessageData, key: string, fallback = "") => data[key] ?? fallback;

function body(context: RenderContext): Body {
  const { data, clinic } = context;
  const name = value(data, "recipientName", "there");
  const greeting = `Hello ${name},`;
  switch (context.kind) {
    case "account_invitation": {
      const staff = data.role === "ADMIN" || data.role === "CLINICIAN";
      return {
        subject: `${clinic.name} invites you to ${staff ? "Riverside Plans" : "your patient app"}`,
        greeting,
        lines: [
          staff
            ? `${clinic.name} has created a staff account for you in Riverside Plans.`
            : `${clinic.name} has set up your patient app, where you will see your home routine and your appointments.`,
          "Choose your password with the link below. It works once and expires in 72 hours.",
          "If you were not expecting this, you can ignore this email.",
        ],
        action: context.secret ? { label: "Choose your password", path: `/sign-in/welcome?token=${encodeURIComponent(context.secret)}` } : null,
        push: { title: clinic.name, body: "You have been invited." },
      };
    }
    case "password_reset":
      return {
        subject: `Reset your password for ${clinic.name}`,
        greeting,
        lines: [
          "Someone (we hope you) asked to reset the password of your account.",
          "Choose a new password with the link below. It works once and expires in 30 minutes; afterwards every device signed in to your account is signed out.",
          "If you did not ask for this, ignore this email: your password stays as it is.",
        ],
        action: context.secret ? { label: "Choose a new password", path: `/sign-in/reset?token=${encodeURIComponent(context.secret)}` } : null,
        push: { title: clinic.name, body: "Password reset requested." },
      };
    case "daily_reminder":
      return {
        subject: "A reminder for today's home routine",
        greeting,
        lines: [`There is still something on your home routine for ${value(data, "dayLabel", "today")}.`, "Open your app to see it and mark it done."],
        action: { label: "Open today's routine", path: "/my" },
        push: { title: "Your home routine", body: `Still to do ${data.dayLabel ? `for ${data.dayLabel}` : "today"}.` },
      };
    case "appointment_reminder":
      return {
        subject: `Your appointment at ${clinic.name} is tomorrow`,
        greeting,
        lines: [`A reminder of your appointment at ${clinic.name}: ${value(data, "whenLabel")}.`, "If you cannot come, please let the clinic know."],
        action: { label: "See your appointments", path: "/my/sessions" },
        push: { title: "Appointment tomorrow", body: value(data, "whenLabel") },
      };
    case "appointment_changed":
      return {
        subject: `Your appointment at ${clinic.name} has moved`,
        greeting,
        lines: [
          data.previousWhenLabel
            ? `Your appointment on ${data.previousWhenLabel} has moved to ${value(data, "whenLabel")}.`
            : `Your appointment is now on ${value(data, "whenLabel")}.`,
          "If the new time does not suit you, please let the clinic know.",
        ],
        action: { label: "See your appointments", path: "/my/sessions" },
        push: { title: "Appointment moved", body: `Now ${value(data, "whenLabel")}` },
      };
    case "appointment_cancelled":
      return {
        subject: `Your appointment at ${clinic.name} is cancelled`,
        greeting,
        lines: [`Your appointment on ${value(data, "whenLabel")} has been cancelled.`, "Contact the clinic if you would like a new time."],
        action: { label: "See your appointments", path: "/my/sessions" },
        push: { title: "Appointment cancelled", body: value(data, "whenLabel") },
      };
    case "questionnaire_requested":
      return {
        subject: `${clinic.name} asks you to fill in a short questionnaire`,
        greeting,
        lines: ["Your clinician has asked you to fill in a short questionnaire before your next visit.", "It takes a few minutes in your app."],
        action: { label: "Open your app", path: "/my" },
        push: { title: "A short questionnaire", body: "Your clinician asks you to fill it in." },
      };
  }
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

function footerLines(clinic: ClinicFooter): string[] {
  return [clinic.name, clinic.address, clinic.phone ? `Phone ${clinic.phone}` : null].filter((line): line is string => Boolean(line));
}

export function unsubscribeTopicLabel(topic: ReminderTopic): string {
  return topic === "daily" ? "daily home-routine reminders" : topic === "appointments" ? "appointment reminders" : "questionnaire reminders";
}

export function renderMessage(context: RenderContext): RenderedMessage {
  const content = body(context);
  const actionUrl = content.action ? `${context.baseUrl}${content.action.path}` : null;
  const topic = TOPIC_OF[context.kind];
  const footer = footerLines(context.clinic);
  const unsubscribeText =
    topic && context.unsubscribe ? `To stop ${unsubscribeTopicLabel(topic)}, open ${context.unsubscribe.pageUrl}` : null;

  const text = [
    content.greeting,
    "",
    ...content.lines.flatMap((line) => [line, ""]),
    ...(actionUrl && content.action ? [`${content.action.label}: ${actionUrl}`, ""] : []),
    "--",
    ...footer,
    ...(unsubscribeText ? ["", unsubscribeText] : []),
    "",
  ].join("\n");

  const paragraph = (line: string) => `<p style="margin:0 0 16px">${escapeHtml(line)}</p>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2933;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:600">${escapeHtml(context.clinic.name)}</p>
${paragraph(content.greeting)}
${content.lines.map(paragraph).join("\n")}
${actionUrl && content.action ? `<p style="margin:24px 0"><a href="${escapeHtml(actionUrl)}" style="display:inline-block;background:#0f766e;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52606d">Or paste this address into your browser: ${escapeHtml(actionUrl)}</p>` : ""}
<hr style="border:none;border-top:1px solid #d9e2ec;margin:24px 0 16px">
<p style="margin:0;font-size:13px;color:#52606d">${footer.map(escapeHtml).join("<br>")}</p>
${unsubscribeText && context.unsubscribe && topic ? `<p style="margin:16px 0 0;font-size:13px;color:#52606d"><a href="${escapeHtml(context.unsubscribe.pageUrl)}" style="color:#52606d">Stop ${escapeHtml(unsubscribeTopicLabel(topic))}</a></p>` : ""}
</div>
</body></html>
`;
  return { subject: content.subject, text, html, push: { title: content.push.title, body: content.push.body, path: content.action?.path ?? "/my" } };
}
