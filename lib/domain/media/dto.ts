import "server-only";
import type { MediaKind } from "@/lib/db/generated/enums";

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
};

type MediaRow = { id: string; kind: MediaKind; position: number; altText: string | null; caption: string | null; widths: number[]; height: number | null; contentType: string; version: number };

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
  };
}

export const MEDIA_SELECT = { id: true, kind: true, position: true, altText: true, caption: true, widths: true, height: true, contentType: true, version: true } as const;
