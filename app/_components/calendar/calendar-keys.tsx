"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";

/**
 * Keyboard movement in the clinic calendar (decision 038), a roving tab stop over its sessions:
 * Tab enters at one session, ↑/↓ move through a column by time, ←/→ to the nearest session of
 * the previous/next column (clinician in the day view, day in the week view), Home/End to the
 * first/last session, Page Up/Page Down to the previous/next day or week.
 */
export function CalendarKeys({ label, describedBy, prevHref, nextHref, children }: { label: string; describedBy: string; prevHref: string; nextHref: string; children: React.ReactNode }) {
  const router = useRouter();
  const ref = useRef<HTMLDivElement>(null);

  function items(): HTMLElement[] {
    return [...(ref.current?.querySelectorAll<HTMLElement>("[data-cal-item]") ?? [])];
  }

  /** The one session Tab stops at: the last one focused. */
  function makeTabStop(target: HTMLElement) {
    for (const item of items()) item.tabIndex = item === target ? 0 : -1;
  }

  function focusItem(target: HTMLElement | undefined) {
    if (!target) return;
    makeTabStop(target);
    target.focus();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "PageUp" || event.key === "PageDown") {
      event.preventDefault();
      router.push(event.key === "PageUp" ? prevHref : nextHref);
      return;
    }
    const current = (event.target as HTMLElement).closest<HTMLElement>("[data-cal-item]");
    if (!current) return;
    const all = items();
    const col = (el: HTMLElement) => Number(el.dataset.calCol);
    const order = (el: HTMLElement) => Number(el.dataset.calOrder);
    const sameCol = all.filter((el) => col(el) === col(current)).sort((a, b) => order(a) - order(b));
    const at = sameCol.indexOf(current);
    let target: HTMLElement | undefined;
    switch (event.key) {
      case "ArrowUp":
        target = sameCol[at - 1];
        break;
      case "ArrowDown":
        target = sameCol[at + 1];
        break;
      case "ArrowLeft":
      case "ArrowRight": {
        const step = event.key === "ArrowLeft" ? -1 : 1;
        const cols = [...new Set(all.map(col))].sort((a, b) => a - b);
        const next = cols[cols.indexOf(col(current)) + step];
        if (next !== undefined) {
          target = all.filter((el) => col(el) === next).reduce<HTMLElement | undefined>((best, el) => (!best || Math.abs(order(el) - order(current)) < Math.abs(order(best) - order(current)) ? el : best), undefined);
        }
        break;
      }
      case "Home":
        target = all[0];
        break;
      case "End":
        target = all[all.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    focusItem(target);
  }

  return (
    <div ref={ref} role="region" aria-label={label} aria-describedby={describedBy} onKeyDown={onKeyDown} onFocus={(e) => {
        if (e.target.matches("[data-cal-item]")) makeTabStop(e.target);
      }}>
      {children}
    </div>
  );
}
