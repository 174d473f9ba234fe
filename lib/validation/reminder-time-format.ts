// A reminder's local time, "HH:MM" (00:00–23:59). Its own module without zod, so the settings form
// can check it in the browser without shipping the validation library to a patient's phone.
export const REMINDER_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
