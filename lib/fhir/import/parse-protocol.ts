// Reads a protocol from FHIR R4 (ADR 051): a Bundle holding one PlanDefinition and the
// ActivityDefinitions its actions name, or a bare PlanDefinition with them `contained`. Checks, in
// order, R4 structure (medplum), then our own rules: the required bindings we rely on (status,
// kinds, categories, settings, phases, contraindications), every action's definitionCanonical
// resolving inside the input, and every value as our own forms' zod schemas take it (dose ranges,
// lengths). Every problem becomes one OperationOutcome issue with a FHIRPath `expression`.
// Pure: no database; the domain function decides what to match and create.
import type { ActivityDefinition, Coding, Extension, OperationOutcomeIssue, PlanDefinition } from "@medplum/fhirtypes";
import type { z } from "zod";
import { BodyRegion, CatalogCategory, CatalogKind, Contraindication, Setting, TreatmentPhase } from "@/lib/db/generated/enums";
import { ZCatalogItemInput, ZDose, type TCatalogItemInput, type TDose } from "@/lib/validation/catalog";
import { ZIcd10Code, ZTemplateInput, MAX_TEMPLATE_ITEMS } from "@/lib/validation/templates";
import { EXTENSIONS, SYSTEMS } from "../systems";
import { IMPORT_EXTENSIONS, IMPORT_SYSTEMS, treatmentCode } from "./systems";
import { structureIssues } from "./structure";

export type ImportedActivity = {
  /** How actions point at it: its canonical `url`, or `#id` when contained. */
  key: string;
  /** Where it is in the input, for messages. */
  path: string;
  /** Clinic-independent treatment code (ADR 051): the identifier's, else derived from the name. */
  code: string;
  item: TCatalogItemInput;
};

export type ImportedAction = { activityKey: string; setting: Setting; phase: TreatmentPhase; dose: TDose };

export type ImportedProtocol = {
  name: string;
  condition: string;
  icd10Code: string | null;
  description: string;
  bodyRegions: BodyRegion[];
  tags: string[];
  /** The source PlanDefinition's canonical url, when it has one (recorded in the audit event). */
  sourceUrl: string | null;
  actions: ImportedAction[];
  activities: ImportedActivity[];
};

export type ParseResult = { ok: true; protocol: ImportedProtocol } | { ok: false; issues: OperationOutcomeIssue[] };

type IssueCode = "structure" | "required" | "value" | "code-invalid" | "not-found" | "not-supported" | "business-rule" | "invalid";

const PUBLICATION_STATUS = new Set(["draft", "active", "retired", "unknown"]);
const ACTIVITY_KINDS_OK = new Set(["ServiceRequest", "Task", "CommunicationRequest"]);

class Issues {
  readonly list: OperationOutcomeIssue[] = [];
  add(code: IssueCode, diagnostics: string, expression?: string): void {
    this.list.push({ severity: "error", code, diagnostics, ...(expression ? { expression: [expression] } : {}) });
  }
}

const extPath = (path: string, url: string) => `${path}.extension.where(url='${url}')`;
const extensionsOf = (r: { extension?: Extension[] }, url: string) => (r.extension ?? []).filter((e) => e.url === url);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One of our enum codes from a Coding, or an issue. `required`: absent is an issue too. */
function enumCode<T extends string>(issues: Issues, values: Record<string, T>, coding: Coding | undefined, what: string, where: string, required: boolean): T | undefined {
  const code = coding?.code;
  if (code === undefined) {
    if (required) issues.add("required", `${what} is required.`, where);
    return undefined;
  }
  if (!Object.values(values).includes(code as T)) {
    issues.add("code-invalid", `${what} "${code}" is not one of ${Object.values(values).join(", ")}.`, where);
    return undefined;
  }
  return code as T;
}

function checkStatus(issues: Issues, status: string | undefined, path: string): void {
  if (status !== undefined && !PUBLICATION_STATUS.has(status)) issues.add("code-invalid", `status "${status}" is not in the required value set publication-status (draft, active, retired, unknown).`, `${path}.status`);
}

/** The dose extension's values; a unit other than the one its element takes is an issue. */
function readDose(issues: Issues, holder: { extension?: Extension[] }, path: string): Record<string, unknown> {
  const dose: Record<string, unknown> = { durationMin: null, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null };
  const [ext] = extensionsOf(holder, EXTENSIONS.dose);
  if (!ext) return dose;
  const base = extPath(path, EXTENSIONS.dose);
  const units: Record<string, string> = { holdSec: "s", durationMin: "min" };
  for (const sub of ext.extension ?? []) {
    const where = `${base}.extension.where(url='${sub.url}')`;
    if (!(sub.url in dose)) {
      issues.add("structure", `Unknown dose part "${sub.url}" (expected sets, reps, holdSec, durationMin, timesPerDay, daysPerWeek).`, where);
      continue;
    }
    const unit = units[sub.url];
    if (unit) {
      const d = sub.valueDuration;
      if (d?.value === undefined) issues.add("required", `${sub.url} needs a valueDuration with a value.`, where);
      else if (d.code !== undefined && d.code !== unit) issues.add("value", `${sub.url} must be in "${unit}" (UCUM), not "${d.code}".`, `${where}.valueDuration.code`);
      else dose[sub.url] = d.value;
    } else if (sub.valueInteger === undefined) issues.add("required", `${sub.url} needs a valueInteger.`, where);
    else dose[sub.url] = sub.valueInteger;
  }
  return dose;
}

/** Maps each zod issue of `schema` on `value` to an OperationOutcome issue at `expressionFor(path)`. */
function zodIssues<S extends z.ZodType>(issues: Issues, schema: S, value: unknown, expressionFor: (path: PropertyKey[]) => string): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    let v: unknown = value;
    for (const k of issue.path) v = isObject(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[k as never] : undefined;
    const missing = v === undefined || v === null || (typeof v === "string" && v.trim() === "");
    issues.add(missing ? "required" : "value", issue.message, expressionFor(issue.path));
  }
  return undefined;
}

const DOSE_PART = (base: string, part: PropertyKey) => `${extPath(base, EXTENSIONS.dose)}.extension.where(url='${String(part)}')`;

function readActivity(issues: Issues, ad: ActivityDefinition, path: string, key: string): ImportedActivity | undefined {
  const before = issues.list.length;
  checkStatus(issues, ad.status, path);
  if (ad.kind !== undefined && !ACTIVITY_KINDS_OK.has(ad.kind)) issues.add("not-supported", `kind "${ad.kind}" is not a request we can carry out (ServiceRequest, Task or CommunicationRequest).`, `${path}.kind`);
  const kindCoding = ad.topic?.flatMap((t) => t.coding ?? []).find((c) => c.system === SYSTEMS.catalogKind);
  const kind = enumCode(issues, CatalogKind, kindCoding, "The treatment's kind (topic, system catalog-kind)", `${path}.topic`, true);
  const categoryCoding = ad.code?.coding?.find((c) => c.system === SYSTEMS.catalogCategory);
  const category = enumCode(issues, CatalogCategory, categoryCoding, "The treatment's category (code, system catalog-category)", `${path}.code`, true);
  const setting = enumCode(issues, Setting, extensionsOf(ad, EXTENSIONS.setting)[0]?.valueCoding, "The treatment's setting (setting extension)", extPath(path, EXTENSIONS.setting), true);
  const contraindications = extensionsOf(ad, EXTENSIONS.contraindication).map((e, i) =>
    enumCode(issues, Contraindication, e.valueCoding, "A contraindication", `${extPath(path, EXTENSIONS.contraindication)}[${i}]`, true),
  );
  const bodyRegions = extensionsOf(ad, IMPORT_EXTENSIONS.bodyRegion).map((e, i) => enumCode(issues, BodyRegion, e.valueCoding, "A body region", `${extPath(path, IMPORT_EXTENSIONS.bodyRegion)}[${i}]`, true));
  const dose = readDose(issues, ad, path);
  const raw = {
    name: ad.title ?? ad.name,
    kind,
    category,
    setting,
    description: ad.description,
    patientInstructions: ad.usage,
    dose,
    contraindications: contraindications.filter(Boolean),
    equipment: extensionsOf(ad, EXTENSIONS.equipment).map((e) => e.valueString),
    bodyRegions: bodyRegions.filter(Boolean),
    conditions: extensionsOf(ad, IMPORT_EXTENSIONS.condition).map((e) => e.valueString),
    tags: extensionsOf(ad, IMPORT_EXTENSIONS.tag).map((e) => e.valueString),
  };
  // The enum fields were checked above with their own issues: only the rest goes to zod's.
  const FIELD: Record<string, (rest: PropertyKey[]) => string> = {
    name: () => `${path}.title`,
    description: () => `${path}.description`,
    patientInstructions: () => `${path}.usage`,
    dose: ([part]) => DOSE_PART(path, part ?? ""),
    equipment: ([i]) => `${extPath(path, EXTENSIONS.equipment)}${i === undefined ? "" : `[${String(i)}]`}`,
    conditions: () => extPath(path, IMPORT_EXTENSIONS.condition),
    tags: () => extPath(path, IMPORT_EXTENSIONS.tag),
  };
  const schema = ZCatalogItemInput.omit({ kind: true, category: true, setting: true, contraindications: true, bodyRegions: true });
  const rest = zodIssues(issues, schema, raw, ([field, ...more]) => (FIELD[String(field)] ?? (() => path))(more));
  if (issues.list.length > before || !rest || !kind || !category || !setting) return undefined;
  const identifierCode = ad.identifier?.find((i) => i.system === IMPORT_SYSTEMS.treatment)?.value;
  const code = treatmentCode(identifierCode ?? rest.name) || treatmentCode(rest.name);
  return {
    key,
    path,
    code,
    item: { ...rest, kind, category, setting, contraindications: raw.contraindications as Contraindication[], bodyRegions: raw.bodyRegions as BodyRegion[] },
  };
}

/** The activities an input offers, by the key an action's definitionCanonical uses. */
function collectActivities(input: Record<string, unknown>): { plan?: { pd: PlanDefinition; path: string }; activities: Map<string, { ad: ActivityDefinition; path: string }>; problems: [IssueCode, string, string][] } {
  const activities = new Map<string, { ad: ActivityDefinition; path: string }>();
  const problems: [IssueCode, string, string][] = [];
  if (input.resourceType === "PlanDefinition") {
    const pd = input as unknown as PlanDefinition;
    (pd.contained ?? []).forEach((r, i) => {
      if (r.resourceType === "ActivityDefinition" && r.id) activities.set(`#${r.id}`, { ad: r, path: `PlanDefinition.contained[${i}]` });
    });
    return { plan: { pd, path: "PlanDefinition" }, activities, problems };
  }
  const entries = (input.entry as { fullUrl?: string; resource?: { resourceType?: string } }[] | undefined) ?? [];
  const plans: { pd: PlanDefinition; path: string }[] = [];
  entries.forEach((entry, i) => {
    const path = `Bundle.entry[${i}].resource`;
    const r = entry.resource;
    if (r?.resourceType === "PlanDefinition") plans.push({ pd: r as PlanDefinition, path });
    else if (r?.resourceType === "ActivityDefinition") {
      const ad = r as ActivityDefinition;
      if (!ad.url) problems.push(["required", "An ActivityDefinition in a Bundle needs its canonical url, which the PlanDefinition's actions point at.", `${path}.url`]);
      else if (activities.has(ad.url)) problems.push(["business-rule", `Two ActivityDefinitions share the url ${ad.url}.`, `${path}.url`]);
      else activities.set(ad.url, { ad, path });
    }
  });
  if (plans.length !== 1) problems.push(["business-rule", plans.length === 0 ? "The Bundle holds no PlanDefinition." : `The Bundle holds ${plans.length} PlanDefinitions; import one protocol at a time.`, "Bundle.entry"]);
  return { plan: plans.length === 1 ? plans[0] : undefined, activities, problems };
}

/** Parses and checks an import; every problem found is listed, not just the first. */
export function parseProtocol(input: unknown): ParseResult {
  const issues = new Issues();
  if (!isObject(input) || typeof input.resourceType !== "string") {
    issues.add("structure", "Expected a FHIR resource: a JSON object with a resourceType (a Bundle or a PlanDefinition).");
    return { ok: false, issues: issues.list };
  }
  if (input.resourceType !== "Bundle" && input.resourceType !== "PlanDefinition") {
    issues.add("not-supported", `A ${input.resourceType} cannot be imported as a protocol: send a Bundle (with a PlanDefinition and its ActivityDefinitions) or a PlanDefinition with its ActivityDefinitions contained.`, "resourceType");
    return { ok: false, issues: issues.list };
  }
  const structural = structureIssues(input);
  if (structural.length) return { ok: false, issues: structural };

  const { plan, activities, problems } = collectActivities(input);
  for (const [code, text, where] of problems) issues.add(code, text, where);
  if (!plan) return { ok: false, issues: issues.list };
  const { pd, path } = plan;

  checkStatus(issues, pd.status, path);
  const focus = pd.useContext?.find((u) => u.code?.code === "focus")?.valueCodeableConcept;
  const icd10 = focus?.coding?.find((c) => c.system === SYSTEMS.icd10cm)?.code ?? null;
  const regions = extensionsOf(pd, IMPORT_EXTENSIONS.bodyRegion).map((e, i) => enumCode(issues, BodyRegion, e.valueCoding, "A body region", `${extPath(path, IMPORT_EXTENSIONS.bodyRegion)}[${i}]`, true));
  const header = zodIssues(
    issues,
    ZTemplateInput.pick({ name: true, condition: true, description: true, tags: true }).extend({ icd10Code: ZIcd10Code }),
    {
      name: pd.title ?? pd.name,
      condition: focus?.text ?? focus?.coding?.find((c) => c.display)?.display,
      icd10Code: icd10,
      description: pd.description ?? "",
      tags: extensionsOf(pd, IMPORT_EXTENSIONS.tag).map((e) => e.valueString),
    },
    ([field]) =>
      ({ name: `${path}.title`, condition: `${path}.useContext.where(code.code='focus').valueCodeableConcept.text`, icd10Code: `${path}.useContext.where(code.code='focus').valueCodeableConcept.coding`, description: `${path}.description`, tags: extPath(path, IMPORT_EXTENSIONS.tag) })[String(field)] ?? path,
  );

  const actions = pd.action ?? [];
  if (actions.length === 0) issues.add("required", "The protocol has no actions: add at least one treatment.", `${path}.action`);
  if (actions.length > MAX_TEMPLATE_ITEMS) issues.add("business-rule", `A protocol holds at most ${MAX_TEMPLATE_ITEMS} treatments; this one has ${actions.length}.`, `${path}.action`);

  const readActivities = new Map<string, ImportedActivity | undefined>();
  const imported: ImportedAction[] = [];
  actions.forEach((action, i) => {
    const at = `${path}.action[${i}]`;
    if (action.action?.length) issues.add("not-supported", "Nested actions are not supported: a protocol is one ordered list of treatments.", `${at}.action`);
    const canonical = action.definitionCanonical;
    if (!canonical) {
      issues.add("required", "Each action needs a definitionCanonical naming its ActivityDefinition.", `${at}.definitionCanonical`);
      return;
    }
    const [url, version] = canonical.split("|") as [string, string | undefined];
    const target = activities.get(url);
    if (!target) {
      issues.add("not-found", `${canonical} does not resolve to an ActivityDefinition in this ${input.resourceType === "Bundle" ? "Bundle" : "PlanDefinition's contained resources"}.`, `${at}.definitionCanonical`);
      return;
    }
    if (version !== undefined && target.ad.version !== undefined && target.ad.version !== version) {
      issues.add("not-found", `${canonical} asks for version ${version}, but the ActivityDefinition in the input is version ${target.ad.version}.`, `${at}.definitionCanonical`);
      return;
    }
    if (!readActivities.has(url)) readActivities.set(url, readActivity(issues, target.ad, target.path, url));
    const activity = readActivities.get(url);
    const phase = enumCode(issues, TreatmentPhase, extensionsOf(action, EXTENSIONS.phase)[0]?.valueCoding, "The action's phase (treatment-phase extension)", extPath(at, EXTENSIONS.phase), true);
    // No setting on the action: the treatment's own.
    const settingCoding = extensionsOf(action, EXTENSIONS.setting)[0]?.valueCoding;
    const setting = settingCoding ? enumCode(issues, Setting, settingCoding, "The action's setting (setting extension)", extPath(at, EXTENSIONS.setting), true) : activity?.item.setting;
    const dose = zodIssues(issues, ZDose, readDose(issues, action, at), ([part]) => DOSE_PART(at, part ?? ""));
    if (activity && setting && activity.item.setting !== "BOTH" && setting !== activity.item.setting) {
      issues.add("business-rule", `${activity.item.name} is ${activity.item.setting === "IN_CLINIC" ? "given in the clinic only" : "done at home only"}; the action schedules it as ${setting}.`, extPath(at, EXTENSIONS.setting));
    }
    if (activity && phase && setting && dose) imported.push({ activityKey: url, setting, phase, dose });
  });

  if (issues.list.length || !header) return { ok: false, issues: issues.list };
  return {
    ok: true,
    protocol: {
      name: header.name,
      condition: header.condition,
      icd10Code: header.icd10Code,
      description: header.description,
      bodyRegions: regions.filter((r): r is BodyRegion => r !== undefined),
      tags: header.tags ?? [],
      sourceUrl: pd.url ?? null,
      actions: imported,
      activities: [...readActivities.values()].filter((a): a is ImportedActivity => a !== undefined),
    },
  };
}
