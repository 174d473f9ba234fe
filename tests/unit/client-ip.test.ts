// Which address the per-IP sign-in limit counts: forged X-Forwarded-For entries must not choose it.
import { describe, expect, it } from "vitest";
import { clientIp, normalizeIp, throttleKeyForIp } from "@/lib/auth/client-ip";
import { trustedProxyHops } from "@/lib/security/deployment";

describe("clientIp", () => {
  it("takes the one address Next.js recorded from the socket when no proxy is trusted", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.7" }), 0)).toBe("198.51.100.7");
    expect(clientIp({ "x-forwarded-for": "::1" }, 0)).toBe("::1");
  });

  it("behind one trusted proxy takes the entry that proxy appended, not the client's own claims", () => {
    // The client sent "X-Forwarded-For: 203.0.113.9"; the load balancer appended the real peer.
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.7" });
    expect(clientIp(headers, 1)).toBe("198.51.100.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.7, 10.0.0.2" }), 2)).toBe("198.51.100.7");
  });

  it("answers null without a usable address", () => {
    expect(clientIp(new Headers(), 0)).toBeNull();
    expect(clientIp({ "x-forwarded-for": "not-an-ip" }, 0)).toBeNull();
    expect(clientIp({ "x-forwarded-for": " , " }, 1)).toBeNull();
  });

  it("normalizes ports, brackets and IPv4-mapped IPv6", () => {
    expect(normalizeIp("198.51.100.7:51234")).toBe("198.51.100.7");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("127.0.0.1; drop table")).toBeNull();
  });
});

describe("throttleKeyForIp", () => {
  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(throttleKeyForIp("198.51.100.7")).toBe("ip4:198.51.100.7");
    expect(throttleKeyForIp("2001:db8:aa:bb:1:2:3:4")).toBe("ip6:2001:0db8:00aa:00bb::/64");
    expect(throttleKeyForIp("2001:db8:aa:bb::99")).toBe(throttleKeyForIp("2001:db8:aa:bb:ffff::1"));
    expect(throttleKeyForIp("2001:db8:aa:bc::1")).not.toBe(throttleKeyForIp("2001:db8:aa:bb::1"));
    expect(throttleKeyForIp("::1")).toBe("ip6:0000:0000:0000:0000::/64");
    expect(throttleKeyForIp(null)).toBe("ip:unknown");
  });
});

describe("trustedProxyHops", () => {
  it("is 0 unless TRUST_PROXY is a small whole number", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY: "1" })).toBe(1);
    expect(trustedProxyHops({ TRUST_PROXY: "true" })).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY: "-1" })).toBe(0);
  });
});
