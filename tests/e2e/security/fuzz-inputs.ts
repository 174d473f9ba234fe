// Malformed inputs for the fuzz spec, derived from a valid input: every leaf of the input gets
// the wrong type, goes missing, or (strings) becomes huge, NUL-laden, an ill-formed UTF-16 string
// or a React Flight reference; ids become impossible ids; numbers become out-of-range ones. Whole
// bodies are malformed JSON, arrays instead of objects, over the body limit, deeply nested.

export type Variant = {
  name: string;
  body: string;
  /** The leaf a per-leaf variant changes (anonymous callers get only the whole-input variants). */
  leaf?: string;
  /**
   * Next.js may answer before the app runs (decision 016): a body React cannot decode, one over
   * the 1 MB limit, nesting deeper than its decoder's recursion, a Flight reference to nothing.
   */
  nextMayRefuse?: boolean;
};

type Path = (string | number)[];
type Leaf = { path: Path; value: unknown };

const ID = /^c[a-z0-9]{20,31}$/;
export const ONE_MB_STRING = "x".repeat(1_000_000);
const OVER_LIMIT_PADDING = "y".repeat(2_100_000);

const BAD_IDS = ["not-an-id", "' OR '1'='1' --", `c${"0".repeat(24)}`, `c${"a".repeat(400)}`];
const EXOTIC = "RTL override, zero-width and emoji";
const BAD_STRINGS: [string, string][] = [
  ["NUL byte", "nul\u0000byte"],
  ["lone surrogate", "lone\ud800surrogate"],
  [EXOTIC, "\u202egnp.exe\u200b🙂Ω≈ç√"],
];
const BAD_NUMBERS = [-1, 0.5, 2_147_483_648, 1e308];
/**
 * Boundary dates (decision 020): outside the app's 1900–2200 range (year 0, 9999), the Unix and
 * 32-bit time edges (valid, so accepted and undone where a form takes them), expanded years a
 * Date reads but YYYY-MM-DD does not, the last day a Date holds, and a day no calendar has.
 */
export const BOUNDARY_DATES = ["0000-01-01", "9999-12-31", "1969-12-31", "2038-01-19", "-000001-01-01", "275760-09-13", "2026-02-30"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FLIGHT_REFERENCES = ["$Q1", "$@7", "$K1", "$F1", "$h1", "$1", "$0:constructor:constructor", "$T"];

/** Leaves of a JSON value (arrays through their first element; an array is also a leaf itself). */
function leaves(value: unknown, path: Path = []): Leaf[] {
  if (Array.isArray(value)) {
    return [{ path, value }, ...(value.length > 0 ? leaves(value[0], [...path, 0]) : [])];
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return path.length > 0 ? [{ path, value }] : [];
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

function deleteAt(root: unknown, path: Path): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  delete node[path.at(-1)!];
  return copy;
}

function wrongType(value: unknown): unknown {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "twelve";
  if (typeof value === "boolean") return "yes";
  if (value === null) return { unexpected: true };
  if (Array.isArray(value)) return { 0: "not an array" };
  return "not an object";
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const args = (input: unknown) => JSON.stringify([input]);

/** Per-leaf and whole-input variants of a valid input for one server action. */
export function actionVariants(base: unknown): Variant[] {
  const out: Variant[] = [];
  let firstText = true;
  for (const { path, value } of leaves(base)) {
    const at = path.join(".");
    out.push({ name: `wrong type ${at}`, leaf: at, body: args(setAt(base, path, wrongType(value))) });
    if (typeof path.at(-1) === "string") out.push({ name: `missing ${at}`, leaf: at, body: args(deleteAt(base, path)) });
    if (typeof value === "string" && ID.test(value)) {
      for (const id of BAD_IDS) out.push({ name: `invalid id ${at} ${JSON.stringify(id.slice(0, 30))}`, leaf: at, body: args(setAt(base, path, id)) });
    }
    if (typeof value === "string" || value === null) {
      // Well-formed exotic text is valid, so it is written and undone: the first text field is enough.
      const strings = firstText ? BAD_STRINGS : BAD_STRINGS.filter(([label]) => label !== EXOTIC);
      firstText = false;
      for (const [label, text] of strings) out.push({ name: `${label} in ${at}`, leaf: at, body: args(setAt(base, path, text)) });
      // Inside an array React's decoder counts the string against its array budget and refuses it.
      out.push({ name: `1 MB string in ${at}`, leaf: at, body: args(setAt(base, path, ONE_MB_STRING)), nextMayRefuse: path.some((p) => typeof p === "number") });
    }
    if (typeof value === "string" && DAY.test(value)) {
      for (const date of BOUNDARY_DATES) out.push({ name: `date ${date} in ${at}`, leaf: at, body: args(setAt(base, path, date)) });
    }
    if (typeof value === "number") {
      for (const n of BAD_NUMBERS) out.push({ name: `number ${n} in ${at}`, leaf: at, body: args(setAt(base, path, n)) });
    }
    if (Array.isArray(value)) {
      // As many copies as fit under the 1 MB body limit (at most 10 000): the app must cap its arrays.
      const copies = Math.min(10_000, Math.floor(800_000 / (JSON.stringify(value[0] ?? "x").length + 1)));
      out.push({ name: `${copies} elements in ${at}`, leaf: at, body: args(setAt(base, path, Array(copies).fill(value[0] ?? "x"))) });
    }
  }
  const extras = { id: "c000000000000000000000000", clinicId: "c111111111111111111111111", role: "ADMIN", status: "ACTIVE", createdById: "c222222222222222222222222", constructor: { prototype: { polluted: true } } };
  const withExtras = { ...extras, ...(base as Record<string, unknown>) };
  out.push(
    { name: "extra fields (mass assignment, prototype keys)", body: `[${JSON.stringify(withExtras).replace(/^\{/, '{"__proto__":{"polluted":true},')}]` },
    { name: "array instead of the input object", body: args(Object.values(base as Record<string, unknown>)) },
    { name: "input wrapped in an array", body: args([base]) },
    { name: "two arguments", body: JSON.stringify([base, base]) },
    { name: "no argument", body: "[]" },
    { name: "null argument", body: "[null]" },
    { name: "empty object", body: "[{}]" },
    // (An action whose input is the empty object gets no separating comma: "{," is not JSON.)
    { name: "nested 1 000 deep in an extra field", body: `[${JSON.stringify(base).replace(/\}$/, `${JSON.stringify(base) === "{}" ? "" : ","}"deep":${nested(1_000)}}`)}]` },
  );
  return out;
}

/**
 * Bodies Next.js's action decoder (React's decodeReply) or its body-size limit refuses before the
 * action runs, whatever the action. Sent to an action that would create a row if it ran.
 */
export function undecodableBodies(valid: Record<string, unknown>): Variant[] {
  const text = Object.keys(valid).find((k) => typeof valid[k] === "string")!;
  return [
    ...FLIGHT_REFERENCES.map((ref) => ({ name: `Flight reference ${ref} in ${text}`, body: args({ ...valid, [text]: ref }), nextMayRefuse: true })),
    { name: "nested 20 000 deep in an extra field", body: `[${JSON.stringify(valid).replace(/\}$/, `,"deep":${nested(20_000)}}`)}]`, nextMayRefuse: true },
    { name: "arrays nested 20 000 deep", body: `[${"[".repeat(20_000)}${"]".repeat(20_000)}]`, nextMayRefuse: true },
    { name: "body over the 1 MB limit (2 MB)", body: args({ ...valid, padding: OVER_LIMIT_PADDING }), nextMayRefuse: true },
    { name: "malformed JSON", body: `[${JSON.stringify(valid).slice(0, -1)}`, nextMayRefuse: true },
    { name: "not JSON", body: "hello there", nextMayRefuse: true },
    { name: "empty body", body: "", nextMayRefuse: true },
    { name: "JSON object instead of the argument array", body: JSON.stringify(valid), nextMayRefuse: true },
  ];
}

/** Query strings a page must survive: every filter the app reads, set to garbage. */
const PARAMS = ["q", "page", "day", "week", "booked", "planId", "created", "kind", "category", "setting", "status", "role", "planStatus", "alert", "actorId", "patientId", "action", "from", "to", "callbackUrl", "token"];
export const QUERY_VARIANTS: { name: string; query: string }[] = [
  { name: "NUL bytes", query: PARAMS.map((p) => `${p}=%00`).join("&") },
  { name: "NUL byte in the search alone", query: "q=%00" },
  { name: "invalid UTF-8 and a lone surrogate", query: PARAMS.map((p) => `${p}=%ED%A0%80%C3%28`).join("&") },
  { name: "long values", query: PARAMS.map((p) => `${p}=${"z".repeat(300)}`).join("&") },
  { name: "repeated parameters", query: PARAMS.map((p) => `${p}=1&${p}=2`).join("&") },
  { name: "out-of-range numbers", query: "page=-1&week=99999-99-99&day=0000-00-00&from=2026-02-31&to=1e308&q=%25%27%22%3C%3E" },
  { name: "open-redirect attempts", query: "callbackUrl=https%3A%2F%2Fevil.example%2F&next=%2F%2Fevil.example" },
  // Every date parameter the app reads (week, day, from, to) at each boundary date.
  ...BOUNDARY_DATES.map((date) => ({ name: `boundary date ${date}`, query: ["week", "day", "from", "to"].map((p) => `${p}=${encodeURIComponent(date)}`).join("&") })),
];

/**
 * Cookies a browser may hold that the app did not set the way it reads them (decision 020): the
 * session token, next-auth's callback URL (under both names) and its CSRF token, each set to
 * garbage, to bytes that do not decode, to an off-site or script URL, or huge. Values are as sent
 * on the wire (percent-encoded where the header could not carry them).
 */
export const MALFORMED_COOKIES: { name: string; cookie: string }[] = [
  ...["%E0%A4%A", "notaurl", "not%20a%20url", "javascript:alert(1)", "//evil.example", "/%5Cevil.example", "https://evil.example/", "%00", "%ED%A0%80", `http://localhost/${"a".repeat(6_000)}`].flatMap((value) => [
    { name: `callback-url ${value.slice(0, 30)}`, cookie: `next-auth.callback-url=${value}` },
    { name: `__Secure- callback-url ${value.slice(0, 30)}`, cookie: `__Secure-next-auth.callback-url=${value}` },
  ]),
  ...["garbage", "%E0%A4%A", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z", "%00", "x".repeat(6_000)].flatMap((value) => [
    { name: `session token ${value.slice(0, 30)}`, cookie: `next-auth.session-token=${value}` },
    { name: `__Secure- session token ${value.slice(0, 30)}`, cookie: `__Secure-next-auth.session-token=${value}` },
  ]),
  ...["garbage", "%E0%A4%A", "|", "a|b", "%00"].map((value) => ({ name: `csrf token ${value}`, cookie: `next-auth.csrf-token=${value}` })),
  { name: "all of them at once", cookie: "next-auth.session-token=garbage; next-auth.callback-url=notaurl; next-auth.csrf-token=garbage" },
];

/** Percent-encodings that do not decode to UTF-8: Next.js answers 500 before routing (decision 016). */
export const MALFORMED_ENCODING = new Set(["%ED%A0%80", "%E0%A4%A", "%"]);

/** Path segments a route handler must survive where an id is expected. */
export const BAD_PATH_IDS = [
  "nope",
  "%00",
  "c000000000000000000000000",
  `c${"a".repeat(4000)}`,
  "..%2F..%2Fetc%2Fpasswd",
  "%27%20OR%201%3D1%20--",
  "%F0%9F%99%82",
  "%ED%A0%80",
  "%E0%A4%A",
  "%",
];
