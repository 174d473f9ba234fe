// What each audit action means, in words, for the audit page. Pure: the page imports it.
// Every action the code records has an entry (tests/unit/audit-action-names.test.ts scans lib/
// for them); an action from an older version of the app still shows, as its code.

const NAMES: Record<string, string> = {
  // Sign-in and sessions
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_throttled": "Sign-in refused: too many attempts from this address",
  "auth.sign_in_refused_device_locked": "Sign-in refused: this browser is locked out",
  "auth.lockout": "Account locked after failed sign-ins",
  "auth.device_lockout": "Browser locked out after failed sign-ins",
  "auth.unlock": "Account unlocked",
  "auth.sign_out": "Signed out",
  "auth.sign_out_everywhere": "Signed out everywhere",
  "auth.second_factor": "Passed the second sign-in step",
  "auth.recovery_code_used": "Passed the second sign-in step with a recovery code",
  "access.refused": "Refused: record outside the user's access",
  // Invitations and password-reset links (decision 034)
  "auth.password_reset_requested": "Password reset requested (Forgot password?)",
  "auth.password_reset_sent": "Password reset link emailed",
  "auth.password_reset_completed": "Chose a new password with a reset link",
  "auth.password_reset_throttled": "Password reset refused: too many requests",
  "auth.account_link_refused": "Refused an invitation or reset link (expired, used, replaced or not valid)",
  // Accounts
  "account.create": "Created an account",
  "account.deactivate": "Deactivated an account",
  "account.reactivate": "Reactivated an account",
  "account.role_change": "Changed an account's role",
  "account.password_reset": "Reset an account's password",
  "account.password_reset_link_sent": "Emailed an account a password reset link",
  "account.invitation_sent": "Emailed an invitation to set up an account",
  "account.invitation_accepted": "Accepted an invitation and chose a password",
  "account.password_change": "Changed own password",
  "account.password_change_failed": "Password change refused: wrong current password",
  "account.sessions_ended": "Ended all sessions of an account",
  "account.second_factor_enrol": "Set up an authenticator app",
  "account.second_factor_reset": "Reset an account's second factors",
  "account.passkey_add": "Added a passkey",
  "careteam.assign": "Changed a care team",
  // Catalog and protocols
  "catalog.create": "Created a treatment",
  "catalog.update": "Edited a treatment",
  "catalog.activate": "Activated a treatment",
  "catalog.retire": "Retired a treatment",
  "catalog.delete": "Deleted a draft treatment",
  "catalog.media.add": "Added a picture or video to a treatment",
  "catalog.media.remove": "Removed a picture or video from a treatment",
  "catalog.media.move": "Moved a picture or video of a treatment",
  "catalog.media.update": "Edited the alt text or caption of a treatment's picture or video",
  "catalog.media.poster.set": "Set the poster image of a treatment's video",
  "catalog.media.poster.remove": "Removed the poster image of a treatment's video",
  "catalog.media.captions.set": "Set the captions of a treatment's video",
  "catalog.media.captions.remove": "Removed the captions of a treatment's video",
  "template.create": "Created a protocol",
  "template.update": "Edited a protocol",
  "template.activate": "Activated a protocol",
  "template.retire": "Retired a protocol",
  // Clinic settings (decision 030)
  "clinic.settings.update": "Changed the clinic's settings",
  "clinic.logo.update": "Replaced the clinic's logo",
  "clinic.logo.remove": "Removed the clinic's logo",
  // The Outbox (decision 033)
  "outbox.read": "Opened a message the app sent",
  // Patients
  "patient.create": "Added a patient",
  "patient.update": "Edited a patient's details",
  "patient.read": "Viewed a patient's record",
  "patient.list": "Viewed the patient list",
  "patient.flag_conflicts.read": "Checked a patient's contraindications",
  "dashboard.read": "Viewed the dashboard",
  "progress.read": "Viewed a patient's progress",
  // Plans
  "plan.create": "Created a plan",
  "plan.update": "Edited a plan's details",
  "plan.read": "Viewed a plan",
  "plan.history.read": "Viewed a plan's history",
  "plan.handout.download": "Downloaded a plan's PDF handout",
  "plan.template_preview": "Previewed a protocol for a patient",
  "plan.status.active": "Activated a plan",
  "plan.status.on_hold": "Put a plan on hold",
  "plan.status.completed": "Completed a plan",
  "plan.status.cancelled": "Cancelled a plan",
  "plan.status.entered_in_error": "Marked a plan as entered in error",
  "plan.activity.add": "Added an activity to a plan",
  "plan.activity.override": "Added an activity despite a contraindication",
  "plan.activity.update": "Changed an activity's dose or setting",
  "plan.activity.pause": "Paused an activity",
  "plan.activity.resume": "Resumed an activity",
  "plan.activity.stop": "Removed an activity",
  "plan.activity.move": "Reordered a plan's activities",
  "plan.activity.media.add": "Added a picture or video to a patient's activity",
  "plan.activity.media.read": "Viewed a picture or video of a patient's activity",
  "plan.activity.media.move": "Moved a picture or video of a patient's activity",
  "plan.activity.media.update": "Edited the alt text or caption of a patient's activity picture or video",
  "plan.activity.media.remove": "Removed a picture or video from a patient's activity",
  "plan.activity.media.poster.set": "Set the poster image of a patient's activity video",
  "plan.activity.media.poster.remove": "Removed the poster image of a patient's activity video",
  "plan.activity.media.captions.set": "Set the captions of a patient's activity video",
  "plan.activity.media.captions.remove": "Removed the captions of a patient's activity video",
  "plan.odi_request": "Asked the patient for an ODI",
  "plan.odi_request.withdraw": "Withdrew an ODI request",
  // Sessions
  "session.schedule": "Scheduled a session",
  "session.reschedule": "Rescheduled a session",
  "session.cancel": "Cancelled a session",
  "session.no_show": "Marked a session as no-show",
  "session.read": "Viewed a session",
  "session.week.read": "Viewed the week's sessions",
  "session.note.save": "Saved a session note draft",
  "session.note.sign": "Signed a session note",
  "session.addendum": "Added an addendum to a signed note",
  // Outcomes
  "outcome.record.nprs": "Recorded a pain score (NPRS)",
  "outcome.record.odi": "Recorded an ODI",
  "outcome.record.rmdq": "Recorded an RMDQ",
  "outcome.self_report.nprs": "Patient reported a pain score",
  "outcome.self_report.nprs.update": "Patient changed today's pain score",
  "outcome.self_report.odi": "Patient completed an ODI",
  // Patient portal
  "portal.home.read": "Patient opened Today",
  "portal.plans.read": "Patient viewed their plan",
  "portal.sessions.read": "Patient viewed their sessions",
  "portal.questionnaire.read": "Patient opened a questionnaire",
  "portal.calendar.export": "Patient downloaded a calendar file",
  "homelog.create": "Patient logged a home activity",
  "homelog.update": "Patient changed a home-activity log",
  "homelog.undo": "Patient took back the last log of a home activity",
  // Reminders (decision 035)
  "reminders.preferences.update": "Patient changed their reminder settings",
  "reminders.unsubscribe.daily": "Daily reminders turned off from an email link",
  "reminders.unsubscribe.appointments": "Appointment reminders turned off from an email link",
  "reminders.unsubscribe.questionnaires": "Questionnaire reminders turned off from an email link",
  // Push notifications (decision 036)
  "push.subscribe": "Patient turned on notifications on a device",
  "push.unsubscribe": "Patient turned off notifications on a device",
  // The audit log itself (decision 041)
  "audit.export": "Exported the audit log",
  // Copying plans and saving them as protocols (decision 039)
  "plan.copy.read": "Checked a plan's treatments against a patient's contraindications to copy it",
  "plan.copy_source.read": "Viewed a plan to copy it for another patient",
  "plan.copy": "Created a plan by copying another",
  "plan.copy_source": "Copied a plan for another patient",
  "template.save_from_plan": "Saved a plan as their own protocol",
  "template.propose": "Proposed a plan as a clinic protocol",
  "template.proposal.approve": "Approved a proposed protocol",
  "template.proposal.decline": "Declined a proposed protocol",
  // Note templates and copy forward (decision 037)
  "note_template.create": "Created a note template",
  "note_template.update": "Edited a note template",
  "note_template.archive": "Archived a note template",
  "note_template.restore": "Restored a note template",
  "session.note.copy_forward": "Copied the last signed note forward into a draft",
  // Series of sessions and the clinic calendar (decision 038)
  "session.schedule_series": "Booked a series of sessions",
  "session.calendar.read": "Viewed the clinic calendar",
  // API clients (issue 17, ADR 047)
  "api.request": "Made an API request",
  "api.token_refused": "Refused: expired or revoked API token",
  "apiclient.create": "Created an API client",
  "apiclient.revoke": "Revoked an API client",
  // Guideline statements on treatments (issue 16, decision 044)
  "catalog.guideline.create": "Added a guideline statement to a treatment",
  "catalog.guideline.update": "Edited a guideline statement",
  "catalog.guideline.retire": "Retired a guideline statement",
  "catalog.guideline.restore": "Restored a guideline statement",
  "plan.activity.guideline_override": "Chose a treatment against a guideline's \"do not offer\" (with a reason)",
  "report.guideline_overrides.read": "Viewed the report of treatments chosen against guidelines",
  // Outcome instruments as data (issue 16, ADR 045)
  "outcome.record.psfs": "Recorded a PSFS",
  "outcome.self_report.rmdq": "Patient completed an RMDQ",
  "outcome.self_report.psfs": "Patient completed a PSFS",
  "outcome.form.read": "Opened the outcome form (instruments and last PSFS activities)",
  "instrument.licensed_wording.load": "Loaded licensed ODI wording",
  // Measure schedules (issue 16, decision 046)
  "plan.measure.add": "Scheduled an outcome measure on a plan",
  "plan.measure.remove": "Removed a scheduled outcome measure",
  "plan.measure.ask": "Asked the patient for a questionnaire",
  "plan.measure.ask.withdraw": "Withdrew a questionnaire request",
  "plan.measures.read": "Viewed a plan's scheduled measures",
  "dashboard.measures_overdue.read": "Viewed overdue outcome measures",
  "portal.asks.read": "Patient saw the questionnaires asked of them",
  // The API's lists and the outcome scores' CSV (decision 048)
  "patient.api_list": "Listed patients through the API",
  "plan.api_list": "Listed plans through the API",
  "session.api_list": "Listed sessions through the API",
  "outcome.api_list": "Listed outcome scores through the API",
  "outcome.export": "Exported outcome scores (CSV)",
};

/** The action in words; its code when this version does not know it. */
export function auditActionName(action: string): string {
  return NAMES[action] ?? action;
}

/** Every action this version names, for the audit page's filter. */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = Object.keys(NAMES);

/** Security events: shown highlighted so an admin sees them among routine reads. */
export function isSecurityEvent(action: string): boolean {
  return (
    action.startsWith("auth.") && action !== "auth.sign_in" && action !== "auth.sign_out"
  ) || action === "access.refused" || action === "account.sessions_ended" || action === "account.password_change_failed";
}

const ENTITY_NAMES: Record<string, string> = {
  OutboundMessage: "Message",
  User: "Account",
  Patient: "Patient",
  TreatmentPlan: "Plan",
  PlanActivity: "Plan activity",
  Session: "Session",
  CatalogItem: "Treatment",
  PlanTemplate: "Protocol",
  OutcomeResponse: "Outcome",
  HomeLog: "Home log",
  LoginThrottle: "Network address",
  AccountToken: "Invitation or reset link",
  Media: "Picture or video",
  NotificationPreference: "Reminder settings",
  PushSubscription: "Device for notifications",
  AuditEvent: "Audit log",
  NoteTemplate: "Note template",
  // API clients (issue 17, ADR 047)
  ApiClient: "API client",
  // Guideline statements on treatments (issue 16, decision 044)
  GuidelineStatement: "Guideline statement",
  Clinic: "Clinic",
  // Outcome instruments as data (issue 16, ADR 045)
  InstrumentDefinition: "Outcome instrument",
};

/** The kind of record in words. */
export function auditEntityName(entityType: string): string {
  return ENTITY_NAMES[entityType] ?? entityType;
}
