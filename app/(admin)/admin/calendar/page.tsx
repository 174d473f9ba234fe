import type { Metadata } from "next";
import { ClinicCalendarView } from "@/app/_components/calendar/clinic-calendar";
import { getClinicCalendar } from "@/lib/domain/sessions/calendar";
import { todayIn } from "@/lib/domain/schedule/dates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZCalendarQuery } from "@/lib/validation/sessions";

export const metadata: Metadata = { title: "Clinic calendar" };

/** Every clinician's occupancy (decision 038): times only, no patient (admins see no clinical records). */
export default async function AdminCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = ZCalendarQuery.parse(await searchParams);
  const actor = await requirePageActor("ADMIN", `/admin/calendar${query.date ? `?view=${query.view}&date=${query.date}` : ""}`);
  const today = todayIn(actor.timeZone);
  const calendar = await loadForPage(() => getClinicCalendar(actor, { view: query.view, date: query.date ?? today }));
  return <ClinicCalendarView calendar={calendar} basePath="/admin/calendar" today={today} timeZone={actor.timeZone} sessionHref={() => null} />;
}
