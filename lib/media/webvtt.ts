// WebVTT captions, validated strictly and written anew (ADR 028). A captions file is text that
// other users' browsers load into a video's track: only what the WebVTT spec's cue syntax allows
// is kept (timings, cue settings, the cue tags <b> <i> <u> <c> <v> <lang> <ruby> <rt> and
// timestamps), and anything that looks like HTML or script is refused with the line it is on.
// The uploaded bytes are never stored: `serializeWebVtt` writes the validated cues. Pure.
import { AppError } from "@/lib/errors";

/** Captions files are small text: a two-hour film's subtitles are around 100 kB. */
export const MAX_CAPTIONS_BYTES = 512 * 1024;
export const MAX_CUES = 5000;
const MAX_LINE_CHARS = 1000;
const MAX_CUE_LINES = 20;

type CueTag =
  | { type: "text"; text: string }
  | { type: "open"; name: "b" | "i" | "u" | "c" | "v" | "lang" | "ruby" | "rt"; classes: string[]; annotation: string | null }
  | { type: "close"; name: string }
  | { type: "timestamp"; ms: number };

export type Cue = { id: string | null; start: number; end: number; settings: string[]; lines: CueTag[][] };

const refuse = (line: number | null, message: string) =>
  new AppError("VALIDATION", line === null ? message : `Line ${line}: ${message}`, { file: [line === null ? message : `Line ${line}: ${message}`] });

// Script schemes and markup that are never captions, whatever tag or annotation they hide in.
// Compared case-insensitively against each line (and again after character references are read).
const FORBIDDEN = [/javascript\s*:/i, /vbscript\s*:/i, /data\s*:\s*text\/html/i, /<\s*\/?\s*(script|img|iframe|object|embed|svg|html|body|style|link|meta|a|div|span|p|br|font|form|input|math|base)\b/i, /\bon[a-z]+\s*=/i];

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

/** Milliseconds of a WebVTT timestamp ("01:02.500", "1:00:00.000" is invalid: hours take two digits or more). */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const hours = m[1] ? Number(m[1]) : 0;
  if (hours > 99) return null;
  return ((hours * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

export function formatTimestamp(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

// Cue settings (WebVTT §4.4): each at most once, values in the forms the spec allows.
const SETTINGS: Record<string, RegExp> = {
  vertical: /^(rl|lr)$/,
  line: /^(-?\d{1,3}|\d{1,3}(\.\d{1,4})?%)(,(start|center|end))?$/,
  position: /^\d{1,3}(\.\d{1,4})?%(,(line-left|center|line-right))?$/,
  size: /^\d{1,3}(\.\d{1,4})?%$/,
  align: /^(start|center|end|left|right)$/,
  region: /^[^\s-][^\s]{0,63}$/,
};

function parseSettings(parts: string[], line: number): string[] {
  const seen = new Set<string>();
  return parts.map((part) => {
    const at = part.indexOf(":");
    const name = at > 0 ? part.slice(0, at) : "";
    const value = part.slice(at + 1);
    const pattern = SETTINGS[name];
    if (!pattern || !pattern.test(value) || value.includes("-->")) throw refuse(line, `"${part.slice(0, 40)}" is not a WebVTT cue setting.`);
    if (seen.has(name)) throw refuse(line, `the cue setting "${name}" is given twice.`);
    seen.add(name);
    return `${name}:${value}`;
  });
}

const CLASS = /^[A-Za-z0-9_-]{1,40}$/;
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,6}$/;
const TAG_NAMES = new Set(["b", "i", "u", "c", "v", "lang", "ruby", "rt"]);

/** One line of cue text, as tokens; a tag outside the WebVTT cue tags is refused. */
function parseCueText(text: string, line: number, cue: { start: number; end: number }): CueTag[] {
  const tokens: CueTag[] = [];
  let at = 0;
  while (at < text.length) {
    const lt = text.indexOf("<", at);
    if (lt === -1) {
      tokens.push({ type: "text", text: text.slice(at) });
      break;
    }
    if (lt > at) tokens.push({ type: "text", text: text.slice(at, lt) });
    const gt = text.indexOf(">", lt);
    if (gt === -1) throw refuse(line, "a tag is not closed with “>” (write “&lt;” for a literal “<”).");
    const inner = text.slice(lt + 1, gt);
    at = gt + 1;
    if (inner.startsWith("/")) {
      const name = inner.slice(1);
      if (!TAG_NAMES.has(name)) throw refuse(line, `<${inner.slice(0, 20)}> is not a WebVTT cue tag; HTML is not allowed in captions.`);
      tokens.push({ type: "close", name });
      continue;
    }
    if (/^\d/.test(inner)) {
      const ms = parseTimestamp(inner);
      if (ms === null) throw refuse(line, `<${inner.slice(0, 20)}> is not a valid timestamp.`);
      if (ms < cue.start || ms > cue.end) throw refuse(line, `the timestamp <${inner}> is outside its cue's time.`);
      tokens.push({ type: "timestamp", ms });
      continue;
    }
    const space = inner.search(/[ \t]/);
    const head = space === -1 ? inner : inner.slice(0, space);
    const annotation = space === -1 ? null : inner.slice(space + 1).trim();
    const [name, ...classes] = head.split(".");
    if (!name || !TAG_NAMES.has(name)) throw refuse(line, `<${head.slice(0, 20)}> is not a WebVTT cue tag; HTML is not allowed in captions.`);
    if (classes.some((c) => !CLASS.test(c))) throw refuse(line, `<${head.slice(0, 40)}> has an invalid class name.`);
    if (name === "lang" && (!annotation || !LANG.test(annotation))) throw refuse(line, "a <lang> tag needs a language tag such as “en” or “fr-CA”.");
    if (annotation !== null && name !== "v" && name !== "lang" && annotation !== "") throw refuse(line, `<${name}> takes no annotation.`);
    if (annotation !== null && (annotation.length > 100 || /[<&"']/.test(annotation))) throw refuse(line, "a voice name may not contain <, &, or quotes.");
    tokens.push({ type: "open", name: name as Extract<CueTag, { type: "open" }>["name"], classes, annotation: annotation || null });
  }
  return tokens;
}

// Character references a cue may use; HTML's others are read as plain text by browsers.
const REFERENCES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&lrm;": "\u200e", "&rlm;": "\u200f", "&nbsp;": "\u00a0" };
const decodeReferences = (text: string) => text.replace(/&(amp|lt|gt|lrm|rlm|nbsp);/g, (m) => REFERENCES[m]!);

/**
 * Reads a WebVTT file: UTF-8 (a leading byte-order mark is dropped), the "WEBVTT" signature,
 * cues with well-formed timings (end after start, starts in order) and only WebVTT cue markup.
 * Comments (NOTE), STYLE and REGION blocks and the header's metadata are dropped.
 */
export function parseWebVtt(bytes: Buffer): Cue[] {
  if (bytes.length === 0) throw refuse(null, "The captions file is empty.");
  if (bytes.length > MAX_CAPTIONS_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Captions files can be at most 512 kB.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw refuse(null, "The captions file is not UTF-8 text. Save it as UTF-8 and try again.");
  }
  if (text.includes("\u0000")) throw refuse(null, "The captions file contains a NUL character; it is not a text file.");
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const first = lines[0]!;
  if (!/^WEBVTT([ \t].*)?$/.test(first) || first.includes("-->")) throw refuse(1, "a WebVTT file starts with “WEBVTT”.");

  lines.forEach((l, i) => {
    if (l.length > MAX_LINE_CHARS) throw refuse(i + 1, `the line is longer than ${MAX_LINE_CHARS} characters.`);
    if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(l)) throw refuse(i + 1, "the line contains a control character.");
    for (const pattern of FORBIDDEN) if (pattern.test(l) || pattern.test(decodeReferences(l))) throw refuse(i + 1, "HTML or script is not allowed in captions.");
  });

  // The header runs to the first blank line.
  let i = 1;
  while (i < lines.length && lines[i] !== "") {
    if (lines[i]!.includes("-->")) throw refuse(i + 1, "a blank line must separate the “WEBVTT” header from the first cue.");
    i++;
  }
  const cues: Cue[] = [];
  let lastStart = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i] === "") i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i] !== "") block.push(lines[i++]!);
    const kind = /^(NOTE|STYLE|REGION)([ \t]|$)/.exec(block[0]!)?.[1];
    if (kind && !block[0]!.includes("-->")) {
      if (block.some((l) => l.includes("-->"))) throw refuse(blockStart + 1, `a ${kind} block cannot contain “-->”; leave a blank line before the next cue.`);
      continue;
    }
    let n = 0;
    let id: string | null = null;
    if (!block[0]!.includes("-->")) {
      id = block[0]!.trim();
      n = 1;
      if (id.length > 200) throw refuse(blockStart + 1, "a cue identifier is at most 200 characters.");
      // A timing line that lost its arrow would otherwise be read as an identifier.
      if (/^\d{2,}:\d{2}[:.]/.test(id)) throw refuse(blockStart + 1, "the cue timing must read “00:00:01.000 --> 00:00:04.000”.");
    }
    const timingLine = block[n];
    const lineNo = blockStart + n + 1;
    if (timingLine === undefined) throw refuse(blockStart + 1, "a cue needs a timing line such as “00:00:01.000 --> 00:00:04.000”.");
    const m = /^(\S+)[ \t]+-->[ \t]+(\S+)((?:[ \t]+\S+)*)[ \t]*$/.exec(timingLine);
    if (!m) throw refuse(lineNo, "the cue timing must read “00:00:01.000 --> 00:00:04.000”.");
    const start = parseTimestamp(m[1]!);
    const end = parseTimestamp(m[2]!);
    if (start === null) throw refuse(lineNo, `“${m[1]!.slice(0, 20)}” is not a valid start time (mm:ss.ttt or hh:mm:ss.ttt).`);
    if (end === null) throw refuse(lineNo, `“${m[2]!.slice(0, 20)}” is not a valid end time (mm:ss.ttt or hh:mm:ss.ttt).`);
    if (end <= start) throw refuse(lineNo, "the cue ends before it starts.");
    if (start < lastStart) throw refuse(lineNo, "cues must be in order of their start times.");
    lastStart = start;
    const settings = parseSettings(m[3]!.trim() === "" ? [] : m[3]!.trim().split(/[ \t]+/), lineNo);
    const payload = block.slice(n + 1);
    if (payload.length > MAX_CUE_LINES) throw refuse(lineNo, `a cue has at most ${MAX_CUE_LINES} lines of text.`);
    const parsed = payload.map((l, k) => {
      if (l.includes("-->")) throw refuse(lineNo + 1 + k, "cue text cannot contain “-->”; leave a blank line between cues.");
      return parseCueText(l, lineNo + 1 + k, { start, end });
    });
    cues.push({ id, start, end, settings, lines: parsed });
    if (cues.length > MAX_CUES) throw refuse(lineNo, `a captions file has at most ${MAX_CUES} cues.`);
  }
  if (cues.length === 0) throw refuse(null, "The captions file has no cues.");
  return cues;
}

function serializeTag(token: CueTag): string {
  switch (token.type) {
    case "text":
      return token.text;
    case "timestamp":
      return `<${formatTimestamp(token.ms)}>`;
    case "close":
      return `</${token.name}>`;
    case "open":
      return `<${[token.name, ...token.classes].join(".")}${token.annotation ? ` ${token.annotation}` : ""}>`;
  }
}

/** The cues as a WebVTT file: signature, then each cue (identifier, timing and settings, text). */
export function serializeWebVtt(cues: Cue[]): string {
  const blocks = cues.map((cue) => {
    const timing = `${formatTimestamp(cue.start)} --> ${formatTimestamp(cue.end)}${cue.settings.length ? ` ${cue.settings.join(" ")}` : ""}`;
    return [...(cue.id ? [cue.id] : []), timing, ...cue.lines.map((tokens) => tokens.map(serializeTag).join(""))].join("\n");
  });
  return `WEBVTT\n\n${blocks.join("\n\n")}\n`;
}

/** Validates an uploaded captions file and returns the file to store, written anew. */
export function sanitizeWebVtt(bytes: Buffer): string {
  return serializeWebVtt(parseWebVtt(bytes));
}
