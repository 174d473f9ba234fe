// The PSFS activity list's rules, without zod: the server's ZPsfsActivities (./instruments.ts)
// and the patient's questionnaire form (which must not ship zod: issue 18's 150 kB budget) both
// call this, so the two cannot drift.

/** At most five activities (the PSFS: Stratford et al., Physiotherapy Canada 1995). */
export const PSFS_MAX_ACTIVITIES = 5;

/** What is wrong with a list of named, rated activities, or null when nothing is. */
export function psfsListProblem(list: readonly { activity: string }[]): string | null {
  if (list.length === 0) return "Name at least one activity and rate it";
  if (list.length > PSFS_MAX_ACTIVITIES) return "At most five activities";
  if (new Set(list.map((a) => a.activity.toLowerCase())).size !== list.length) return "Each activity once";
  return null;
}
