// The patient's video player (app/_components/activity-videos.tsx, decision 026), rendered to HTML:
// preload="none", the poster rendition, the source's type, captions on by default when there are
// some, the step caption as figcaption; nothing at all without videos.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ActivityVideos } from "@/app/_components/activity-videos";
import type { MediaDto } from "@/lib/domain/media/dto";

const ID = `c${"a".repeat(24)}`;
const video = (extra: Partial<MediaDto> = {}): MediaDto => ({
  id: ID,
  kind: "VIDEO",
  position: 1,
  altText: null,
  caption: "Bridging, from the side",
  widths: [],
  height: null,
  contentType: "video/webm",
  url: `/api/v1/media/${ID}`,
  version: 3,
  poster: null,
  captionsUrl: null,
  ...extra,
});
const render = (media: MediaDto[] | undefined) => renderToStaticMarkup(createElement(ActivityVideos, { media }));

describe("ActivityVideos", () => {
  it("renders the player with its poster, source type, captions track and step caption", () => {
    const html = render([video({ poster: { url: `/api/v1/media/${ID}?part=poster&v=3`, widths: [320, 640, 900], height: 1600 }, captionsUrl: `/api/v1/media/${ID}?part=captions&v=3` })]);
    expect(html).toMatch(/<video controls="" preload="none" playsInline="" poster="\/api\/v1\/media\/ca{24}\?part=poster&amp;v=3&amp;w=640&amp;f=webp" width="900" height="1600"/);
    expect(html).toContain(`<source src="/api/v1/media/${ID}" type="video/webm"/>`);
    expect(html).toContain(`<track kind="captions" src="/api/v1/media/${ID}?part=captions&amp;v=3" srcLang="en" label="English" default=""/>`);
    expect(html).toContain("<figcaption");
    expect(html).toContain("Bridging, from the side</figcaption>");
  });

  it("goes without poster and track when the video has none", () => {
    const html = render([video({ caption: null })]);
    expect(html).toContain('preload="none"');
    expect(html).not.toContain("poster=");
    expect(html).not.toContain("<track");
    expect(html).not.toContain("<figcaption");
  });

  it("renders nothing without videos", () => {
    expect(render(undefined)).toBe("");
    expect(render([])).toBe("");
  });
});
