// Pure (no "server-only"): the benchmark's ceiling shapes the rows of lib/db/statements/media.ts
// with these functions too (decision 054).
import type { MediaKind } from "@/lib/db/generated/enums";
import type { RowOf } from "@/lib/db/statements/define";
import type { planActivityMedia } from "@/lib/db/statements/media";

/** A picture or video as pages show it: the URL is the one serving route, authorized per request. */
export type MediaDto = {
  id: string;
  kind: MediaKind;
  position: number;
  altText: string | null;
  caption: string | null;
  /** The widths a picture is served at (srcset); empty for a video. */
  widths: number[];
  height: number | null;
  contentType: string;
  url: string;
  /** Optimistic concurrency of reorder and text edits (decision 029). */
  version: number;
  /**
   * A video's poster image (decision 026): its URL (append `&w=…&f=…`) and served widths; null
   * when it has none (and for a picture). The version in the URL changes whenever the row does,
   * so a replaced poster is never answered from the browser's cache.
   */
  poster: { url: string; widths: number[]; height: number | null } | null;
  /** A video's WebVTT captions (text/vtt), or null. */
  captionsUrl: string | null;
};

/** A picture's or video's row, as lib/db/statements/media.ts declares it (and MEDIA_SELECT selects). */
export type MediaRow = Omit<RowOf<typeof planActivityMedia>, "activityId">;

export function toMediaDto(row: MediaRow): MediaDto {
  return {
    id: row.id,
    kind: row.kind,
    position: row.position,
    altText: row.altText,
    caption: row.caption,
    widths: row.widths,
    height: row.height,
    contentType: row.contentType,
    url: `/api/v1/media/${row.id}`,
    version: row.version,
    poster: row.kind === "VIDEO" && row.posterWidths.length > 0 ? { url: `/api/v1/media/${row.id}?part=poster&v=${row.version}`, widths: row.posterWidths, height: row.posterHeight } : null,
    captionsUrl: row.kind === "VIDEO" && row.captionsKey ? `/api/v1/media/${row.id}?part=captions&v=${row.version}` : null,
  };
}

export const MEDIA_SELECT = { id: true, kind: true, position: true, altText: true, caption: true, widths: true, height: true, contentType: true, version: true, posterWidths: true, posterHeight: true, captionsKey: true } as const;

export type PlanActivityMedia = {
  /** Step pictures by activity id. */
  pictures: Record<string, MediaDto[]>;
  /** Videos (with their poster and captions, decision 026) by activity id. */
  videos: Record<string, MediaDto[]>;
};

/** A plan's media rows (lib/db/statements/media.ts planActivityMedia), by kind and activity, in the rows' order. */
export function mediaByActivity(rows: readonly (MediaRow & { activityId: string })[]): PlanActivityMedia {
  const result: PlanActivityMedia = { pictures: {}, videos: {} };
  for (const row of rows) {
    const media = toMediaDto(row);
    const byKind = media.kind === "IMAGE" ? result.pictures : media.kind === "VIDEO" ? result.videos : null;
    if (byKind) (byKind[row.activityId] ??= []).push(media);
  }
  return result;
}
