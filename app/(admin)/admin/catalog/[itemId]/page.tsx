import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/app/_components/format";
import { getCatalogItem } from "@/lib/domain/catalog/get-catalog-item";
import { getCatalogItemUsage } from "@/lib/domain/catalog/usage";
import { listCatalogMedia } from "@/lib/domain/media/catalog-media";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { CatalogItemForm } from "../_components/catalog-item-form";
import { CatalogMediaManager } from "../_components/catalog-media-manager";
import { CatalogItemStatusActions } from "../_components/status-actions";
import { listGuidelineStatements } from "@/lib/domain/guidelines/list-guideline-statements";
import { GuidelineStatementsEditor } from "../_components/guideline-statements-editor";

export const metadata: Metadata = { title: "Edit treatment" };

export default async function CatalogItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ itemId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { itemId } = await params;
  const actor = await requirePageActor("ADMIN", `/admin/catalog/${itemId}`);
  const item = await loadForPage(() => getCatalogItem(actor, itemId));
  const media = await loadForPage(() => listCatalogMedia(actor, item.id));
  const guidelines = await loadForPage(() => listGuidelineStatements(actor, item.id));
  // Only an ACTIVE item can be retired: the dialog shows what uses it, and the retire action
  // carries this fingerprint so that a change in between is a conflict (ADR 040).
  const usage = item.status === "ACTIVE" ? await loadForPage(() => getCatalogItemUsage(actor, item.id)) : null;
  const query = await searchParams;
  const created = query.created === "1";
  // Only the save that produced the version on screen is confirmed.
  const saved = query.saved === String(item.version);
  return (
    <div className="mx-auto max-w-3xl">
      <Link href="/admin/catalog" className="text-sm text-brand-700 underline">← Treatment catalog</Link>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{item.name}</h1>
          <p className="text-slate-600">
            {label(item.status)} · version {item.version} · used by {item.usedByPlans} plan {item.usedByPlans === 1 ? "activity" : "activities"} and{" "}
            {item.usedByTemplates} template {item.usedByTemplates === 1 ? "item" : "items"}
          </p>
        </div>
        <CatalogItemStatusActions item={{ id: item.id, name: item.name, status: item.status, version: item.version, inUse: item.usedByPlans + item.usedByTemplates > 0 }} usage={usage} />
      </div>
      <div aria-live="polite">
        {created && <p className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">Created as a draft. Activate it when clinicians may use it.</p>}
        {saved && <p className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">Saved. Plans that already use this treatment keep the version they were given.</p>}
      </div>
      <div className="mt-6">
        <CatalogItemForm key={item.version} item={item} />
      </div>
      <section aria-labelledby="guideline-statements" className="mt-8">
        <h2 id="guideline-statements" className="text-xl font-semibold">
          Guideline statements
        </h2>
        <GuidelineStatementsEditor catalogItemId={item.id} statements={guidelines.statements} history={guidelines.history} timeZone={actor.timeZone} />
      </section>
      <CatalogMediaManager itemId={item.id} media={media.map((m) => ({ id: m.id, kind: m.kind, altText: m.altText, caption: m.caption, url: m.url, version: m.version, hasPoster: m.poster !== null, hasCaptions: m.captionsUrl !== null }))} />
    </div>
  );
}
