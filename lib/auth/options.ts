import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { isHttpsDeployment } from "@/lib/security/deployment";
import { clientIp } from "./client-ip";
import { sessionCookie } from "./session-cookie";
import { ABSOLUTE_LIFETIME_SECONDS, nowInSeconds } from "./session-timing";
import { authenticate, type SignedInUser } from "./sign-in";
import { endSignedInSession } from "./sign-out";
import { DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookieName } from "./trusted-device";
import { isUserSessionOpen } from "./user-session";

const https = isHttpsDeployment();

type RequestHeaders = Record<string, string | string[] | undefined>;
const headerValue = (headers: RequestHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

// The JWT carries who the user is (id, role, clinic), the session version it was issued for, the
// UserSession row it belongs to (`sid`), when the password was checked (`authTime`) and the last
// request seen (`lastActivity`, slid forward by proxy.ts). getActor() re-checks all of them on
// every request: deactivation, a role change, signing out (here or everywhere) or an admin ending
// the sessions revokes open sessions, and a session ends after 30 idle minutes or 12 hours in all.
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
      authorize: async (credentials, req) => {
        const headers = (req?.headers ?? {}) as RequestHeaders;
        const jar = await cookies();
        const user = await authenticate(credentials, {
          ip: clientIp(headers),
          userAgent: headerValue(headers, "user-agent"),
          deviceToken: jar.get(deviceCookieName(https))?.value,
        });
        // The device cookie rides on next-auth's own response (Next.js appends cookies set
        // through next/headers to a route handler's response).
        if (user) {
          jar.set(deviceCookieName(https), user.deviceToken, {
            httpOnly: true,
            sameSite: "lax",
            secure: https,
            path: "/",
            maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
          });
        }
        return user;
      },
    }),
  ],
  callbacks: {
    jwt: async ({ token, user }) => {
      if (user) {
        const u = user as unknown as SignedInUser;
        const now = nowInSeconds();
        token.sub = u.id;
        token.role = u.role;
        token.clinicId = u.clinicId;
        token.sv = u.sessionVersion;
        token.sid = u.sid;
        token.authTime = now;
        token.lastActivity = now;
        return token;
      }
      // /api/auth/session re-issues the cookie: never for a session that has ended. Throwing makes
      // next-auth answer an empty session and clear the cookie.
      if (!(await isUserSessionOpen(token.sid, token.sub))) throw new Error("Session ended");
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
  events: {
    // next-auth decoded the cookie of the sign-out request; its session row ends here, so a copy
    // of the cookie made earlier gets nothing afterwards.
    signOut: async ({ token }) => {
      if (token) await endSignedInSession(token);
    },
  },
};
