import "server-only";
import { randomInt } from "node:crypto";

// Lower-case letters and digits without the look-alikes (0/o, 1/l/i): read aloud or copied from a
// screen without mistakes. 31 symbols × 16 positions ≈ 79 bits, far beyond guessing online.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A random one-time password for a new account or an admin reset, e.g. `k7qm-x3ha-p9dz-wr4t`.
 * It is shown to the admin once and stored only as a hash; the user must replace it at first sign-in.
 */
export function generateInitialPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}
