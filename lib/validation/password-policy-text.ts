// The password policy's limits and the hint shown next to the field, without zod or the
// common-password list: the password form imports only these, so its page stays light.
// Password policy (NIST SP 800-63B rev. 4 §3.1.1.2): length and a common-password list, no
// composition rules. At least 15 characters where the password is the only factor (a patient
// without a passkey), at least 8 where it is one of two (staff, patients with a passkey; ADR 022).
export const PASSWORD_MIN = 8;
export const PASSWORD_MIN_SINGLE_FACTOR = 15;
export const PASSWORD_MAX = 128;
export const passwordHint = (min: number = PASSWORD_MIN) =>
  `At least ${min} characters. A few unrelated words make a strong, memorable password. Very common passwords and your email address are refused.`;
export const PASSWORD_HINT = passwordHint();
