import { AreaNotFound } from "@/app/_components/area-not-found";

// Unknown pages and records of this area answer 404 inside its layout, with its navigation (decision 042).
export default function NotFound() {
  return <AreaNotFound home="/admin/catalog" homeLabel="Go to the catalog" />;
}
