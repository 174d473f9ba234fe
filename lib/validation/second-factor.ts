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

// ---- Passkeys (WebAuthn). The browser's answer, as @simplewebauthn/browser returns it: checked
// for shape and size here, cryptographically by @simplewebauthn/server.

const b64url = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]*$/, "Invalid passkey answer");
const ZTransports = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(8).optional();
const ZClientExtensions = z.record(z.string(), z.unknown()).default({});

export const ZPasskeyRegistration = z.object({
  name: z.string().trim().max(60, "Use at most 60 characters").default(""),
  response: z.object({
    id: b64url(1400),
    rawId: b64url(1400),
    type: z.literal("public-key"),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
    clientExtensionResults: ZClientExtensions,
    response: z.object({
      clientDataJSON: b64url(4000),
      attestationObject: b64url(20000),
      authenticatorData: b64url(20000).optional(),
      transports: ZTransports,
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: b64url(4000).optional(),
    }),
  }),
});
export type TPasskeyRegistration = z.infer<typeof ZPasskeyRegistration>;

export const ZPasskeyAuthentication = z.object({
  response: z.object({
    id: b64url(1400),
    rawId: b64url(1400),
    type: z.literal("public-key"),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
    clientExtensionResults: ZClientExtensions,
    response: z.object({
      clientDataJSON: b64url(4000),
      authenticatorData: b64url(20000),
      signature: b64url(2000),
      userHandle: b64url(200).optional(),
    }),
  }),
});
export type TPasskeyAuthentication = z.infer<typeof ZPasskeyAuthentication>;
