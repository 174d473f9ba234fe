import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isHttpsDeployment } from "@/lib/security/deployment";
import { clientIp } from "./client-ip";
import { sessionCookie } from "./session-cookie";
import { ABSOLUTE_LIFETIME_SECONDS, nowInSeconds } from "./session-timing";
import { authenticate } from "./sign-in";

const https = isHttpsDeployment();

// The JWT carries who the user is (id, role, clinic), the session version it was issued for, when
// the password was checked (`authTime`) and the last request seen (`lastActivity`, slid forward
// by proxy.ts). getActor() re-checks all of them on every request: deactivation or a role change
// revokes open sessions, and a session ends after 30 idle minutes or 12 hours in all.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: ABSOLUTE_LIFETIME_SECONDS },
  // Secure cookies (with the __Secure-/__Host- prefixes) exactly when NEXTAUTH_URL is https://,
  // which is next-auth's own default; said here so the proxy and this file cannot disagree.
  useSecureCookies: https,
  cookies: { sessionToken: sessionCookie(https) },
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
        const now = nowInSeconds();
        token.sub = u.id;
        token.role = u.role;
        token.clinicId = u.clinicId;
        token.sv = u.sessionVersion;
        token.authTime = now;
        token.lastActivity = now;
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
      authTime: token.authTime,
      lastActivity: token.lastActivity,
    }),
  },
};
