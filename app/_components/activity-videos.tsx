// An activity's videos (decision 026): the browser's own player, nothing downloaded until the
// patient presses play (preload="none"), the uploader's poster image, WebVTT captions on by
// default when the video has them, full width on a phone, the step caption below. Server-rendered:
// no client JavaScript. Every URL is the app's own authorized media route.
import type { MediaDto } from "@/lib/domain/media/dto";

export function ActivityVideos({ media }: { media: MediaDto[] | undefined }) {
  if (!media || media.length === 0) return null;
  return (
    <ul className="mt-2 space-y-3" aria-label="Videos">
      {media.map((m) => {
        const posterWidth = m.poster?.widths[m.poster.widths.length - 1];
        return (
          <li key={m.id}>
            <figure>
              <video
                controls
                preload="none"
                playsInline
                poster={m.poster ? `${m.poster.url}&w=640&f=webp` : undefined}
                // The poster's proportions, so the page does not jump when it loads.
                width={posterWidth}
                height={m.poster?.height ?? undefined}
                aria-label={m.altText ?? undefined}
                className="h-auto w-full rounded-md border border-slate-200 bg-slate-900"
              >
                <source src={m.url} type={m.contentType} />
                {m.captionsUrl && <track kind="captions" src={m.captionsUrl} srcLang="en" label="English" default />}
                <a href={m.url} className="underline">
                  Open the video
                </a>
              </video>
              {m.caption && <figcaption className="mt-1 text-sm text-slate-700">{m.caption}</figcaption>}
            </figure>
          </li>
        );
      })}
    </ul>
  );
}
