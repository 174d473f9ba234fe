import type { Metadata } from "next";
import { ClinicCalendarView } from "@/app/_components/calendar/clinic-calendar";
import { getClinicCalendar } from "@/lib/domain/sessions/calendar";
import { todayIn } from "@/lib/domain/schedule/dates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZCalendarQuery } from "@/lib/validation/sessions";

export const metadata: Metadata = { title: "Clinic calendar" };

/** Every clinician's sessions (decision 038): the names of the clinician's own care-team patients, "Busy" for the rest. */
export default async function ClinicCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = ZCalendarQuery.parse(await searchParams);
  const actor = await requirePageActor("CLINICIAN", `/clinic/calendar${query.date ? `?view=${query.view}&date=${query.date}` : ""}`);
  const today = todayIn(actor.timeZone);
  const calendar = await loadForPage(() => getClinicCalendar(actor, { view: query.view, date: query.date ?? today }));
  return <ClinicCalendarView calendar={calendar} basePath="/clinic/calendar" today={today} timeZone={actor.timeZone} sessionHref={(s) => (s.patientName ? `/clinic/sessions/${s.id}` : null)} />;
}
