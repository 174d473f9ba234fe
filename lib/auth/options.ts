import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "./client-ip";
import { authenticate } from "./sign-in";

// The JWT carries who the user is (id, role, clinic) and the session version it was issued
// for; getActor() re-checks both against the database on every request, so deactivation or a
// role change revokes open sessions on their next request.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      // `req.headers` are the route's request headers, after proxy.ts dropped forged forwarding ones.
      authorize: async (credentials, req) => authenticate(credentials, { ip: clientIp(req?.headers ?? {}) }),
    }),
  ],
  callbacks: {
    jwt: async ({ token, user }) => {
      if (user) {
        const u = user as unknown as { id: string; role: string; clinicId: string; sessionVersion: number };
        token.sub = u.id;
        token.role = u.role;
        token.clinicId = u.clinicId;
        token.sv = u.sessionVersion;
      }
      return token;
    },
    session: async ({ session, token }) => ({
      ...session,
      user: { name: session.user?.name, email: session.user?.email },
      userId: token.sub,
      role: token.role,
      clinicId: token.clinicId,
      sv: token.sv,
    }),
  },
};
