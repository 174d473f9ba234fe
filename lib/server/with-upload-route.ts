import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { isHttpsDeployment } from "@/lib/security/deployment";
import { staticSecurityHeaders } from "@/lib/security/headers";
import { errorHeaders, toErrorResponse } from "./map-error";
import { refuseBearerToken } from "./refuse-bearer";
import { assertUploadFromOwnOrigin } from "./media-http";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * withRoute for an upload: the body is the raw file, read as a stream by the handler, so the guard
 * is assertUploadFromOwnOrigin instead of the JSON one. Upload paths are left out of proxy.ts
 * (Next.js would otherwise copy the whole body into memory for it), so the security headers the
 * proxy sets elsewhere are set here.
 */
export function withUploadRoute<P extends z.ZodType>(
  paramsSchema: P,
  handler: (args: { actor: Actor; params: z.infer<P>; request: Request }) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<NextResponse> => {
    const headers = { ...staticSecurityHeaders({ https: isHttpsDeployment() }), "Cache-Control": "no-store" };
    try {
      // No upload takes an API client's token (ADR 047): refused before the body is looked at.
      refuseBearerToken(request);
      assertUploadFromOwnOrigin(request);
      const actor = await requireActor();
      const parsed = paramsSchema.safeParse((await context?.params) ?? {});
      if (!parsed.success) throw new AppError("NOT_FOUND", "Not found");
      const result = await handler({ actor, params: parsed.data, request });
      return NextResponse.json(result, { status: 201, headers });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return NextResponse.json(body, { status, headers: { ...headers, ...errorHeaders(error) } });
    }
  };
}
