import type { Contraindication, PlanStatus, SessionStatus } from "@/lib/db/generated/enums";

export type CareTeamPatientRow = {
  id: string;
  name: string;
  dateOfBirth: string;
  flags: Contraindication[];
  activePlan: { id: string; title: string; status: PlanStatus } | null;
  reviewDue: boolean;
  nextSession: { startsAt: string } | null;
  isPrimary: boolean;
};

export type SessionSummary = {
  id: string;
  startsAt: string;
  durationMin: number;
  status: SessionStatus;
  clinicianName: string;
  painBefore: number | null;
  painAfter: number | null;
};
