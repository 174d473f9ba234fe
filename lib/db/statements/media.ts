// The pictures and videos shown beside each activity of one plan (lib/domain/media/
// list-plan-pictures.ts), read on the patient's Today and the clinician's plan pages.
import type { MediaKind } from "../generated/enums";
import { defineQuery } from "./define";
import { empty, sql } from "./sql";
import { patientScopeCondition, type ScopeActor, type ScopeKind } from "./scope";

/**
 * Per activity of the plan: the catalog item's media first, then the activity's own, each by
 * position. The plan's patient within the actor's scope; `patientView` leaves out a draft plan.
 */
export const planActivityMedia = defineQuery<
  {
    activityId: string;
    id: string;
    kind: MediaKind;
    position: number;
    altText: string | null;
    caption: string | null;
    widths: number[];
    height: number | null;
    contentType: string;
    version: number;
    posterWidths: number[];
    posterHeight: number | null;
    captionsKey: string | null;
  },
  { planId: string; actor: ScopeActor; scope: ScopeKind; patientView: boolean }
>(
  "media: plan activities",
  ({ planId, actor, scope, patientView }) => sql`
    SELECT a."id" AS "activityId", m."id", m."kind"::text AS "kind", m."position", m."altText", m."caption", m."widths", m."height",
           m."contentType", m."version", m."posterWidths", m."posterHeight", m."captionsKey"
      FROM "TreatmentPlan" t
      JOIN "Patient" p ON p."id" = t."patientId"
      JOIN "PlanActivity" a ON a."planId" = t."id"
      JOIN LATERAL (
        SELECT 0 AS "source", c."id", c."kind", c."position", c."createdAt", c."altText", c."caption", c."widths", c."height", c."contentType", c."version", c."posterWidths", c."posterHeight", c."captionsKey"
          FROM "CatalogMedia" c WHERE c."catalogItemId" = a."catalogItemId" AND c."clinicId" = ${actor.clinicId}
        UNION ALL
        SELECT 1, o."id", o."kind", o."position", o."createdAt", o."altText", o."caption", o."widths", o."height", o."contentType", o."version", o."posterWidths", o."posterHeight", o."captionsKey"
          FROM "ActivityMedia" o WHERE o."activityId" = a."id" AND o."clinicId" = ${actor.clinicId}
      ) m ON true
     WHERE t."id" = ${planId} AND t."clinicId" = ${actor.clinicId} AND ${patientScopeCondition(scope, actor, "p")}
       ${patientView ? sql`AND t."status" <> 'DRAFT'` : empty}
     ORDER BY a."id", m."source", m."position", m."createdAt"`,
);
