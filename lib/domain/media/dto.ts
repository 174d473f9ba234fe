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
};

type MediaRow = { id: string; kind: MediaKind; position: number; altText: string | null; caption: string | null; widths: number[]; height: number | null; contentType: string };

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
  };
}

export const MEDIA_SELECT = { id: true, kind: true, position: true, altText: true, caption: true, widths: true, height: true, contentType: true } as const;
