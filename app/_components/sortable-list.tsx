"use client";

// Drag-and-drop reordering for staff pages (the plan page and the template editor, ADR 040), with
// @dnd-kit's keyboard path: focus a row's handle, Space or Enter to pick it up, the arrow keys to
// move it, Space or Enter to drop, Escape to cancel; every step is announced by name. The rows'
// own Up/Down buttons stay as the simplest keyboard path. Never import this from a patient page:
// @dnd-kit is kept out of their JavaScript budget.
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { type CSSProperties, type ReactNode, type Ref } from "react";

export type SortableRowProps = {
  /** Goes on the row element (the `li`). */
  ref: Ref<HTMLLIElement>;
  style: CSSProperties;
  dragging: boolean;
  /** The drag handle, to place inside the row. */
  handle: ReactNode;
};

type ListProps = {
  ids: string[];
  /** The row's name, for the handle's label and the screen-reader announcements. */
  nameOf: (id: string) => string;
  /** Called once per drop that changed the order: the row and its new index, from 0. */
  onMove: (id: string, toIndex: number) => void;
  disabled?: boolean;
  children: ReactNode;
};

export function SortableList({ ids, nameOf, onMove, disabled = false, children }: ListProps) {
  const sensors = useSensors(
    // A click on the handle is not a drag: the pointer must travel a few pixels first.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const place = (id: UniqueIdentifier | undefined) => (id === undefined ? 0 : ids.indexOf(String(id)) + 1);
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(String(active.id))}, place ${place(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(String(active.id))} is over place ${place(over.id)} of ${ids.length}.` : `${nameOf(String(active.id))} is outside the list.`),
    onDragEnd: ({ active, over }) => (over ? `${nameOf(String(active.id))} dropped at place ${place(over.id)} of ${ids.length}.` : `${nameOf(String(active.id))} dropped back.`),
    onDragCancel: ({ active }) => `Cancelled: ${nameOf(String(active.id))} stays at place ${place(active.id)}.`,
  };
  const end = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const to = ids.indexOf(String(over.id));
    if (to !== -1) onMove(String(active.id), to);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={end}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: "To reorder, press Space or Enter to pick the item up, the up and down arrow keys to move it, Space or Enter to drop it, or Escape to cancel.",
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={disabled}>
        {children}
      </SortableContext>
    </DndContext>
  );
}

/** One sortable row: renders `children` with the ref, style and handle to put on and in the row. */
export function SortableRow({ id, name, disabled = false, children }: { id: string; name: string; disabled?: boolean; children: (row: SortableRowProps) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled });
  const handle = disabled ? null : (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Reorder ${name}`}
      data-action="drag"
      className="inline-flex min-h-11 min-w-11 cursor-grab touch-none items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 active:cursor-grabbing"
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
  return children({
    ref: setNodeRef,
    style: { transform: CSS.Translate.toString(transform), transition, position: "relative", zIndex: isDragging ? 10 : undefined },
    dragging: isDragging,
    handle,
  });
}
