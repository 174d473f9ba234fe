// The password policy (NIST SP 800-63B: length, a common-password list, no composition rules)
// and the initial passwords admins hand out.
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "@/lib/validation/common-passwords";
import { passwordPolicyProblem, ZChangePassword } from "@/lib/validation/accounts";

const change = (currentPassword: string, newPassword: string, confirm = newPassword) => ZChangePassword.safeParse({ currentPassword, newPassword, confirm });
const messagesFor = (result: ReturnType<typeof change>, field: string) => result.error?.issues.filter((i) => i.path[0] === field).map((i) => i.message) ?? [];

describe("password length", () => {
  it("refuses 7 characters and accepts 8", () => {
    expect(passwordPolicyProblem("tulip7x")).toBe("Use at least 8 characters.");
    expect(passwordPolicyProblem("tulip7xy")).toBeNull();
  });

  it("counts code points, not UTF-16 units: four emoji are four characters", () => {
    const emoji = "🌿🌊🪨🔥";
    expect(emoji.length).toBe(8);
    expect(passwordPolicyProblem(emoji)).toBe("Use at least 8 characters.");
    expect(passwordPolicyProblem(`${emoji}${emoji}`)).toBeNull();
  });

  it("counts an accented letter once, however it was typed", () => {
    expect(passwordPolicyProblem("cafe\u0301cafe\u0301")).toBeNull(); // 8 after NFKC
    expect(passwordPolicyProblem("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301")).toBe("Use at least 8 characters.");
  });

  it("accepts 128 characters and refuses 129", () => {
    expect(passwordPolicyProblem("river ".repeat(22).slice(0, 128))).toBeNull();
    expect(passwordPolicyProblem("river ".repeat(22).slice(0, 129))).toBe("Use at most 128 characters.");
  });

  it("has no composition rules: lower-case words alone are fine", () => {
    expect(passwordPolicyProblem("correct horse battery staple")).toBeNull();
    expect(passwordPolicyProblem("lilacsinthespring")).toBeNull();
  });
});

describe("common passwords", () => {
  it.each(["password", "12345678", "qwerty123", "iloveyou", "password1", "sunshine", "trustno1", "1qaz2wsx", "football", "p@ssw0rd"])(
    "refuses %s",
    (password) => {
      expect(passwordPolicyProblem(password)).toMatch(/most common passwords/);
    },
  );

  it("refuses them whatever the case", () => {
    expect(passwordPolicyProblem("PassWord")).toMatch(/most common passwords/);
    expect(passwordPolicyProblem("ILOVEYOU")).toMatch(/most common passwords/);
  });

  it("ships about a thousand entries, all of at least 8 characters and lower-cased", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(1000);
    expect(COMMON_PASSWORDS.size).toBeLessThan(1100);
    for (const word of COMMON_PASSWORDS) {
      expect([...word].length).toBeGreaterThanOrEqual(8);
      expect(word).toBe(word.toLowerCase());
    }
  });
});

describe("the account's email", () => {
  it("is refused as the password, in any case", () => {
    expect(passwordPolicyProblem("Maya.Chen@Riverside.example", { email: "maya.chen@riverside.example" })).toBe("Your password cannot be your email address.");
    expect(passwordPolicyProblem("maya.chen@riverside.example2", { email: "maya.chen@riverside.example" })).toBeNull();
  });
});

describe("ZChangePassword", () => {
  it("accepts a good change", () => {
    expect(change("old password here", "a quiet morning by the weir").success).toBe(true);
  });

  it("refuses a new password equal to the current one", () => {
    expect(messagesFor(change("a quiet morning by the weir", "a quiet morning by the weir"), "newPassword")).toEqual(["Choose a password different from your current one."]);
  });

  it("refuses a short or common new password on the newPassword field", () => {
    expect(messagesFor(change("old password here", "short"), "newPassword")).toEqual(["Use at least 8 characters."]);
    expect(messagesFor(change("old password here", "qwerty123"), "newPassword")[0]).toMatch(/most common passwords/);
  });

  it("refuses a confirmation that differs, on the confirm field", () => {
    expect(messagesFor(change("old password here", "a quiet morning by the weir", "a quiet morning by the wier"), "confirm")).toEqual(["The two new passwords do not match."]);
  });

  it("requires the current password", () => {
    expect(messagesFor(change("", "a quiet morning by the weir"), "currentPassword")).toEqual(["Enter your current password"]);
  });
});
