import type { TemplateDto, TemplateItemDto } from "@/lib/domain/templates/dto";
import { groupByPhase } from "@/lib/domain/templates/rules";
import { describeDose } from "@/lib/domain/plans/dto";
import { label } from "./format";

export type TemplatePreviewData = Pick<TemplateDto, "id" | "name" | "condition" | "icd10Code" | "description" | "items">;

const HEADINGS = { 1: ["h1", "h2"], 2: ["h2", "h3"], 3: ["h3", "h4"] } as const;

/**
 * A protocol template as clinicians read it: condition, description, then the treatments phase by
 * phase (pain relief first) with setting, dose, patient instructions and contraindications. The
 * admin's preview renders this same component with the items clinicians can see.
 */
export function TemplatePreview({ template, level = 1 }: { template: TemplatePreviewData; level?: 1 | 2 | 3 }) {
  const [Title, PhaseHeading] = HEADINGS[level];
  const groups = groupByPhase(template.items);
  return (
    <article aria-labelledby={`template-${template.id}-title`} className="space-y-4">
      <header>
        <Title id={`template-${template.id}-title`} className={level === 1 ? "text-2xl font-semibold" : "text-xl font-semibold"}>
          {template.name}
        </Title>
        <p className="text-slate-700">
          {template.condition}
          {template.icd10Code && (
            <>
              {" "}· ICD-10 <span className="font-mono">{template.icd10Code}</span>
            </>
          )}
        </p>
        {template.description && <p className="mt-2 max-w-prose whitespace-pre-line text-slate-700">{template.description}</p>}
      </header>
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          None of this protocol&apos;s treatments are currently offered in the catalog.
        </p>
      ) : (
        groups.map((group) => (
          <section key={group.phase} aria-labelledby={`template-${template.id}-${group.phase}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <PhaseHeading id={`template-${template.id}-${group.phase}`} className="text-lg font-semibold">
              {label(group.phase)}
            </PhaseHeading>
            <ol className="mt-2 divide-y divide-slate-100">
              {group.items.map((item) => (
                <PreviewItem key={item.id} item={item} />
              ))}
            </ol>
          </section>
        ))
      )}
    </article>
  );
}

function PreviewItem({ item }: { item: TemplateItemDto }) {
  const dose = describeDose(item.dose);
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{item.name}</span>
        <span className="text-xs text-slate-600">
          {label(item.kind)} · {label(item.setting)}
        </span>
      </div>
      {dose && <p className="text-sm text-slate-700">{dose}</p>}
      {item.contraindications.length > 0 && (
        <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
          Contraindicated with: {item.contraindications.map(label).join(", ")}
        </p>
      )}
      <details className="mt-1 text-sm">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700">Patient instructions</summary>
        <p className="text-slate-700">{item.instructions}</p>
      </details>
    </li>
  );
}
