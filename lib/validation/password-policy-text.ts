// The password policy's limits and the hint shown next to the field, without zod or the
// common-password list: the password form imports only these, so its page stays light.
// Password policy (NIST SP 800-63B): length and a common-password list, no composition rules.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters. A few unrelated words make a strong, memorable password. Very common passwords and your email address are refused.`;
