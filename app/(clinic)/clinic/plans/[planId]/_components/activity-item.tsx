"use client";

import { useId, useRef } from "react";
import { label } from "@/app/_components/format";
import type { ActivityStatus } from "@/lib/enums";
import { describeDose, type ActivityDto } from "@/lib/domain/plans/dto";
import type { SortableRowProps } from "@/app/_components/sortable-list";
import { GuidelineStances } from "@/app/_components/guidelines/guideline-stances";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";

export type ActivityAction = "edit" | "toggle" | "up" | "down" | "remove";

const STATUS: Record<ActivityStatus, { text: string; tone: string }> = {
  ACTIVE: { text: "Active", tone: "bg-emerald-100 text-emerald-900" },
  ON_HOLD: { text: "Paused", tone: "bg-amber-100 text-amber-900" },
  COMPLETED: { text: "Completed", tone: "bg-slate-200 text-slate-800" },
  STOPPED: { text: "Removed", tone: "bg-slate-200 text-slate-700" },
};

const small = "min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 disabled:opacity-40";

type Props = {
  activity: ActivityDto;
  first: boolean;
  last: boolean;
  editable: boolean;
  editing: boolean;
  onAction: (action: ActivityAction) => void;
  /** The activity's pictures and videos panel, shown whatever the activity's state. */
  media?: React.ReactNode;
  children?: React.ReactNode;
  /** Drag and drop (ADR 040): the row's ref, style and handle when the plan can be reordered. */
  sortable?: SortableRowProps;
  /** What the guidelines say about it for the plan's condition, and the exercise flag (decision 044). */
  stances?: GuidelineStatementDto[];
  exerciseFlag?: string;
};

/** One activity of the plan: what, where, how much, its status, any override, and its controls. */
export function ActivityItem({ activity: a, first, last, editable, editing, onAction, media, children, sortable, stances = [], exerciseFlag }: Props) {
  const nameId = useId();
  const removed = a.status === "STOPPED";
  const changeable = editable && (a.status === "ACTIVE" || a.status === "ON_HOLD");
  const dose = describeDose(a.dose);
  const hidden = <span className="sr-only"> {a.name}</span>;
  return (
    <li
      ref={sortable?.ref}
      style={sortable?.style}
      data-activity-id={a.id}
      aria-labelledby={nameId}
      tabIndex={-1}
      className={`rounded-lg border p-4 ${sortable?.dragging ? "shadow-lg ring-2 ring-brand-600 " : ""}${removed ? "border-dashed border-slate-300 bg-slate-50 text-slate-500" : a.override ? "border-amber-300 bg-white" : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="flex items-baseline gap-2">
          {changeable && !editing && sortable?.handle}
          <h3 id={nameId} className={`font-medium ${removed ? "line-through" : ""}`}>
            {a.name}
          </h3>
        </div>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS[a.status].tone}`}>{STATUS[a.status].text}</span>
      </div>
      <p className={`text-sm ${removed ? "line-through" : "text-slate-700"}`}>
        {label(a.setting)} · {label(a.phase)}
        {dose && <> · {dose}</>}
      </p>
      {a.override && (
        <div className={`mt-2 rounded-md border-l-4 px-3 py-2 text-sm ${removed ? "border-slate-400 bg-slate-100 text-slate-600" : "border-amber-500 bg-amber-50 text-amber-950"}`}>
          <p className="font-semibold">
            <span aria-hidden="true">⚠ </span>Contraindication overridden: {a.override.flags.map(label).join(", ")}
          </p>
          <p>Reason: {a.override.reason}</p>
        </div>
      )}
      {a.guidelineOverride && (
        <div className={`mt-2 rounded-md border-l-4 px-3 py-2 text-sm ${removed ? "border-slate-400 bg-slate-100 text-slate-600" : "border-red-500 bg-red-50 text-red-950"}`}>
          <p className="font-semibold">
            <span aria-hidden="true">⚠ </span>Chosen against a guideline&apos;s &ldquo;do not offer&rdquo;
          </p>
          <p>Reason: {a.guidelineOverride.reason}</p>
          {a.guidelineOverride.byName && <p className="text-xs">Given by {a.guidelineOverride.byName}</p>}
        </div>
      )}
      {exerciseFlag && (
        <p className="mt-2 rounded-md border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <span className="font-semibold">No exercise in this plan: </span>
          {exerciseFlag}
        </p>
      )}
      {!removed && <GuidelineStances statements={stances} treatmentName={a.name} />}
      {changeable && !editing && (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" data-action="edit" onClick={() => onAction("edit")} className={small}>
            Edit{hidden}
          </button>
          <button type="button" data-action="toggle" onClick={() => onAction("toggle")} className={small}>
            {a.status === "ACTIVE" ? "Pause" : "Resume"}
            {hidden}
          </button>
          <button type="button" data-action="up" disabled={first} onClick={() => onAction("up")} className={small}>
            <span className="sr-only">Move </span>
            <span aria-hidden="true">↑ </span>Up{hidden}
          </button>
          <button type="button" data-action="down" disabled={last} onClick={() => onAction("down")} className={small}>
            <span className="sr-only">Move </span>
            <span aria-hidden="true">↓ </span>Down{hidden}
          </button>
          <RemoveButton name={a.name} onConfirm={() => onAction("remove")} />
        </div>
      )}
      {editing && children}
      {media}
    </li>
  );
}

/**
 * Remove, after a confirmation in a modal dialog (Esc or Cancel keeps it). Like the shared
 * ConfirmButton, but the button's accessible name says which activity it removes.
 */
function RemoveButton({ name, onConfirm }: { name: string; onConfirm: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button type="button" data-action="remove" onClick={() => dialog.current?.showModal()} className="min-h-11 rounded-md border border-red-300 bg-white px-3 text-sm font-medium text-red-800 hover:bg-red-50">
        Remove<span className="sr-only"> {name}</span>
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40">
        <div className="p-5">
          <h2 id={titleId} className="text-lg font-semibold">Remove {name} from the plan?</h2>
          <p className="mt-2 text-sm text-slate-700">The patient no longer sees it. It stays in the plan&apos;s record as removed; to use it again, add it anew.</p>
          <div className="mt-5 flex justify-end gap-2">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className="min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium">
              Cancel
            </button>
            <button
              type="button"
              onClick={() => {
                dialog.current?.close();
                onConfirm();
              }}
              className="min-h-11 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
            >
              Remove
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
