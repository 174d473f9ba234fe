// Media uploads and serving: what a client may send beside the bytes. Pure.
import { z } from "@/lib/validation/zod";
import { ZId, ZVersion } from "./common";
import { optionalText } from "./fields";
import { IMAGE_FORMATS, IMAGE_WIDTHS } from "./media-limits";

/** Media ids: the 25-character random ids of newId() (124 bits), the only form a media URL has. */
export const ZMediaId = z.string().regex(/^c[a-z0-9]{24}$/, "Invalid id");

/** The text that goes with a picture or video (alt text is required for pictures: the domain checks it). */
export const ZMediaText = z.object({
  altText: optionalText("Alt text", 300),
  caption: optionalText("Step caption", 300),
});
export type TMediaText = z.infer<typeof ZMediaText>;

/** Query of an upload: the text, sent beside the raw body (?altText=…&caption=…). */
export const ZUploadQuery = ZMediaText;

/** The parts of a video beside the video itself (decision 026): its poster image and its captions. */
export const ZVideoPart = z.enum(["poster", "captions"]);
export type TVideoPart = z.infer<typeof ZVideoPart>;

/** Which rendition of a picture (?w=640&f=avif), or which part of a video (?part=poster&w=…, ?part=captions). */
export const ZMediaVariant = z.object({
  part: ZVideoPart.optional(),
  w: z.coerce
    .number()
    .int()
    .refine((w) => (IMAGE_WIDTHS as readonly number[]).includes(w), "Unknown width")
    .optional(),
  f: z.enum(IMAGE_FORMATS).optional(),
});
export type TMediaVariant = z.infer<typeof ZMediaVariant>;

/** An edit of a picture's or video's text, from the version the editor was opened at (alt text: required for a picture, checked in the domain). */
export const ZUpdateMedia = ZMediaText.extend({ mediaId: ZMediaId, version: ZVersion });
export type TUpdateMedia = z.input<typeof ZUpdateMedia>;
/** One place up or down in its list, from the version the list was opened at. */
export const ZMoveMedia = z.object({ mediaId: ZMediaId, version: ZVersion, direction: z.enum(["up", "down"]) });
export type TMoveMedia = z.infer<typeof ZMoveMedia>;
export const ZRemoveMedia = z.object({ mediaId: ZMediaId, confirm: z.literal(true) });
export const ZCatalogItemParams = z.object({ itemId: ZId });
export const ZActivityParams = z.object({ activityId: ZId });
export const ZVideoPartParams = z.object({ mediaId: ZMediaId, part: ZVideoPart });
export const ZRemoveVideoPart = z.object({ mediaId: ZMediaId, part: ZVideoPart, confirm: z.literal(true) });
export type TRemoveVideoPart = z.infer<typeof ZRemoveVideoPart>;
