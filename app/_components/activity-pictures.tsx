// An activity's step pictures: every rendition width in srcset (WebP, AVIF where the browser
// takes it), lazy, with the alt text and the step caption. No client JavaScript.
import type { MediaDto } from "@/lib/domain/media/dto";
import { IMAGE_WIDTHS } from "@/lib/validation/media-limits";

// The served widths of a picture are its renditions in order; each is asked for by the target
// width it was made for (the route serves the largest rendition not above the asked width).
function srcSet(media: MediaDto, format: "webp" | "avif"): string {
  return media.widths.map((w, i) => `${media.url}?w=${IMAGE_WIDTHS[i] ?? IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]}&f=${format} ${w}w`).join(", ");
}

const SIZES = "(min-width: 640px) 300px, 45vw";

export function ActivityPictures({ media }: { media: MediaDto[] | undefined }) {
  if (!media || media.length === 0) return null;
  return (
    <ul className="mt-2 grid grid-cols-2 gap-2" aria-label="Pictures">
      {media.map((m) => {
        const width = m.widths[m.widths.length - 1] ?? 640;
        return (
          <li key={m.id}>
            <figure>
              <picture>
                <source type="image/avif" srcSet={srcSet(m, "avif")} sizes={SIZES} />
                {/* A plain img: the app's own authorized route serves it; next/image's optimizer would fetch it without the user's session. */}
                <img
                  src={`${m.url}?w=640&f=webp`}
                  srcSet={srcSet(m, "webp")}
                  sizes={SIZES}
                  alt={m.altText ?? ""}
                  loading="lazy"
                  decoding="async"
                  width={width}
                  height={m.height ?? undefined}
                  className="h-auto w-full rounded-md border border-slate-200 bg-slate-50"
                />
              </picture>
              {m.caption && <figcaption className="mt-1 text-sm text-slate-700">{m.caption}</figcaption>}
            </figure>
          </li>
        );
      })}
    </ul>
  );
}
