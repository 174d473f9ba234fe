// GET/POST /api/auth/* – next-auth (credentials sign-in, sign-out, session, CSRF)
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { refuseUnsendableHeaders } from "@/lib/server/next-auth-route";

const handler = refuseUnsendableHeaders(NextAuth(authOptions));
export { handler as GET, handler as POST };
