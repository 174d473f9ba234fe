import { z } from "@/lib/validation/zod";
import { ZId } from "./common";

/** A code from an authenticator app: six digits (spaces typed between them are ignored). */
export const ZTotpCode = z
  .string({ error: "Enter the 6-digit code from your authenticator app" })
  .max(20, "Enter the 6-digit code from your authenticator app")
  .transform((value) => value.replace(/\s/g, ""))
  .refine((value) => /^\d{6}$/.test(value), "Enter the 6-digit code from your authenticator app");

/** A recovery code as printed (`k7qmx-3hap9`); case, spaces and dashes do not matter. */
export const ZRecoveryCode = z
  .string({ error: "Enter one of your recovery codes" })
  .trim()
  .min(1, "Enter one of your recovery codes")
  .max(40, "Enter one of your recovery codes");

export const ZVerifySecondFactor = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: ZTotpCode }),
  z.object({ method: z.literal("recovery"), code: ZRecoveryCode }),
]);
export type TVerifySecondFactor = z.infer<typeof ZVerifySecondFactor>;

export const ZConfirmTotp = z.object({ code: ZTotpCode });
export type TConfirmTotp = z.infer<typeof ZConfirmTotp>;

export const ZResetSecondFactors = z.object({ userId: ZId });
