"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { SERIES_MAX, SERIES_MIN, ZScheduleSession, ZSessionSeries, type TSessionSeries } from "@/lib/validation/sessions";
import { previewSessionSeriesAction, scheduleSessionAction, scheduleSessionSeriesAction } from "../../actions";
import { errorsFor, failureStatus, type Status } from "../../_components/result-status";
import { readTimeFields, SessionTimeFields } from "../../_components/session-time-fields";
import { mondayOf } from "../../_components/week-dates";

type Repeat = "ONCE" | "WEEKLY" | "TWICE_WEEKLY";
type Row = { date: string; startsAt: string; label: string; shiftedTo: string | null; clash: string | null };
type Preview = { input: TSessionSeries; rows: Row[] };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Books a session for a plan, or a series (weekly or twice weekly, decision 038): a series is
 * previewed first, every occurrence listed with its clashes, and booked all at once without
 * the clashing ones. On success shows the week of the (first) session.
 */
export function ScheduleForm({ planId, timeZone, today }: { planId: string; timeZone: string; today: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(null);
  const [repeat, setRepeat] = useState<Repeat>("ONCE");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();

  function fieldFailure(fieldErrors: Record<string, string[]>, what: string) {
    setErrors(fieldErrors);
    setStatus({ tone: "error", message: `Please correct the highlighted fields. ${what}` });
    focusFirstError();
  }

  function runPreview(input: TSessionSeries, afterConflict?: string) {
    startTransition(async () => {
      const result = await previewSessionSeriesAction(input);
      if (!result.ok) {
        if (result.fieldErrors) fieldFailure(result.fieldErrors, "Nothing was booked.");
        else setStatus(failureStatus(result, () => router.refresh()));
        return;
      }
      setPreview({ input, rows: result.data.rows });
      const clashing = result.data.rows.filter((r) => r.clash).length;
      setStatus(
        afterConflict
          ? { tone: "error", message: afterConflict }
          : { tone: "success", message: `Preview ready: ${plural(result.data.rows.length, "session", "sessions")}, ${clashing === 0 ? "no clash" : plural(clashing, "clash", "clashes")}. Nothing is booked yet.` },
      );
    });
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const times = readTimeFields(form);
    setPreview(null);
    if (repeat === "ONCE") {
      const parsed = ZScheduleSession.safeParse({ planId, ...times });
      if (!parsed.success) return fieldFailure(fieldErrorsOf(parsed.error), "Nothing was booked.");
      setErrors({});
      setStatus(null);
      startTransition(async () => {
        const result = await scheduleSessionAction(parsed.data);
        if (!result.ok) {
          if (result.fieldErrors) fieldFailure(result.fieldErrors, "Nothing was booked.");
          else setStatus(failureStatus(result, () => router.refresh()));
          return;
        }
        router.push(`/clinic/sessions?week=${mondayOf(parsed.data.date)}&booked=${result.data.id}`);
      });
      return;
    }
    const d = new FormData(form);
    const input: TSessionSeries = { planId, ...times, frequency: repeat, secondDay: String(d.get("secondDay") ?? ""), count: String(d.get("count") ?? ""), skip: [] };
    const parsed = ZSessionSeries.safeParse(input);
    if (!parsed.success) return fieldFailure(fieldErrorsOf(parsed.error), "Nothing was previewed or booked.");
    setErrors({});
    setStatus(null);
    runPreview(input);
  }

  function bookSeries() {
    if (!preview) return;
    const skip = preview.rows.filter((r) => r.clash).map((r) => r.date);
    const input = { ...preview.input, skip };
    startTransition(async () => {
      const result = await scheduleSessionSeriesAction(input);
      if (!result.ok) {
        // A clash that appeared since the preview: nothing was booked; show the fresh preview.
        if (result.code === "CONFLICT") runPreview(preview.input, result.message);
        else if (result.fieldErrors) fieldFailure(result.fieldErrors, "Nothing was booked.");
        else setStatus(failureStatus(result, () => router.refresh()));
        return;
      }
      router.push(`/clinic/sessions?week=${mondayOf(result.data.firstDate)}&booked=${result.data.ids[0]}`);
    });
  }

  const clashes = preview?.rows.filter((r) => r.clash).length ?? 0;
  const free = (preview?.rows.length ?? 0) - clashes;

  return (
    <div className="space-y-4">
      {/* Any change after a preview withdraws it: what is booked is always what was previewed. */}
      <form ref={ref} onSubmit={onSubmit} onChange={() => setPreview(null)} noValidate aria-label="Book a session" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormStatus status={status} />
        <SessionTimeFields errors={errors} timeZone={timeZone} defaults={{ date: today, time: "", durationMin: 45 }} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Repeat</legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
            {(
              [
                ["ONCE", "Once"],
                ["WEEKLY", "Weekly"],
                ["TWICE_WEEKLY", "Twice weekly"],
              ] as const
            ).map(([value, text]) => (
              <label key={value} className="inline-flex min-h-11 items-center gap-2">
                <input type="radio" name="repeat" value={value} checked={repeat === value} onChange={() => setRepeat(value)} className="h-5 w-5" />
                {text}
              </label>
            ))}
          </div>
        </fieldset>
        {repeat !== "ONCE" && (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Number of sessions" hint={`${SERIES_MIN} to ${SERIES_MAX}, the first one included`} error={errorsFor(errors, "count")}>
              {(p) => <input {...p} name="count" inputMode="numeric" defaultValue={6} className={inputClass} />}
            </Field>
            {repeat === "TWICE_WEEKLY" && (
              <Field label="Second day of the week" hint="The first is the date's day" error={errorsFor(errors, "secondDay")}>
                {(p) => (
                  <select {...p} name="secondDay" defaultValue="" className={inputClass}>
                    <option value="">Choose a day</option>
                    {WEEKDAYS.map((day, i) => (
                      <option key={day} value={i + 1}>
                        {day}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>
        )}
        {errorsFor(errors, "skip").length > 0 && <p className="text-sm text-red-700">{errorsFor(errors, "skip").join(" ")}</p>}
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {repeat === "ONCE" ? (pending ? "Booking…" : "Book session") : pending && !preview ? "Checking…" : "Preview sessions"}
        </button>
      </form>

      {preview && (
        <section aria-labelledby="series-preview-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="series-preview-heading" className="text-lg font-semibold">
            {plural(preview.rows.length, "session", "sessions")}, clinic time ({timeZone})
          </h2>
          <p className="text-sm text-slate-700">
            {clashes === 0
              ? "None clashes with your other sessions. Nothing is booked until you confirm."
              : `${plural(clashes, "session clashes", "sessions clash")} with your other sessions and will not be booked. Book the ${plural(free, "other", "others")}, or change the time above and preview again.`}
          </p>
          <ol className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Sessions of the series">
            {preview.rows.map((r, i) => (
              <li key={r.date} className={`flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 ${r.clash ? "bg-amber-50" : ""}`}>
                <span>
                  <span className="mr-2 text-sm text-slate-600">{i + 1}.</span>
                  <span className="font-medium">{r.label}</span>
                  {r.shiftedTo && <span className="block text-sm text-slate-700">The clocks go forward that night: the time asked for does not exist, booked at {r.shiftedTo}.</span>}
                </span>
                {r.clash ? (
                  <span className="text-sm font-medium text-amber-900">
                    <span className="rounded bg-amber-200 px-1.5 py-0.5">Clash</span> {r.clash}: not booked
                  </span>
                ) : (
                  <span className="text-sm text-emerald-800">Free</span>
                )}
              </li>
            ))}
          </ol>
          <button type="button" onClick={bookSeries} disabled={pending || free === 0} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Booking…" : free === 0 ? "Every session clashes: change the time" : `Book ${plural(free, "session", "sessions")}`}
          </button>
        </section>
      )}
    </div>
  );
}
