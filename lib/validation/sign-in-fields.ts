// The sign-in form's field checks in the browser, without zod: the sign-in page is every user's
// first page and zod would more than double its JavaScript (issue 18: ≤ 150 kB first load). The
// server checks the same fields with ZSignIn (./auth.ts) either way; a unit test holds the two to
// the same answers.

/** zod 4's default `email()` pattern, copied from zod/v4/core/regexes.js (`email`). */
const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export type SignInFieldErrors = { email?: string; password?: string };

/** The trimmed, lowercased email and the password, or what is wrong with each. */
export function checkSignInFields(input: { email: unknown; password: unknown }): { ok: true; data: { email: string; password: string } } | { ok: false; errors: SignInFieldErrors } {
  const errors: SignInFieldErrors = {};
  const email = typeof input.email === "string" ? input.email.trim().toLowerCase() : "";
  const password = typeof input.password === "string" ? input.password : "";
  if (!EMAIL.test(email) || email.length > 254) errors.email = "Enter a valid email address";
  if (password.length < 1) errors.password = "Enter your password";
  else if (password.length > 200) errors.password = "At most 200 characters";
  return errors.email || errors.password ? { ok: false, errors } : { ok: true, data: { email, password } };
}
