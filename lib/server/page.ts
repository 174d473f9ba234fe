import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import type { Role } from "@/lib/db/generated/enums";
import { isAppError } from "@/lib/errors";

/**
 * For pages: the signed-in actor, or a redirect to sign-in. `role` names the audience of the
 * area: another role gets 403. This is convenience for the page; the domain functions the page
 * calls check the actor again and scope their queries.
 */
export async function requirePageActor(role?: Role, returnTo?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  if (role && actor.role !== role) forbidden();
  return actor;
}

/** Runs a domain call for a page, turning NOT_FOUND into 404 and FORBIDDEN into 403. */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "FORBIDDEN") forbidden();
      if (error.code === "UNAUTHENTICATED") redirect("/sign-in");
    }
    throw error;
  }
}
