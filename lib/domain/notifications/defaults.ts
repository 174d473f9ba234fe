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

/** The kinds of reminder a patient turns on and off, and the column that holds each. */
export const TOPIC_COLUMN = {
  daily: "dailyReminder",
  appointments: "appointmentReminders",
  questionnaires: "questionnaireReminders",
} as const satisfies Record<string, keyof PreferenceFlags>;

export type Topic = keyof typeof TOPIC_COLUMN;

/** What each topic is called on the unsubscribe page and in settings. */
export const TOPIC_LABEL: Record<Topic, string> = {
  daily: "daily home-exercise reminders",
  appointments: "appointment reminders",
  questionnaires: "questionnaire reminders",
};
