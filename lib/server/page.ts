import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { PasswordChangeRequiredError, SecondFactorRequiredError, type SessionActor } from "@/lib/auth/actor";
import { REQUEST_PATH_HEADER, returnPathFor, safeReturnPath } from "@/lib/auth/return-path";
import { getActor } from "@/lib/auth/session";
import type { Role } from "@/lib/db/generated/enums";
import { isAppError } from "@/lib/errors";

/** Where an actor with an initial password is sent until they have chosen their own. */
export const PASSWORD_CHANGE_PATH = "/account/password";
/** Where a session that has not passed its second step is sent: the code or passkey… */
export const SECOND_FACTOR_PATH = "/sign-in/verify";
/** …or, for staff without any second factor yet, setting one up. */
export const SECOND_FACTOR_SETUP_PATH = "/account/security";

/**
 * For pages: the signed-in actor, or a redirect to sign-in. `role` names the audience of the
 * area: another role gets 403. An actor who must replace an initial password is sent to
 * PASSWORD_CHANGE_PATH from every page but that one (`passwordChangePage`); before that, a session
 * that has not passed its second step is sent to SECOND_FACTOR_PATH (or SECOND_FACTOR_SETUP_PATH
 * for staff without a factor) from every page but that one (`secondFactorPage`). This is convenience
 * for the page; the domain functions the page calls check the actor again and scope their queries.
 */
export async function requirePageActor(
  role?: Role,
  returnTo?: string,
  options: { passwordChangePage?: boolean; secondFactorPage?: "verify" | "setup" } = {},
): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect(withReturnPath("/sign-in", (await requestedPath()) ?? returnTo ?? null));
  // The second step comes first: until it is passed, only its own page opens, and it keeps the
  // page that was asked for (decision 042).
  const state = actor.secondFactor ?? "done";
  if (state === "pending" && options.secondFactorPage !== "verify") {
    redirect(withReturnPath(SECOND_FACTOR_PATH, returnPathFor(actor.role, (await requestedPath()) ?? returnTo)));
  }
  if (state === "enrol" && options.secondFactorPage !== "setup") redirect(SECOND_FACTOR_SETUP_PATH);
  if (state !== "done") return actor;
  if (actor.mustChangePassword && !options.passwordChangePage) redirect(PASSWORD_CHANGE_PATH);
  if (role && actor.role !== role) forbidden();
  return actor;
}

/**
 * The page the browser asked for (set by proxy.ts; a layout has no other way to know it), when it
 * is one of our own pages.
 */
async function requestedPath(): Promise<string | null> {
  return safeReturnPath((await headers()).get(REQUEST_PATH_HEADER));
}

function withReturnPath(page: string, returnTo: string | null): string {
  const path = safeReturnPath(returnTo);
  return path && path !== "/" && !path.startsWith("/sign-in") ? `${page}?callbackUrl=${encodeURIComponent(path)}` : page;
}

/** Runs a domain call for a page, turning NOT_FOUND into 404 and FORBIDDEN into 403. */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof PasswordChangeRequiredError) redirect(PASSWORD_CHANGE_PATH);
    if (error instanceof SecondFactorRequiredError) redirect(SECOND_FACTOR_PATH);
    if (isAppError(error)) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "FORBIDDEN") forbidden();
      if (error.code === "UNAUTHENTICATED") redirect("/sign-in");
    }
    throw error;
  }
}
