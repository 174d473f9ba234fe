import { Field, inputClass } from "@/app/_components/form/field";
import { errorsFor } from "./result-status";

type Props = {
  errors: Record<string, string[]>;
  timeZone: string;
  defaults: { date: string; time: string; durationMin: number | string };
};

/** Date, wall-clock time in the clinic's time zone, and duration: booking and rescheduling share them. */
export function SessionTimeFields({ errors, timeZone, defaults }: Props) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Field label="Date" error={errorsFor(errors, "date")}>
        {(p) => <input {...p} type="date" name="date" defaultValue={defaults.date} className={inputClass} />}
      </Field>
      <Field label="Time" hint={`Clinic time (${timeZone})`} error={errorsFor(errors, "time")}>
        {(p) => <input {...p} type="time" name="time" defaultValue={defaults.time} className={inputClass} />}
      </Field>
      <Field label="Duration (minutes)" hint="5 to 240" error={errorsFor(errors, "durationMin")}>
        {(p) => <input {...p} name="durationMin" inputMode="numeric" defaultValue={defaults.durationMin} className={inputClass} />}
      </Field>
    </div>
  );
}

export function readTimeFields(form: HTMLFormElement): { date: string; time: string; durationMin: string } {
  const d = new FormData(form);
  return { date: String(d.get("date") ?? ""), time: String(d.get("time") ?? ""), durationMin: String(d.get("durationMin") ?? "") };
}
