// When a session ends: 30 idle minutes or 12 hours after sign-in, whichever comes first.
import { describe, expect, it } from "vitest";
import { ABSOLUTE_LIFETIME_SECONDS, IDLE_TIMEOUT_SECONDS, remainingLifetime, sessionEnd, slidLastActivity } from "@/lib/auth/session-timing";

const T = 1_800_000_000; // sign-in time, seconds
const MIN = 60;
const HOUR = 3600;

describe("session timing", () => {
  it("uses 30 minutes idle and 12 hours absolute", () => {
    expect(IDLE_TIMEOUT_SECONDS).toBe(30 * MIN);
    expect(ABSOLUTE_LIFETIME_SECONDS).toBe(12 * HOUR);
  });

  it("accepts a session up to just under 30 idle minutes and ends it at 30", () => {
    expect(sessionEnd({ authTime: T, lastActivity: T }, T + 29 * MIN + 59)).toBeNull();
    expect(sessionEnd({ authTime: T, lastActivity: T }, T + 30 * MIN)).toBe("idle");
    expect(sessionEnd({ authTime: T, lastActivity: T + 2 * HOUR }, T + 2 * HOUR + 31 * MIN)).toBe("idle");
  });

  it("ends an active session 12 hours after sign-in", () => {
    expect(sessionEnd({ authTime: T, lastActivity: T + 12 * HOUR - 10 }, T + 12 * HOUR - 1)).toBeNull();
    expect(sessionEnd({ authTime: T, lastActivity: T + 12 * HOUR - 10 }, T + 12 * HOUR)).toBe("expired");
  });

  it("refuses tokens without the times, with non-numeric times or from the future", () => {
    expect(sessionEnd({}, T)).toBe("missing-times");
    expect(sessionEnd({ authTime: T }, T)).toBe("missing-times");
    expect(sessionEnd({ authTime: String(T), lastActivity: T }, T)).toBe("missing-times");
    expect(sessionEnd({ authTime: T, lastActivity: T + 10 * MIN }, T)).toBe("from-the-future");
    // A few seconds of clock difference between instances is tolerated.
    expect(sessionEnd({ authTime: T, lastActivity: T + 5 }, T)).toBeNull();
  });

  it("slides the last activity of a live session, at most once a minute, and never revives one", () => {
    expect(slidLastActivity({ authTime: T, lastActivity: T }, T + 10 * MIN)).toBe(T + 10 * MIN);
    expect(slidLastActivity({ authTime: T, lastActivity: T }, T + 30)).toBeNull();
    expect(slidLastActivity({ authTime: T, lastActivity: T }, T + 30 * MIN)).toBeNull();
    expect(slidLastActivity({ authTime: T, lastActivity: T + 12 * HOUR - 60 }, T + 12 * HOUR)).toBeNull();
  });

  it("keeps the remaining lifetime anchored to sign-in", () => {
    expect(remainingLifetime({ authTime: T }, T + HOUR)).toBe(11 * HOUR);
    expect(remainingLifetime({ authTime: T }, T + 13 * HOUR)).toBe(0);
    expect(remainingLifetime({}, T)).toBe(0);
  });
});
