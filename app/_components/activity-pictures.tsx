// An activity's step pictures: every rendition width in srcset (WebP, AVIF where the browser
// takes it), lazy, with the alt text and the step caption. Each picture is a link to its largest
// rendition (a tap opens it, even without JavaScript); PictureLightbox turns that tap into a
// modal viewer of this activity's pictures with swipe and arrow keys (decision 029).
import type { MediaDto } from "@/lib/domain/media/dto";
import { IMAGE_WIDTHS } from "@/lib/validation/media-limits";
import { PictureLightbox, type LightboxPicture } from "./picture-lightbox";

// The served widths of a picture are its renditions in order; each is asked for by the target
// width it was made for (the route serves the largest rendition not above the asked width).
function srcSet(media: MediaDto, format: "webp" | "avif"): string {
  return media.widths.map((w, i) => `${media.url}?w=${IMAGE_WIDTHS[i] ?? IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]}&f=${format} ${w}w`).join(", ");
}

const SIZES = "(min-width: 640px) 300px, 45vw";
const LARGEST = IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1];

export function ActivityPictures({ media }: { media: MediaDto[] | undefined }) {
  if (!media || media.length === 0) return null;
  const large: LightboxPicture[] = media.map((m) => ({ src: `${m.url}?w=${LARGEST}&f=webp`, srcSet: srcSet(m, "webp"), alt: m.altText ?? "", caption: m.caption }));
  return (
    <PictureLightbox pictures={large}>
      <ul className="mt-2 grid grid-cols-2 gap-2" aria-label="Pictures">
        {media.map((m, i) => {
          const width = m.widths[m.widths.length - 1] ?? 640;
          return (
            <li key={m.id}>
              <figure>
                <a href={large[i]!.src} data-lightbox={i} className="block rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
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
                  <span className="sr-only"> (enlarge)</span>
                </a>
                {m.caption && <figcaption className="mt-1 text-sm text-slate-700">{m.caption}</figcaption>}
              </figure>
            </li>
          );
        })}
      </ul>
    </PictureLightbox>
  );
}
