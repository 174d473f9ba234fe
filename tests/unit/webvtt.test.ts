// Captions files (WebVTT): what is accepted and written anew, and what is refused with the line.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { formatTimestamp, MAX_CAPTIONS_BYTES, parseTimestamp, parseWebVtt, sanitizeWebVtt } from "@/lib/media/webvtt";

const vtt = (text: string) => Buffer.from(text, "utf8");

function refusal(text: string | Buffer): AppError {
  try {
    sanitizeWebVtt(typeof text === "string" ? vtt(text) : text);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

const VALID = `WEBVTT - exercise captions
Kind: captions

NOTE written by the clinic

STYLE
::cue { color: yellow }

intro
00:00.000 --> 00:02.500
Lie on your <b>back</b>, knees bent.

00:00:02.500 --> 00:00:06.000 align:start line:90% position:10%,line-left size:80%
<v.coach Physio>Lift your hips</v> <i>slowly</i>.
<c.yellow>Hold</c> for <00:00:04.000>three seconds &amp; breathe.

00:06.000 --> 00:08.000
<lang fr-CA>Redescendez</lang> <ruby>膝<rt>ひざ</rt></ruby> <u>doucement</u>.
`;

describe("WebVTT captions", () => {
  it("accepts a valid file and writes the cues anew: header metadata, notes and styles dropped, timings normalised", () => {
    const out = sanitizeWebVtt(vtt(VALID));
    expect(out).toBe(
      [
        "WEBVTT",
        "",
        "intro",
        "00:00:00.000 --> 00:00:02.500",
        "Lie on your <b>back</b>, knees bent.",
        "",
        "00:00:02.500 --> 00:00:06.000 align:start line:90% position:10%,line-left size:80%",
        "<v.coach Physio>Lift your hips</v> <i>slowly</i>.",
        "<c.yellow>Hold</c> for <00:00:04.000>three seconds &amp; breathe.",
        "",
        "00:00:06.000 --> 00:00:08.000",
        "<lang fr-CA>Redescendez</lang> <ruby>膝<rt>ひざ</rt></ruby> <u>doucement</u>.",
        "",
      ].join("\n"),
    );
    expect(out).not.toMatch(/NOTE|STYLE|Kind:|color/);
    // What it writes, it reads back the same.
    expect(sanitizeWebVtt(vtt(out))).toBe(out);
    expect(parseWebVtt(vtt(out))).toHaveLength(3);
  });

  it("drops a UTF-8 byte-order mark and reads CRLF and CR line endings", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), vtt("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHello\r\n")]);
    expect(sanitizeWebVtt(withBom)).toBe("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n");
    expect(sanitizeWebVtt(vtt("WEBVTT\r\r00:01.000 --> 00:02.000\rHello\r"))).toBe("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n");
  });

  it("refuses a file that is not UTF-8, or that has a NUL", () => {
    expect(refusal(Buffer.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0x0a, 0xff, 0xfe])).message).toMatch(/not UTF-8/);
    expect(refusal(Buffer.from([0xfe, 0xff, 0x00, 0x57])).message).toMatch(/not UTF-8|NUL/);
    expect(refusal("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\u0000there\n").message).toMatch(/NUL/);
  });

  it("refuses an empty file, one without the signature, and one without cues", () => {
    expect(refusal("").message).toBe("The captions file is empty.");
    expect(refusal("1\n00:00:01,000 --> 00:00:02,000\nAn SRT file\n").message).toBe("Line 1: a WebVTT file starts with “WEBVTT”.");
    expect(refusal("WEBVTTX\n").message).toMatch(/^Line 1/);
    expect(refusal("WEBVTT\n\nNOTE only a comment\n").message).toBe("The captions file has no cues.");
    expect(refusal("WEBVTT\n").status).toBe(422);
  });

  it.each([
    ["a comma before the milliseconds (SRT style)", "00:00:01,000 --> 00:00:02,000", /not a valid start time/],
    ["minutes past 59", "00:61.000 --> 01:02:00.000", /not a valid start time/],
    ["a one-digit hour", "0:00:01.000 --> 0:00:02.000", /not a valid start time/],
    ["two-digit milliseconds", "00:01.00 --> 00:02.000", /not a valid start time/],
    ["a bad end time", "00:01.000 --> soon", /not a valid end time/],
    ["no arrow", "00:01.000 00:02.000", /cue timing must read/],
    ["an end before the start", "00:05.000 --> 00:04.000", /ends before it starts/],
    ["an end equal to the start", "00:05.000 --> 00:05.000", /ends before it starts/],
    ["an unknown setting", "00:01.000 --> 00:02.000 colour:red", /not a WebVTT cue setting/],
    ["a setting twice", "00:01.000 --> 00:02.000 align:start align:end", /given twice/],
  ])("refuses %s, naming the line", (_name, timing, message) => {
    const error = refusal(`WEBVTT\n\n${timing}\nText\n`);
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toMatch(/^Line 3: /);
    expect(error.message).toMatch(message);
  });

  it("refuses cues out of order and a timestamp tag outside its cue", () => {
    expect(refusal("WEBVTT\n\n00:05.000 --> 00:06.000\nB\n\n00:01.000 --> 00:02.000\nA\n").message).toBe("Line 6: cues must be in order of their start times.");
    expect(refusal("WEBVTT\n\n00:01.000 --> 00:02.000\nA <00:00:03.000>late\n").message).toMatch(/^Line 4: the timestamp/);
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["an image with an onerror handler", '<img src=x onerror="alert(1)">'],
    ["an HTML link", '<a href="https://evil.example">click</a>'],
    ["a javascript: URL in text", "see javascript:alert(1)"],
    ["a javascript: URL in a voice name", "<v javascript:alert(1)>Hi</v>"],
    ["escaped markup", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["an iframe", "<iframe src=//evil.example>"],
    ["an SVG", "<svg onload=alert(1)>"],
    ["a style tag", "<style>body{}</style>"],
    ["an unknown tag", "<blink>now</blink>"],
    ["an unclosed tag", "<b oops"],
    ["a class with markup", '<c.x"y>z</c>'],
    ["a <lang> without a language", "<lang>x</lang>"],
    ["an annotation on <b>", "<b bold>x</b>"],
  ])("refuses %s with 422 and the line", (_name, text) => {
    const error = refusal(`WEBVTT\n\n00:01.000 --> 00:02.000\nFine first line\n${text}\n`);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/^Line 5: /);
  });

  it("refuses markup in the header and in an identifier too", () => {
    expect(refusal("WEBVTT <script>\n\n00:01.000 --> 00:02.000\nA\n").message).toMatch(/^Line 1: HTML or script/);
    expect(refusal("WEBVTT\n\n<img src=x>\n00:01.000 --> 00:02.000\nA\n").message).toMatch(/^Line 3: HTML or script/);
  });

  it("refuses a cue arrow in a comment or in cue text (a missing blank line)", () => {
    expect(refusal("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:02.000 --> 00:03.000\nB\n").message).toMatch(/^Line 5: cue text cannot contain/);
    expect(refusal("WEBVTT\n\nNOTE x\n00:01.000 --> 00:02.000\nA\n").message).toMatch(/^Line 3: a NOTE block/);
  });

  it("refuses a file over 512 kB, too many cues and overlong lines", () => {
    const huge = Buffer.concat([vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n"), Buffer.alloc(MAX_CAPTIONS_BYTES, "a")]);
    const tooBig = refusal(huge);
    expect(tooBig.code).toBe("PAYLOAD_TOO_LARGE");
    expect(tooBig.status).toBe(413);
    const many = Array.from({ length: 5001 }, (_, i) => `${formatTimestamp(i * 1000)} --> ${formatTimestamp(i * 1000 + 500)}\nx`).join("\n\n");
    expect(refusal(`WEBVTT\n\n${many}\n`).message).toMatch(/at most 5000 cues/);
    expect(refusal(`WEBVTT\n\n00:01.000 --> 00:02.000\n${"a".repeat(1001)}\n`).message).toMatch(/^Line 4: the line is longer/);
  });

  it("reads and writes timestamps", () => {
    expect(parseTimestamp("01:02.345")).toBe(62_345);
    expect(parseTimestamp("10:00:00.000")).toBe(36_000_000);
    expect(parseTimestamp("1:02.345")).toBeNull();
    expect(formatTimestamp(3_723_004)).toBe("01:02:03.004");
  });
});
