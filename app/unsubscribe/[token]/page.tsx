import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeUnsubscribe } from "@/lib/domain/notifications/unsubscribe";
import { isAppError } from "@/lib/errors";
import { unsubscribeTopicLabel } from "@/lib/messaging/templates";

export const metadata: Metadata = { title: "Stop reminders", robots: { index: false } };

// The page a reminder email's "Stop …" link opens (decision 035). No sign-in. Opening it changes
// nothing (mail scanners open links): the button posts to the one-click route, which turns off
// this kind of reminder only and sends the browser back here.
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await params;
  const done = (await searchParams).done === "1";
  let state;
  try {
    state = await describeUnsubscribe(token);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const label = unsubscribeTopicLabel(state.topic);
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="text-center text-sm font-semibold uppercase tracking-wide text-brand-700">{state.clinicName}</p>
        {state.on ? (
          <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6">
            <h1 className="text-2xl font-semibold">Stop {label}?</h1>
            <p className="mt-3 text-slate-700">
              You will no longer get {label} by email or on your phone. Other reminders stay as they are.
            </p>
            <form method="post" action={`/api/v1/unsubscribe/${encodeURIComponent(token)}`} className="mt-6">
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <input type="hidden" name="from" value="page" />
              <button type="submit" className="min-h-11 w-full rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700">
                Stop {label}
              </button>
            </form>
          </div>
        ) : (
          <div className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 p-6" role={done ? "status" : undefined}>
            <h1 className="text-2xl font-semibold">{done ? `${Label} are now off` : `${Label} are off`}</h1>
            <p className="mt-3 text-slate-800">You will not get {label} any more. Other reminders stay as they are.</p>
          </div>
        )}
        <p className="mt-6 text-center text-sm text-slate-600">
          To choose which reminders you get, and when, sign in and open{" "}
          <Link href="/my/settings" className="font-medium text-brand-700 underline">
            Reminder settings
          </Link>
          .
        </p>
      </div>
    </main>
  );
}
