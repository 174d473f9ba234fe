import "server-only";
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

// API client tokens (ADR 047): `rvp_<tokenId>_<secret>`.
//   rvp_     recognisable prefix, so secret scanners and people can tell what leaked
//   tokenId  12 base62 characters, not secret: finds the client's row with a unique index
//   secret   32 random bytes in base64url (43 characters)
// Only the SHA-256 (hex) of the whole token is stored. A fast hash is enough: with 256 random bits
// there is nothing to guess, so slowing guesses down (bcrypt, argon2) would add nothing but cost
// on every API request.

export const API_TOKEN_PREFIX = "rvp_";
const TOKEN_ID_LENGTH = 12;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TOKEN_PATTERN = /^rvp_([0-9A-Za-z]{12})_([A-Za-z0-9_-]{43})$/;

/** The longest life of a token: a year (ADR 047). */
export const API_TOKEN_MAX_DAYS = 365;

export type NewApiToken = { token: string; tokenId: string; tokenHash: string };

export function newApiToken(): NewApiToken {
  let tokenId = "";
  for (let i = 0; i < TOKEN_ID_LENGTH; i++) tokenId += BASE62[randomInt(BASE62.length)];
  const token = `${API_TOKEN_PREFIX}${tokenId}_${randomBytes(32).toString("base64url")}`;
  return { token, tokenId, tokenHash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The lookup id of a well-formed token, or null for anything this app did not issue. */
export function parseApiToken(value: string): { tokenId: string } | null {
  const match = TOKEN_PATTERN.exec(value);
  return match ? { tokenId: match[1]! } : null;
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function apiTokenMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiToken(token), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The token of an `Authorization: Bearer <token>` header: undefined when the request carries no
 * bearer credential (no header, or another scheme such as the Basic credentials a password-protected
 * reverse proxy makes browsers send), null for a Bearer header without a single token (refused
 * like a bad token, never ignored).
 */
export function bearerCredential(authorization: string | null): string | null | undefined {
  if (authorization === null || !/^\s*Bearer(\s|$)/i.test(authorization)) return undefined;
  const match = /^\s*Bearer +(\S+) *$/i.exec(authorization);
  return match ? match[1]! : null;
}
