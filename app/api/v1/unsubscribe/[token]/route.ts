// POST /api/v1/unsubscribe/[token] – one-click unsubscribe (RFC 8058) and the unsubscribe page's form
//
// The one route that changes data without withRoute's same-origin JSON guard (decision 035): a
// mail provider's one-click POST comes from its own servers, with no Origin and a form body
// (`List-Unsubscribe=One-Click`), and no session. The exception is narrow: the token in the path
// is the only authority (an HMAC under NEXTAUTH_SECRET naming one account and one topic), the only
// possible effect is turning that topic off (never on), and a forged cross-site POST can do no
// more than whoever holds the link, which is the recipient.
import { NextResponse } from "next/server";
import { unsubscribe } from "@/lib/domain/notifications/unsubscribe";
import { clientIp } from "@/lib/auth/client-ip";
import { AppError } from "@/lib/errors";
import { configuredOrigin } from "@/lib/security/deployment";
import { toErrorResponse } from "@/lib/server/map-error";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const MAX_BODY_BYTES = 8 * 1024;

async function oneClickBody(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send List-Unsubscribe=One-Click as a form body.");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  try {
    return await request.formData();
  } catch {
    throw new AppError("VALIDATION", "The form body could not be read.");
  }
}

export async function POST(request: Request, context: { params: Promise<{ token: string }> }): Promise<NextResponse> {
  try {
    const { token } = await context.params;
    const form = await oneClickBody(request);
    if (form.get("List-Unsubscribe") !== "One-Click") throw new AppError("VALIDATION", "Send List-Unsubscribe=One-Click.");
    const result = await unsubscribe(token, clientIp(request.headers) ?? "web");
    // The page's own form goes back to the page, which now says the reminders are off.
    if (form.get("from") === "page") {
      return NextResponse.redirect(new URL(`/unsubscribe/${encodeURIComponent(token)}?done=1`, configuredOrigin() ?? request.url), { status: 303, headers: { "Cache-Control": "no-store" } });
    }
    return NextResponse.json({ topic: result.topic, unsubscribed: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
  }
}
