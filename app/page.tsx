import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";

// Each role lands on its own home.
export default async function Home() {
  const actor = await getActor();
  redirect(actor ? HOME_BY_ROLE[actor.role] : "/sign-in");
}
