"use client";
// Tap a picture to see it large (decision 029). The pictures are server-rendered links to their
// 1280 px rendition (so without JavaScript a tap opens the picture itself); this component turns
// a tap on one of them into a native modal <dialog>: swipe left/right or the arrow keys move
// between this activity's pictures, Escape or Close closes it and focus goes back to the picture
// tapped. No library: a few hundred bytes of script on the patient pages.
import { useEffect, useRef, useState } from "react";

export type LightboxPicture = { src: string; srcSet: string; alt: string; caption: string | null };

const SWIPE = 40; // px of horizontal travel that counts as a swipe

export function PictureLightbox({ pictures, children }: { pictures: LightboxPicture[]; children: React.ReactNode }) {
  const group = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const start = useRef<number | null>(null);
  const [index, setIndex] = useState<number | null>(null);

  useEffect(() => {
    const root = group.current;
    if (!root) return;
    function onClick(event: MouseEvent) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-lightbox]");
      if (!link || !root!.contains(link)) return;
      event.preventDefault();
      opener.current = link;
      setIndex(Number(link.dataset.lightbox));
    }
    root.addEventListener("click", onClick);
    return () => root.removeEventListener("click", onClick);
  }, []);

  useEffect(() => {
    if (index !== null && !dialog.current?.open) dialog.current?.showModal();
  }, [index]);

  const count = pictures.length;
  const go = (step: number) => setIndex((i) => (i === null ? i : (i + step + count) % count));
  const shown = index === null ? null : pictures[index];

  return (
    <div ref={group}>
      {children}
      <dialog
        ref={dialog}
        aria-label="Enlarged picture"
        onClose={() => {
          setIndex(null);
          opener.current?.focus();
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowRight") go(1);
          else if (e.key === "ArrowLeft") go(-1);
        }}
        className="m-auto max-h-[calc(100dvh-1rem)] w-[min(60rem,calc(100vw-1rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/80"
      >
        {shown && (
          <div className="p-3">
            <div className="flex items-center justify-between gap-2">
              <p aria-live="polite" className="text-sm font-medium">
                {index! + 1} of {count}
              </p>
              <button type="button" autoFocus onClick={() => dialog.current?.close()} className="min-h-11 rounded-md border border-slate-300 px-4 text-sm font-medium">
                Close
              </button>
            </div>
            <figure className="mt-2">
              {/* A plain img: the app's own authorized route serves it. touch-action lets a horizontal swipe reach the pointer handlers. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img
                src={shown.src}
                srcSet={shown.srcSet}
                sizes="(min-width: 960px) 960px, 100vw"
                alt={shown.alt}
                draggable={false}
                onPointerDown={(e) => (start.current = e.clientX)}
                onPointerUp={(e) => {
                  const dx = start.current === null ? 0 : e.clientX - start.current;
                  start.current = null;
                  if (Math.abs(dx) >= SWIPE && count > 1) go(dx < 0 ? 1 : -1);
                }}
                onPointerCancel={() => (start.current = null)}
                className="mx-auto max-h-[calc(100dvh-10rem)] w-auto touch-pan-y select-none rounded-md bg-slate-50"
              />
              {shown.caption && <figcaption className="mt-2 text-slate-800">{shown.caption}</figcaption>}
            </figure>
            {count > 1 && (
              <div className="mt-3 flex justify-between gap-2">
                <button type="button" onClick={() => go(-1)} className="min-h-11 rounded-md border border-slate-300 px-4 text-sm font-medium">
                  <span aria-hidden="true">← </span>Previous picture
                </button>
                <button type="button" onClick={() => go(1)} className="min-h-11 rounded-md border border-slate-300 px-4 text-sm font-medium">
                  Next picture<span aria-hidden="true"> →</span>
                </button>
              </div>
            )}
          </div>
        )}
      </dialog>
    </div>
  );
}
