// The patient's reminder settings as the settings form sends them (decision 035). Pure: the form imports it.
import { z } from "@/lib/validation/zod";
import { isSupportedTimeZone } from "./clinic";
import { ZVersion } from "./common";

/** A wall-clock time "HH:MM", 00:00 to 23:59. */
import { REMINDER_TIME } from "./reminder-time-format";

export { REMINDER_TIME };

export const ZReminderTime = z
  .string({ error: "Enter a time such as 18:00" })
  .trim()
  .regex(REMINDER_TIME, "Enter a time between 00:00 and 23:59, such as 18:00");

/** An IANA time zone this runtime knows (Intl), or null: follow the clinic's. */
export const ZReminderTimeZone = z.preprocess(
  (value) => (value === "" ? null : value),
  z
    .string({ error: "Choose a time zone" })
    .trim()
    .max(64, "Choose a time zone from the list")
    .refine(isSupportedTimeZone, "Choose a time zone from the list")
    .nullable(),
);

const flag = (label: string) => z.boolean({ error: `${label} must be on or off` });

export const ZNotificationPreferences = z.object({
  version: ZVersion,
  dailyReminder: flag("Daily reminder"),
  dailyReminderTime: ZReminderTime,
  appointmentReminders: flag("Appointment reminders"),
  questionnaireReminders: flag("Questionnaire reminders"),
  emailEnabled: flag("Email"),
  pushEnabled: flag("Push notifications"),
  timeZone: ZReminderTimeZone,
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;
