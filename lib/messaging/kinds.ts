// The kinds of message the app sends, and which reminder topic (a patient's setting, and what
// one-click unsubscribe turns off) each belongs to. Account messages have no topic: a person
// cannot unsubscribe from the link that lets them set a password.
export const MESSAGE_KINDS = [
  "account_invitation",
  "password_reset",
  "daily_reminder",
  "appointment_reminder",
  "appointment_changed",
  "appointment_cancelled",
  "questionnaire_requested",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const REMINDER_TOPICS = ["daily", "appointments", "questionnaires"] as const;
export type ReminderTopic = (typeof REMINDER_TOPICS)[number];

export const TOPIC_OF: Record<MessageKind, ReminderTopic | null> = {
  account_invitation: null,
  password_reset: null,
  daily_reminder: "daily",
  appointment_reminder: "appointments",
  appointment_changed: "appointments",
  appointment_cancelled: "appointments",
  questionnaire_requested: "questionnaires",
};

/** What a template may be given: short strings (names, formatted times), never health data. */
export type MessageData = Record<string, string | null>;
