import type { ReminderTopic } from "@/lib/messaging/kinds";

// What a patient who never opened their settings gets (decision 035): every reminder on, by email
// and push, the daily one at 18:00 in the clinic's time zone. The schema's column defaults are
// the same values (prisma/schema.prisma, NotificationPreference); the tick's SQL uses these.
export type PreferenceFlags = {
  dailyReminder: boolean;
  dailyReminderTime: string;
  appointmentReminders: boolean;
  questionnaireReminders: boolean;
  emailEnabled: boolean;
  pushEnabled: boolean;
};

export const DEFAULT_PREFERENCES: PreferenceFlags = {
  dailyReminder: true,
  dailyReminderTime: "18:00",
  appointmentReminders: true,
  questionnaireReminders: true,
  emailEnabled: true,
  pushEnabled: true,
};

/** The column of each reminder topic (lib/messaging/kinds.ts: what a one-click unsubscribe turns off). */
export const TOPIC_COLUMN = {
  daily: "dailyReminder",
  appointments: "appointmentReminders",
  questionnaires: "questionnaireReminders",
} as const satisfies Record<ReminderTopic, keyof PreferenceFlags>;

export type Topic = ReminderTopic;
