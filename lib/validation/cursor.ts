// Opaque keyset cursors for the /api/v1 lists (decision 048): base64url of the JSON array
// [list, sortKey, id], where sortKey is the ISO instant of the row's sort column and id its id.
// The list tag makes a cursor of one list useless on another; the client never reads inside.

export type CursorList = "patients" | "plans" | "sessions" | "outcomes";
export type Cursor = { sortKey: string; id: string };

const ID = /^c[a-z0-9]{20,31}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(list: CursorList, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([list, cursor.sortKey, cursor.id]), "utf8").toString("base64url");
}

/** The cursor, or null when the text is not a cursor this list issued (the caller answers 400). */
export function decodeCursor(list: CursorList, text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [tag, sortKey, id] = value as unknown[];
  if (tag !== list || typeof sortKey !== "string" || typeof id !== "string") return null;
  if (!INSTANT.test(sortKey) || Number.isNaN(Date.parse(sortKey)) || new Date(sortKey).toISOString() !== sortKey) return null;
  if (!ID.test(id)) return null;
  return { sortKey, id };
}
