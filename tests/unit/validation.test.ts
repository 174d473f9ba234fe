// Input schemas at the edge: sign-in form, record ids and list paging.
import { describe, expect, it } from "vitest";
import { ZSignIn } from "@/lib/validation/auth";
import { ZId, ZPage } from "@/lib/validation/common";

describe("ZSignIn", () => {
  it("trims and lowercases the email", () => {
    const result = ZSignIn.safeParse({ email: "  Alice.Smith@Example.COM \n", password: "secret" });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ email: "alice.smith@example.com", password: "secret" });
  });

  it("keeps the password exactly as typed (no trimming or case change)", () => {
    const result = ZSignIn.safeParse({ email: "a@example.com", password: "  PaSS word  " });
    expect(result.data?.password).toBe("  PaSS word  ");
  });

  it.each(["not-an-email", "alice@", "@example.com", "alice example.com", "alice@@example.com", "", "   "])(
    "rejects the email %j",
    (email) => {
      const result = ZSignIn.safeParse({ email, password: "secret" });
      expect(result.success).toBe(false);
      expect(result.error?.issues.some((i) => i.path[0] === "email")).toBe(true);
    },
  );

  it("rejects an empty password with a readable message", () => {
    const result = ZSignIn.safeParse({ email: "a@example.com", password: "" });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === "password");
    expect(issue?.message).toBe("Enter your password");
  });

  it("says 'Enter a valid email address' for a bad email", () => {
    const result = ZSignIn.safeParse({ email: "nope", password: "x" });
    expect(result.error?.issues.find((i) => i.path[0] === "email")?.message).toBe("Enter a valid email address");
  });

  it("rejects an over-long password (> 200 characters) and accepts 200", () => {
    expect(ZSignIn.safeParse({ email: "a@example.com", password: "x".repeat(201) }).success).toBe(false);
    expect(ZSignIn.safeParse({ email: "a@example.com", password: "x".repeat(200) }).success).toBe(true);
  });

  it("rejects an over-long email (> 254 characters)", () => {
    const local = "a".repeat(64);
    const domain = `${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(60)}.com`;
    const email = `${local}@${domain}`;
    expect(email.length).toBeGreaterThan(254);
    expect(ZSignIn.safeParse({ email, password: "x" }).success).toBe(false);
  });

  it("checks the length after trimming", () => {
    const email = `  ${"a".repeat(10)}@example.com${" ".repeat(300)}`;
    expect(ZSignIn.safeParse({ email, password: "x" }).data?.email).toBe("aaaaaaaaaa@example.com");
  });

  it("rejects missing or non-string fields", () => {
    expect(ZSignIn.safeParse({}).success).toBe(false);
    expect(ZSignIn.safeParse({ email: "a@example.com" }).success).toBe(false);
    expect(ZSignIn.safeParse({ password: "x" }).success).toBe(false);
    expect(ZSignIn.safeParse({ email: ["a@example.com"], password: "x" }).success).toBe(false);
    expect(ZSignIn.safeParse({ email: "a@example.com", password: 12345678 }).success).toBe(false);
    expect(ZSignIn.safeParse(null).success).toBe(false);
  });
});

describe("ZId", () => {
  it.each(["cmwx8681k0007tl7doe3bxrbx", "cjld2cjxh0000qzrmn831i7rn", `c${"a".repeat(20)}`, `c${"9".repeat(31)}`])(
    "accepts the cuid %s",
    (id) => {
      expect(ZId.safeParse(id).success).toBe(true);
      expect(ZId.parse(id)).toBe(id);
    },
  );

  it.each([
    ["a number-like string", "1"],
    ["a path traversal", "../etc"],
    ["a traversal dressed as a cuid", "cmwx8681k0007tl7doe3b/../x"],
    ["SQL injection", "' or 1=1"],
    ["SQL injection after a cuid", "cmwx8681k0007tl7doe3bxrbx' or 1=1 --"],
    ["empty", ""],
    ["upper case", "CMWX8681K0007TL7DOE3BXRBX"],
    ["a wrong first letter", "xmwx8681k0007tl7doe3bxrbx"],
    ["too short", `c${"a".repeat(19)}`],
    ["too long", `c${"a".repeat(32)}`],
    ["a trailing newline", "cmwx8681k0007tl7doe3bxrbx\n"],
    ["surrounding spaces", " cmwx8681k0007tl7doe3bxrbx "],
    ["a uuid", "123e4567-e89b-12d3-a456-426614174000"],
  ])("rejects %s", (_label, id) => {
    expect(ZId.safeParse(id).success).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(ZId.safeParse(1).success).toBe(false);
    expect(ZId.safeParse(null).success).toBe(false);
    expect(ZId.safeParse(undefined).success).toBe(false);
  });

  it("says 'Invalid id'", () => {
    expect(ZId.safeParse("1").error?.issues[0]?.message).toBe("Invalid id");
  });
});

describe("ZPage", () => {
  it("defaults page to 1", () => {
    expect(ZPage.parse({})).toEqual({ page: 1 });
  });

  it("coerces a query-string page to a number", () => {
    expect(ZPage.parse({ page: "3" }).page).toBe(3);
    expect(ZPage.parse({ page: 7 }).page).toBe(7);
    expect(ZPage.parse({ page: "10000" }).page).toBe(10_000);
  });

  it.each([["0"], ["-1"], ["10001"], ["1.5"], ["abc"], ["Infinity"], [0], [1e9]])("rejects page %j", (page) => {
    expect(ZPage.safeParse({ page }).success).toBe(false);
  });

  it("trims the search text and bounds it to 100 characters", () => {
    expect(ZPage.parse({ q: "  knee  " })).toEqual({ page: 1, q: "knee" });
    expect(ZPage.safeParse({ q: "x".repeat(100) }).success).toBe(true);
    expect(ZPage.safeParse({ q: "x".repeat(101) }).success).toBe(false);
    expect(ZPage.parse({ q: `  ${"x".repeat(100)}  ` }).q).toHaveLength(100);
  });

  it("leaves q out when absent", () => {
    expect(ZPage.parse({ page: "2" })).toEqual({ page: 2 });
  });
});
