import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Page not found" };

// Any other path under /clinic: the 404 renders inside the area's layout (its not-found.tsx), which
// has the navigation. The actor is checked first, as on every page: a signed-out visitor signs in
// and comes back, another role gets the area's 403 (decision 042).
export default async function MissingPage() {
  await requirePageActor("CLINICIAN");
  notFound();
}
