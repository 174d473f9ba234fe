import "server-only";

/**
 * Wraps next-auth's route handler. next-auth copies some query values into response headers
 * (GET /api/auth/error?error=… becomes the Location of its redirect); a value a header cannot
 * carry (NUL, CR, LF) makes the Response constructor throw, which Next.js answers with 500. That
 * is a malformed request: 400, and nothing is echoed back.
 */
export function refuseUnsendableHeaders<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof TypeError && /invalid header value/i.test(error.message)) {
        return new Response("Bad request", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
      }
      throw error;
    }
  };
}
