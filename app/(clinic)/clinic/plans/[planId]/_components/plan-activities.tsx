"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import type { MediaDto } from "@/lib/domain/media/dto";
import type { ActivityDto } from "@/lib/domain/plans/dto";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";
import { SortableList, SortableRow } from "@/app/_components/sortable-list";
import { changePlanActivityStatusAction, movePlanActivityAction, movePlanActivityToAction } from "../actions";
import { ActivityEditForm } from "./activity-edit-form";
import { ActivityMediaPanel } from "./activity-media-panel";
import { ActivityItem, type ActivityAction } from "./activity-item";
import { failureStatus, usePlanEditing, type Status } from "./plan-context";

// Where focus goes once the server's answer is on screen: the buttons it was on may have moved,
// become disabled (top or bottom of the list) or gone (removed).
type FocusRequest = { id: string; target: ActivityAction | "drag" | "row"; before: string };

const signature = (activities: ActivityDto[]) => activities.map((a) => `${a.id}:${a.status}`).join(",");

const DONE: Record<"up" | "down" | "remove", string> = { up: "moved up", down: "moved down", remove: "removed from the plan" };

/** The plan's activities in their order, with the controls to change each one. */
/** `media`: each activity's own pictures and videos (listPlanMedia), managed in a collapsed panel under it. */
/** `stances` and `exerciseFlags`: what the guidelines say per catalog item for the plan's condition (decision 044). */
export function PlanActivities({
  activities,
  editable,
  version,
  media = {},
  stances = {},
  exerciseFlags = {},
}: {
  activities: ActivityDto[];
  editable: boolean;
  version: number;
  media?: Record<string, MediaDto[]>;
  stances?: Record<string, GuidelineStatementDto[]>;
  exerciseFlags?: Record<string, string>;
}) {
  const { mutate, reload } = usePlanEditing();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const focusRequest = useRef<FocusRequest | null>(null);
  const [, startTransition] = useTransition();
  const listRef = useRef<HTMLOListElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const current = signature(activities);
  // A dropped row stays where it was dropped until the server's order arrives (or the move fails).
  const [dropped, setDropped] = useState<{ base: string; ids: string[] } | null>(null);
  const byId = new Map(activities.map((a) => [a.id, a]));
  const shown = dropped && dropped.base === current ? dropped.ids.flatMap((id) => byId.get(id) ?? []) : activities;

  // After every render: once the list shows the outcome of the change, place focus.
  useEffect(() => {
    const request = focusRequest.current;
    if (!request || request.before === current) return;
    focusRequest.current = null;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-activity-id="${request.id}"]`);
    const wanted = request.target === "row" ? null : row?.querySelector<HTMLButtonElement>(`[data-action="${request.target}"]`);
    const fallback = row?.querySelector<HTMLButtonElement>(`[data-action="${request.target === "up" ? "down" : "up"}"]`);
    if (wanted && !wanted.disabled) wanted.focus();
    else if (request.target !== "row" && fallback && !fallback.disabled) fallback.focus();
    else row?.focus();
  });

  function act(activity: ActivityDto, action: ActivityAction) {
    if (action === "edit") {
      setEditing(activity.id);
      return;
    }
    setStatus(null);
    const before = signature(activities);
    startTransition(async () => {
      const result = await mutate((base) =>
        action === "up" || action === "down"
          ? movePlanActivityAction({ ...base, activityId: activity.id, direction: action })
          : changePlanActivityStatusAction({
              ...base,
              activityId: activity.id,
              status: action === "remove" ? "STOPPED" : activity.status === "ACTIVE" ? "ON_HOLD" : "ACTIVE",
            }),
      );
      if (!result.ok) {
        setStatus(failureStatus(result, () => {
          setStatus(null);
          reload();
        }));
        statusRef.current?.focus();
        return;
      }
      setAnnouncement(`${activity.name} ${action === "toggle" ? (activity.status === "ACTIVE" ? "paused" : "resumed") : DONE[action]}.`);
      focusRequest.current = { id: activity.id, target: action === "remove" ? "row" : action, before };
    });
  }

  function drop(id: string, toIndex: number) {
    const activity = byId.get(id);
    if (!activity) return;
    setStatus(null);
    const ids = shown.map((a) => a.id).filter((x) => x !== id);
    ids.splice(toIndex, 0, id);
    setDropped({ base: current, ids });
    const before = signature(activities);
    startTransition(async () => {
      const result = await mutate((base) => movePlanActivityToAction({ ...base, activityId: id, toIndex }));
      if (!result.ok) {
        setDropped(null);
        setStatus(failureStatus(result, () => {
          setStatus(null);
          reload();
        }));
        statusRef.current?.focus();
        return;
      }
      setAnnouncement(`${activity.name} moved to place ${toIndex + 1} of ${activities.length}.`);
      focusRequest.current = { id, target: "drag", before };
    });
  }

  if (activities.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-600">No activities in this plan yet.{editable && " Add the first one below."}</p>;
  }

  return (
    <div className="space-y-3">
      <div ref={statusRef} tabIndex={-1}>
        <FormStatus status={status} />
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <SortableList ids={shown.map((a) => a.id)} nameOf={(id) => byId.get(id)?.name ?? "Activity"} onMove={drop} disabled={!editable}>
        <ol ref={listRef} className="space-y-3">
          {shown.map((a, index) => (
            <SortableRow key={a.id} id={a.id} name={a.name} disabled={!editable || a.status === "STOPPED" || a.status === "COMPLETED"}>
              {(row) => (
                <ActivityItem
                  activity={a}
                  sortable={row}
                  first={index === 0}
                  last={index === shown.length - 1}
                  editable={editable}
                  editing={editing === a.id}
                  onAction={(action) => act(a, action)}
                  stances={stances[a.catalogItemId] ?? []}
                  exerciseFlag={a.status === "STOPPED" ? undefined : exerciseFlags[a.catalogItemId]}
                  media={<ActivityMediaPanel activityId={a.id} activityName={a.name} media={media[a.id] ?? []} editable={editable && (a.status === "ACTIVE" || a.status === "ON_HOLD")} />}
                >
                  <ActivityEditForm
                    key={version}
                    activity={a}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) setAnnouncement(`${a.name} saved.`);
                      focusRequest.current = { id: a.id, target: "edit", before: "" };
                    }}
                  />
                </ActivityItem>
              )}
            </SortableRow>
          ))}
        </ol>
      </SortableList>
    </div>
  );
}
