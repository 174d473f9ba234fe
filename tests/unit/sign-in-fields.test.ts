// The sign-in form's zod-free field checks (lib/validation/sign-in-fields.ts) give the same
// answers as the server's ZSignIn: the same fields fail, with the same messages, and the same data passes.
import { describe, expect, it } from "vitest";
import { ZSignIn } from "@/lib/validation/auth";
import { checkSignInFields } from "@/lib/validation/sign-in-fields";

const EMAILS = [
  "maya@riverside.example", "  Maya.Chen@Riverside.Example  ", "a+b@x.co", "o'neil@clinic.ie", "first.last@sub.domain.example",
  "", " ", "maya", "maya@", "@riverside.example", "maya@riverside", "maya@riverside.e", "maya@-riverside.example", ".maya@x.example",
  "ma..ya@x.example", "maya.@x.example", "maya@x..example", "maya chen@x.example", "maya@x.example.", "ünï@x.example", `${"a".repeat(250)}@x.example`,
  null, 42,
];
const PASSWORDS = ["riverside-demo-2026", "x", "", " ", "a".repeat(200), "a".repeat(201), null, 7];

describe("checkSignInFields", () => {
  it("agrees with ZSignIn on every email and password (same failing fields, same messages, same data)", () => {
    for (const email of EMAILS) {
      for (const password of PASSWORDS) {
        const server = ZSignIn.safeParse({ email, password });
        const client = checkSignInFields({ email, password });
        const label = JSON.stringify({ email, password });
        expect(client.ok, label).toBe(server.success);
        if (server.success && client.ok) expect(client.data, label).toEqual(server.data);
        if (!server.success && !client.ok) {
          const fields = server.error.flatten().fieldErrors;
          expect({ email: fields.email?.[0], password: fields.password?.[0] }, label).toEqual({ email: client.errors.email, password: client.errors.password });
        }
      }
    }
  });
});
