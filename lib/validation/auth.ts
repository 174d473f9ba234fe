import { z } from "@/lib/validation/zod";

export const ZSignIn = z.object({
  email: z.string({ error: "Enter a valid email address" }).trim().toLowerCase().email("Enter a valid email address").max(254, "Enter a valid email address"),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "At most 200 characters"),
});
export type TSignIn = z.infer<typeof ZSignIn>;
