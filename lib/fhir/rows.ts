// The rows the FHIR mappers take: plain objects (ids, strings, numbers, Dates, enum codes), as the
// loaders in ./load-records.ts read them. Anything that can produce these (a bulk export reading in
// batches, a test) can call the mappers. Stable: the bulk export imports them.
import type {
  ActivityStatus,
  CatalogCategory,
  CatalogKind,
  CatalogStatus,
  Contraindication,
  GuidelineStance,
  Instrument,
  NoteStatus,
  OutcomeContext,
  PerformedStatus,
  PlanStatus,
  Role,
  SessionStatus,
  Setting,
  TreatmentPhase,
} from "@/lib/db/generated/enums";

export type FhirClinicRow = { id: string; name: string; slug: string; timezone: string; address: string | null; phone: string | null; createdAt: Date };

/** A staff account (Practitioner + PractitionerRole). */
export type FhirUserRow = { id: string; clinicId: string; name: string; email: string; role: Role; active: boolean; updatedAt: Date };

export type FhirCareTeamRow = { patientId: string; clinicianId: string; isPrimary: boolean };

export type FhirPatientRow = {
  id: string;
  clinicId: string;
  userId: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  email: string | null;
  phone: string | null;
  contraindications: Contraindication[];
  archivedAt: Date | null;
  updatedAt: Date;
};

export type FhirDoseRow = {
  durationMin: number | null;
  sets: number | null;
  reps: number | null;
  holdSec: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
};

export type FhirCatalogItemRow = {
  id: string;
  clinicId: string;
  name: string;
  kind: CatalogKind;
  category: CatalogCategory;
  setting: Setting;
  description: string;
  patientInstructions: string;
  defaultDurationMin: number | null;
  defaultSets: number | null;
  defaultReps: number | null;
  defaultHoldSec: number | null;
  defaultTimesPerDay: number | null;
  defaultDaysPerWeek: number | null;
  contraindications: Contraindication[];
  equipment: string[];
  status: CatalogStatus;
  version: number;
  updatedAt: Date;
  /** The item's current (not retired) guideline statements (issue 16), where the loader read them. */
  guidelineStatements?: FhirGuidelineStatementRow[];
};

/** A guideline statement on a catalog item (decision 044), as the ActivityDefinition cites it. */
export type FhirGuidelineStatementRow = {
  id: string;
  condition: string;
  population: string;
  guideline: string;
  publisher: string;
  year: number;
  recommendation: string | null;
  url: string;
  stance: GuidelineStance;
  stanceCondition: string | null;
  quote: string | null;
  supersededBy: string | null;
  supersededYear: number | null;
  lastCheckedOn: Date;
};

export type FhirTemplateItemRow = FhirDoseRow & { id: string; templateId: string; catalogItemId: string; catalogItemName: string; setting: Setting; phase: TreatmentPhase; position: number };

export type FhirTemplateRow = {
  id: string;
  clinicId: string;
  name: string;
  condition: string;
  icd10Code: string | null;
  description: string;
  status: CatalogStatus;
  version: number;
  updatedAt: Date;
  items: FhirTemplateItemRow[];
};

export type FhirPlanRow = {
  id: string;
  clinicId: string;
  patientId: string;
  clinicianId: string;
  createdById: string;
  title: string;
  condition: string;
  icd10Code: string | null;
  goals: string;
  status: PlanStatus;
  statusReason: string | null;
  startDate: Date;
  reviewDate: Date | null;
  endDate: Date | null;
  plannedSessions: number;
  templateId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type FhirActivityRow = FhirDoseRow & {
  id: string;
  clinicId: string;
  planId: string;
  catalogItemId: string;
  nameSnapshot: string;
  instructionsSnapshot: string;
  kindSnapshot: CatalogKind;
  catalogVersionSnapshot: number;
  setting: Setting;
  phase: TreatmentPhase;
  position: number;
  status: ActivityStatus;
  overriddenFlags: Contraindication[];
  overrideReason: string | null;
  overriddenById: string | null;
  overriddenAt: Date | null;
  updatedAt: Date;
};

export type FhirSessionRow = {
  id: string;
  clinicId: string;
  planId: string;
  patientId: string;
  clinicianId: string;
  startsAt: Date;
  durationMin: number;
  status: SessionStatus;
  statusReason: string | null;
  painBefore: number | null;
  painAfter: number | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  planNote: string | null;
  adverseEvent: string | null;
  noteStatus: NoteStatus;
  noteAuthorId: string | null;
  signedAt: Date | null;
  signedById: string | null;
  updatedAt: Date;
};

export type FhirAddendumRow = { id: string; clinicId: string; sessionId: string; authorId: string; text: string; createdAt: Date };

export type FhirPerformedRow = {
  id: string;
  clinicId: string;
  sessionId: string;
  planActivityId: string;
  catalogItemId: string;
  status: PerformedStatus;
  notDoneReason: string | null;
  parameters: unknown;
  durationMin: number | null;
  adverseEvent: string | null;
  createdAt: Date;
};

export type FhirOutcomeRow = {
  id: string;
  clinicId: string;
  patientId: string;
  planId: string | null;
  sessionId: string | null;
  instrument: Instrument;
  context: OutcomeContext;
  answers: unknown;
  score: number;
  band: string | null;
  recordedById: string;
  recordedAt: Date;
};

/** Everything of one or more patients' records, as loadPatientRecords reads it (one query per kind). */
export type FhirPatientRecordRows = {
  patients: FhirPatientRow[];
  careTeam: FhirCareTeamRow[];
  plans: FhirPlanRow[];
  activities: FhirActivityRow[];
  sessions: FhirSessionRow[];
  addenda: FhirAddendumRow[];
  performed: FhirPerformedRow[];
  outcomes: FhirOutcomeRow[];
};

/** The clinic data a patient's record points at: staff, catalog items and protocols. */
export type FhirClinicRows = {
  clinic: FhirClinicRow;
  users: FhirUserRow[];
  catalogItems: FhirCatalogItemRow[];
  templates: FhirTemplateRow[];
};
