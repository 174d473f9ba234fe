// GET/POST /api/auth/* – next-auth (credentials sign-in, sign-out, session, CSRF)
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { dropUnsafeAuthCookies, refuseUnsendableHeaders } from "@/lib/server/next-auth-route";

// Cookies a browser may hold that next-auth cannot read are dropped first (decision 020).
const handler = refuseUnsendableHeaders(dropUnsafeAuthCookies(NextAuth(authOptions)));
export { handler as GET, handler as POST };
