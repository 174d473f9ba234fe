import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { PasswordChangeRequiredError, type Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import type { Role } from "@/lib/db/generated/enums";
import { isAppError } from "@/lib/errors";

/** Where an actor with an initial password is sent until they have chosen their own. */
export const PASSWORD_CHANGE_PATH = "/account/password";

/**
 * For pages: the signed-in actor, or a redirect to sign-in. `role` names the audience of the
 * area: another role gets 403. An actor who must replace an initial password is sent to
 * PASSWORD_CHANGE_PATH from every page but that one (`passwordChangePage`). This is convenience
 * for the page; the domain functions the page calls check the actor again and scope their queries.
 */
export async function requirePageActor(role?: Role, returnTo?: string, options: { passwordChangePage?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  if (actor.mustChangePassword && !options.passwordChangePage) redirect(PASSWORD_CHANGE_PATH);
  if (role && actor.role !== role) forbidden();
  return actor;
}

/** Runs a domain call for a page, turning NOT_FOUND into 404 and FORBIDDEN into 403. */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof PasswordChangeRequiredError) redirect(PASSWORD_CHANGE_PATH);
    if (isAppError(error)) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "FORBIDDEN") forbidden();
      if (error.code === "UNAUTHENTICATED") redirect("/sign-in");
    }
    throw error;
  }
}
