import type { Metadata } from "next";
import Link from "next/link";
import { TemplatePreview } from "@/app/_components/template-preview";
import { getTemplate } from "@/lib/domain/templates/get-template";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { OwnProtocolNote } from "../_components/own-protocol-note";

export const metadata: Metadata = { title: "Protocol" };

export default async function ProtocolPage({ params }: { params: Promise<{ templateId: string }> }) {
  const { templateId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/protocols/${templateId}`);
  const template = await loadForPage(() => getTemplate(actor, templateId));
  return (
    <div className="mx-auto max-w-4xl">
      <Link href="/clinic/protocols" className="text-sm text-brand-700 underline">← Protocols</Link>
      {template.mine && (
        <div className="mt-2">
          <OwnProtocolNote proposalStatus={template.proposalStatus} proposalNote={template.proposalNote} />
        </div>
      )}
      <div className="mt-2">
        <TemplatePreview template={template} level={1} />
      </div>
    </div>
  );
}
