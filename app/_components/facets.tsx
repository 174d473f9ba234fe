// Search facets of treatments and protocols (decision 040): their labels, the body-region
// checkboxes of the admin forms, and the tags shown in lists.
import Link from "next/link";
import { BodyRegion } from "@/lib/enums";

export const BODY_REGION_LABEL: Record<BodyRegion, string> = {
  NECK: "Neck",
  SHOULDER: "Shoulder",
  UPPER_BACK: "Upper back",
  LOWER_BACK: "Lower back",
  PELVIS_HIP: "Pelvis and hip",
  KNEE: "Knee",
  ANKLE_FOOT: "Ankle and foot",
  ELBOW_WRIST_HAND: "Elbow, wrist and hand",
  WHOLE_BODY: "Whole body",
};

export const BODY_REGION_CHOICES = Object.values(BodyRegion).map((r) => [r, BODY_REGION_LABEL[r]] as const);

/** Body-region checkboxes named `bodyRegions`, for a form read with FormData or controlled. */
export function BodyRegionBoxes({ checked, onChange, error }: { checked: readonly BodyRegion[]; onChange?: (regions: BodyRegion[]) => void; error?: string[] }) {
  return (
    <fieldset aria-describedby={error && error.length > 0 ? "body-regions-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Body regions</legend>
      <p className="text-xs text-slate-600">Where in the body it works: clinicians filter by these.</p>
      <div className="mt-2 grid gap-1 sm:grid-cols-3">
        {BODY_REGION_CHOICES.map(([region, text]) => (
          <label key={region} className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="bodyRegions"
              value={region}
              {...(onChange
                ? { checked: checked.includes(region), onChange: (e) => onChange(e.target.checked ? [...checked, region] : checked.filter((r) => r !== region)) }
                : { defaultChecked: checked.includes(region) })}
              className="h-5 w-5"
            />
            {text}
          </label>
        ))}
      </div>
      {error && error.length > 0 && (
        <p id="body-regions-error" className="mt-1 text-sm text-red-700">
          {error.join(" ")}
        </p>
      )}
    </fieldset>
  );
}

/** A row's regions, conditions and tags, each tag a link that filters the list by it. */
export function FacetSummary({ regions, conditions = [], tags, tagHref }: { regions: readonly BodyRegion[]; conditions?: readonly string[]; tags: readonly string[]; tagHref: (tag: string) => string }) {
  if (regions.length + conditions.length + tags.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {regions.map((r) => (
        <span key={r} className="rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900">
          {BODY_REGION_LABEL[r]}
        </span>
      ))}
      {conditions.map((c) => (
        <span key={c} className="rounded bg-violet-100 px-1.5 py-0.5 text-xs text-violet-900">
          {c}
        </span>
      ))}
      {tags.map((t) => (
        <Link key={t} href={tagHref(t)} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800 underline-offset-2 hover:underline">
          <span className="sr-only">Tag: </span>#{t}
        </Link>
      ))}
    </span>
  );
}
