// Guideline statements for the seed catalog's treatments, for low back pain (issue 16).
// Every statement is taken from the guideline's own recommendation text, found with the search
// tool and cited here; where a guideline says nothing about a treatment the stance is
// NOT_COVERED, never a guess. How they were verified: docs/decisions/043-guideline-statement-sources.md.

export type GuidelineStance = "RECOMMEND" | "CONSIDER" | "CONSIDER_WITH_CONDITION" | "DO_NOT_OFFER" | "NOT_COVERED";

export type SeedGuidelineStatement = {
  /** The catalog item's name exactly as in catalog.ts. */
  treatment: string;
  /** Lowercase condition the statement is about, matched against a plan's condition. */
  condition: "low back pain";
  /** Who the statement applies to, in the guideline's terms, e.g. "Adults with low back pain with or without sciatica". */
  population: string;
  source: {
    /** e.g. "Low back pain and sciatica in over 16s: assessment and management (NG59)". */
    guideline: string;
    publisher: string;
    year: number;
    /** The recommendation's number in the guideline, e.g. "1.2.7"; null when NOT_COVERED. */
    recommendation: string | null;
    url: string;
  };
  stance: GuidelineStance;
  /** For CONSIDER_WITH_CONDITION: the stated condition, e.g. "only as part of a treatment package including exercise". */
  stanceCondition: string | null;
  /** True when the stated condition is that the plan includes exercise. */
  requiresExercise: boolean;
  /** The recommendation's own words, verbatim (short); null when NOT_COVERED. */
  quote: string | null;
  /** Set for guidance that was withdrawn or replaced: shown as superseded, never as current. */
  superseded: { by: string; year: number } | null;
  /** ISO date the statement was last checked against its source. */
  lastCheckedOn: string;
  /** How it was verified, or why the stance is NOT_COVERED. */
  note: string;
};

// ---------------------------------------------------------------------------------------------
// Sources (all found with the search tool, corpus "pages"; see ADR 043 for the queries):
//  - NICE NG59: the recommendation wording was read on NHS formulary pages reproducing the
//    recommendations (southwest/northeast.devonformularyguidance.nhs.uk), the FHT news item citing
//    "(1.2.7. NG59)", Australian Prescriber's letter quoting 1.2.8's words on acupuncture, NICE's own
//    "information for the public" page (nice.org.uk/guidance/ng59/ifp) and Medscape's summary for
//    TENS/PENS/ultrasound. NICE's own recommendations page was NOT in the corpus.
//  - ACP 2017: the abstract on acpjournals.org/doi/10.7326/M16-2367 (Recommendations 1 and 2, verbatim).
//  - NICE CG88: nice.org.uk/guidance/cg88/chapter/1-guidance and /key-priorities-for-implementation,
//    plus a 2009 verbatim copy of section 1.5 (laser, interferential, ultrasound, TENS).
// ---------------------------------------------------------------------------------------------

const CHECKED = "2026-12-06";

const NG59 = {
  guideline: "Low back pain and sciatica in over 16s: assessment and management (NG59)",
  publisher: "National Institute for Health and Care Excellence (NICE)",
  year: 2016,
  url: "https://www.nice.org.uk/guidance/ng59",
};
const NG59_POPULATION = "People aged 16 and over with low back pain with or without sciatica";

const ACP = {
  guideline: "Noninvasive Treatments for Acute, Subacute, and Chronic Low Back Pain: A Clinical Practice Guideline From the American College of Physicians (Qaseem et al., Ann Intern Med 2017;166:514-530)",
  publisher: "American College of Physicians (ACP)",
  year: 2017,
  url: "https://www.acpjournals.org/doi/10.7326/M16-2367",
};
const ACP_ACUTE = "Adults with acute or subacute low back pain";
const ACP_CHRONIC = "Adults with chronic low back pain";

const CG88 = {
  guideline: "Low back pain: early management of persistent non-specific low back pain (CG88)",
  publisher: "National Institute for Health and Clinical Excellence (NICE)",
  year: 2009,
  url: "https://www.nice.org.uk/guidance/cg88",
};
const CG88_POPULATION =
  "Adults with persistent or recurrent non-specific low back pain that has lasted for more than 6 weeks, but for less than 12 months";
const CG88_SUPERSEDED = { by: "NICE NG59", year: 2016 };

// Verbatim recommendation texts (short quotes), reused by several treatments.
const NG59_EXERCISE_QUOTE =
  "Consider a group exercise programme (biomechanical, aerobic, mind–body or a combination of approaches) within the NHS for people with a specific episode or flare-up of low back pain with or without sciatica.";
const NG59_MANUAL_QUOTE =
  "Consider manual therapy (spinal manipulation, mobilisation or soft tissue techniques such as massage) for managing low back pain with or without sciatica, but only as part of a treatment package including exercise, with or without psychological therapy.";
const NG59_MANUAL_CONDITION = "only as part of a treatment package including exercise, with or without psychological therapy";
const ACP_REC1_QUOTE =
  "clinicians and patients should select nonpharmacologic treatment with superficial heat (moderate-quality evidence), massage, acupuncture, or spinal manipulation (low-quality evidence).";
const ACP_REC2_QUOTE =
  "For patients with chronic low back pain, clinicians and patients should initially select nonpharmacologic treatment with exercise, multidisciplinary rehabilitation, acupuncture, mindfulness-based stress reduction (moderate-quality evidence), tai chi, yoga, motor control exercise, progressive relaxation, electromyography biofeedback, low-level laser therapy, operant therapy, cognitive behavioral therapy, or spinal manipulation (low-quality evidence).";
const CG88_EXERCISE_QUOTE = "Consider offering a structured exercise programme tailored to the person";
const CG88_MANUAL_QUOTE =
  "Consider offering a course of manual therapy, including spinal manipulation, comprising up to a maximum of nine sessions over a period of up to 12 weeks.";

const NG59_NUMBER_NOTE =
  "The recommendation's number is read from the order of NG59's section 1.2 (1.2.1 self-management, 1.2.2 exercise, 1.2.3–1.2.5 orthotics, 1.2.6 traction, 1.2.7 manual therapy, 1.2.8 acupuncture, 1.2.9–1.2.12 electrotherapies); 1.2.7 is cited with its number by the FHT (2016); the others are corroborated only by another project's research notes found with find_string, which list NG59 (read via NCBI Bookshelf NBK562933) as 1.2.1 self-management, 1.2.2 exercise, 1.2.8 acupuncture, 1.2.9–1.2.12 ultrasound / PENS / TENS / interferential. NICE's own page was not in the corpus: re-check the number there before relying on it.";
const ACP_LIST_NOTE =
  "ACP grades this a strong recommendation; the treatment is one option in a list to choose from (shared choice between clinician and patient), not a first choice over the others.";

type Src = typeof NG59;
function st(
  treatment: string,
  source: Src,
  recommendation: string | null,
  population: string,
  stance: SeedGuidelineStatement["stance"],
  quote: string | null,
  note: string,
  extra: Partial<Pick<SeedGuidelineStatement, "stanceCondition" | "requiresExercise" | "superseded">> = {},
): SeedGuidelineStatement {
  return {
    treatment,
    condition: "low back pain",
    population,
    source: { ...source, recommendation },
    stance,
    stanceCondition: extra.stanceCondition ?? null,
    requiresExercise: extra.requiresExercise ?? false,
    quote,
    superseded: extra.superseded ?? (source === CG88 ? CG88_SUPERSEDED : null),
    lastCheckedOn: CHECKED,
    note,
  };
}

const ICE_HEAT = "Alternating ice and heat therapy";
const CHIRO = "Chiropractic adjustment";
const DEEP_MASSAGE = "Deep tissue massage";
const MANUAL_RELEASE = "Muscle release therapy (manual)";
const FOAM = "Foam-roller release";
const CHILDS_POSE = "Child's pose stretch";
const BRIDGING = "Bridging";
const CAT_COW = "Cat-cow stretch";
const CORE = "Core strengthening program";
const POSTURE = "Posture correction";
const DRY_NEEDLING = "Dry needling";
const LASER = "Laser therapy";
const SHOCK_WAVE = "Shock wave therapy";
const SIS = "Super inductive stimulation";
const WIRELESS_EMS = "Wireless electrical muscle stimulation";
const EDUCATION = "Education: lifting and posture";

/** The four exercises in the catalog that are exercise in every source's sense. */
const EXERCISES: { name: string; kind: string }[] = [
  { name: CHILDS_POSE, kind: "a stretching exercise (biomechanical exercise in NG59's terms)" },
  { name: BRIDGING, kind: "a strengthening exercise (biomechanical exercise in NG59's terms)" },
  { name: CAT_COW, kind: "a mobility exercise (biomechanical exercise in NG59's terms)" },
  { name: CORE, kind: "a trunk stabilisation programme (biomechanical exercise; ACP's 'motor control exercise')" },
  { name: POSTURE, kind: "postural exercise (position holds and repetitions). NG59 does not name posture correction; it is mapped to exercise because it is delivered as exercise, and CG88 listed 'postural control' among an exercise programme's elements" },
];

function exerciseStatements(name: string, kind: string): SeedGuidelineStatement[] {
  return [
    st(name, NG59, "1.2.2", NG59_POPULATION, "CONSIDER", NG59_EXERCISE_QUOTE,
      `Mapped as ${kind}. NG59 recommends considering a group exercise programme; a home or one-to-one exercise is the same kind of treatment but NG59's wording is "group". ${NG59_NUMBER_NOTE}`),
    st(name, ACP, "Recommendation 2", ACP_CHRONIC, "RECOMMEND", ACP_REC2_QUOTE,
      `Mapped as ${kind} ("exercise" / "motor control exercise" in Recommendation 2). ${ACP_LIST_NOTE}`),
    st(name, ACP, null, ACP_ACUTE, "NOT_COVERED", null,
      "Recommendation 1 (acute or subacute low back pain) lists superficial heat, massage, acupuncture and spinal manipulation; exercise is not among its options. Searched the ACP abstract (acpjournals.org) for Recommendation 1's wording."),
    st(name, CG88, "1.3.3", CG88_POPULATION, "CONSIDER", CG88_EXERCISE_QUOTE,
      `Mapped as ${kind}. Superseded by NG59 (2016): shown for history only.`),
  ];
}

export const GUIDELINE_STATEMENTS: SeedGuidelineStatement[] = [
  // --- Alternating ice and heat therapy -------------------------------------------------------
  st(ICE_HEAT, NG59, null, NG59_POPULATION, "NOT_COVERED", null,
    "NG59's non-invasive recommendations (self-management, exercise, orthotics, traction, manual therapy, acupuncture, electrotherapies, psychological therapy) say nothing on heat or cold that a search found. One secondary CPD page says local heat is 'indicated' but cites several sources, not a NG59 recommendation, so it was not used."),
  st(ICE_HEAT, ACP, "Recommendation 1", ACP_ACUTE, "RECOMMEND", ACP_REC1_QUOTE,
    `Covers the heat half only: ACP names "superficial heat" (moderate-quality evidence); it says nothing on cold or on alternating cold and heat. ${ACP_LIST_NOTE}`),
  st(ICE_HEAT, ACP, null, ACP_CHRONIC, "NOT_COVERED", null,
    "Recommendation 2 (chronic low back pain) does not list heat or cold among its options."),

  // --- Chiropractic adjustment (spinal manipulation / mobilisation) ----------------------------
  st(CHIRO, NG59, "1.2.7", NG59_POPULATION, "CONSIDER_WITH_CONDITION", NG59_MANUAL_QUOTE,
    "Spinal manipulation or mobilisation is named in 1.2.7. Number confirmed by the FHT news item quoting '(1.2.7. NG59)'.",
    { stanceCondition: NG59_MANUAL_CONDITION, requiresExercise: true }),
  st(CHIRO, ACP, "Recommendation 1", ACP_ACUTE, "RECOMMEND", ACP_REC1_QUOTE,
    `"Spinal manipulation" (low-quality evidence). ${ACP_LIST_NOTE}`),
  st(CHIRO, ACP, "Recommendation 2", ACP_CHRONIC, "RECOMMEND", ACP_REC2_QUOTE,
    `"Spinal manipulation" (low-quality evidence). ${ACP_LIST_NOTE}`),
  st(CHIRO, CG88, "1.4.1", CG88_POPULATION, "CONSIDER", CG88_MANUAL_QUOTE,
    "Superseded by NG59 (2016), which keeps manual therapy only as part of a package including exercise."),

  // --- Deep tissue massage -------------------------------------------------------------------
  st(DEEP_MASSAGE, NG59, "1.2.7", NG59_POPULATION, "CONSIDER_WITH_CONDITION", NG59_MANUAL_QUOTE,
    "Massage is named in 1.2.7 as a soft tissue technique.",
    { stanceCondition: NG59_MANUAL_CONDITION, requiresExercise: true }),
  st(DEEP_MASSAGE, ACP, "Recommendation 1", ACP_ACUTE, "RECOMMEND", ACP_REC1_QUOTE,
    `"Massage" (low-quality evidence). ${ACP_LIST_NOTE}`),
  st(DEEP_MASSAGE, ACP, null, ACP_CHRONIC, "NOT_COVERED", null,
    "Recommendation 2 (chronic low back pain) does not list massage among its options."),
  st(DEEP_MASSAGE, CG88, "1.4.1", CG88_POPULATION, "CONSIDER", CG88_MANUAL_QUOTE,
    "CG88's manual therapy is a collective term including spinal manipulation, mobilisation and massage (as summarised by NHS Wales' GP CPD page; CG88's own footnote was not shown by the search). Superseded by NG59 (2016)."),

  // --- Muscle release therapy (manual) -------------------------------------------------------
  st(MANUAL_RELEASE, NG59, "1.2.7", NG59_POPULATION, "CONSIDER_WITH_CONDITION", NG59_MANUAL_QUOTE,
    "Manual myofascial / trigger-point release is a therapist-applied soft tissue technique, which 1.2.7 covers ('soft tissue techniques such as massage').",
    { stanceCondition: NG59_MANUAL_CONDITION, requiresExercise: true }),
  st(MANUAL_RELEASE, ACP, "Recommendation 1", ACP_ACUTE, "RECOMMEND", ACP_REC1_QUOTE,
    `Mapped to ACP's "massage" as a manual soft tissue technique; ACP does not name myofascial release separately, so this mapping is a judgement (ADR 043). ${ACP_LIST_NOTE}`),
  st(MANUAL_RELEASE, ACP, null, ACP_CHRONIC, "NOT_COVERED", null,
    "Recommendation 2 (chronic low back pain) does not list massage or soft tissue techniques among its options."),
  st(MANUAL_RELEASE, CG88, "1.4.1", CG88_POPULATION, "CONSIDER", CG88_MANUAL_QUOTE,
    "Mapped to manual therapy (soft tissue). Superseded by NG59 (2016)."),

  // --- Foam-roller release -------------------------------------------------------------------
  st(FOAM, NG59, null, NG59_POPULATION, "NOT_COVERED", null,
    "Self-myofascial release with a foam roller is neither therapist-applied manual therapy (1.2.7) nor an exercise programme in NG59's sense (biomechanical, aerobic, mind–body); no NG59 recommendation names it. Searched NG59's recommendation wording for soft tissue, self-management and exercise."),
  st(FOAM, ACP, null, ACP_ACUTE, "NOT_COVERED", null,
    "Not among Recommendation 1's options (superficial heat, massage, acupuncture, spinal manipulation); self-administered foam rolling is not massage by a therapist."),
  st(FOAM, ACP, null, ACP_CHRONIC, "NOT_COVERED", null,
    "Not among Recommendation 2's options."),

  // --- Exercises: child's pose, bridging, cat-cow, core programme, posture correction ----------
  ...EXERCISES.flatMap((e) => exerciseStatements(e.name, e.kind)),

  // --- Dry needling --------------------------------------------------------------------------
  st(DRY_NEEDLING, NG59, null, NG59_POPULATION, "NOT_COVERED", null,
    "NG59 says 'Do not offer acupuncture for managing low back pain with or without sciatica' (1.2.8). Dry needling (needling of myofascial trigger points) is treated here as a different treatment from acupuncture, and no search result showed whether NG59's acupuncture review included dry needling: could not be verified here. A clinician should read 1.2.8 before choosing it."),
  st(DRY_NEEDLING, ACP, null, ACP_ACUTE, "NOT_COVERED", null,
    "Recommendation 1 names acupuncture, not dry needling; by the same rule as for NG59 (dry needling is not acupuncture) it is not mapped. Could not be verified here whether ACP's evidence review counted dry needling as acupuncture."),
  st(DRY_NEEDLING, ACP, null, ACP_CHRONIC, "NOT_COVERED", null,
    "Recommendation 2 names acupuncture, not dry needling; not mapped (see the acute statement)."),
  st(DRY_NEEDLING, CG88, null, CG88_POPULATION, "NOT_COVERED", null,
    "CG88 1.6.1 said 'Consider offering a course of acupuncture needling'; dry needling is not mapped to acupuncture (same rule). Superseded by NG59 (2016)."),

  // --- Laser therapy -------------------------------------------------------------------------
  st(LASER, NG59, null, NG59_POPULATION, "NOT_COVERED", null,
    "NG59's electrotherapy recommendations name ultrasound, PENS, TENS and interferential therapy; none found names laser. CG88's 'Do not offer laser therapy' was not carried into NG59's recommendations. Whether NG59's evidence review looked at laser could not be verified here."),
  st(LASER, ACP, "Recommendation 2", ACP_CHRONIC, "RECOMMEND", ACP_REC2_QUOTE,
    `"Low-level laser therapy" (low-quality evidence). Applies to low-level laser only; the catalog item also allows high-intensity laser, which ACP does not address. ${ACP_LIST_NOTE}`),
  st(LASER, ACP, null, ACP_ACUTE, "NOT_COVERED", null,
    "Recommendation 1 (acute or subacute low back pain) does not list laser therapy."),
  st(LASER, CG88, "1.5.1", CG88_POPULATION, "DO_NOT_OFFER", "Do not offer laser therapy.",
    "Superseded by NG59 (2016), which has no laser recommendation: shown for history only, never as current advice."),

  // --- Shock wave therapy --------------------------------------------------------------------
  st(SHOCK_WAVE, NG59, null, NG59_POPULATION, "NOT_COVERED", null,
    "No NG59 recommendation names shock wave therapy (searched the electrotherapies and manual therapy recommendations)."),
  st(SHOCK_WAVE, ACP, null, ACP_ACUTE, "NOT_COVERED", null, "Not among Recommendation 1's options."),
  st(SHOCK_WAVE, ACP, null, ACP_CHRONIC, "NOT_COVERED", null, "Not among Recommendation 2's options."),

  // --- Super inductive stimulation -----------------------------------------------------------
  st(SIS, NG59, null, NG59_POPULATION, "NOT_COVERED", null,
    "Electromagnetic (inductive, no skin contact) stimulation is not one of the electrotherapies NG59 names (ultrasound, PENS, TENS, interferential therapy); it passes no current through electrodes, so it is not mapped to TENS or interferential therapy. NICE's public summary speaks of 'electrotherapy (passing electric current or ultrasound waves through the body)'; it is not a recommendation."),
  st(SIS, ACP, null, ACP_ACUTE, "NOT_COVERED", null, "Not among Recommendation 1's options."),
  st(SIS, ACP, null, ACP_CHRONIC, "NOT_COVERED", null, "Not among Recommendation 2's options."),

  // --- Wireless electrical muscle stimulation ------------------------------------------------
  st(WIRELESS_EMS, NG59, "1.2.11", NG59_POPULATION, "DO_NOT_OFFER",
    "Do not offer transcutaneous electrical nerve simulation (TENS) for managing low back pain with or without sciatica.",
    `The catalog item is "electrical stimulation (EMS/TENS) delivered through adhesive electrodes", so its TENS use falls under this recommendation. NG59 does not address neuromuscular stimulation for muscle re-education. Exact wording unverified: no search result showed this sentence verbatim. It follows NG59's pattern seen verbatim for acupuncture ("Do not offer acupuncture for managing low back pain with or without sciatica", Australian Prescriber 2017) with the term as two UK summaries report it ("transcutaneous electrical nerve simulation (TENS)", sic); the stance itself is confirmed by Medscape, a UK CPD page and NICE's public summary. ${NG59_NUMBER_NOTE}`),
  st(WIRELESS_EMS, ACP, null, ACP_ACUTE, "NOT_COVERED", null, "Recommendation 1 does not list TENS or electrical stimulation."),
  st(WIRELESS_EMS, ACP, null, ACP_CHRONIC, "NOT_COVERED", null,
    "Recommendation 2 does not list TENS or electrical stimulation (it lists electromyography biofeedback, which is not stimulation)."),
  st(WIRELESS_EMS, CG88, "1.5.4", CG88_POPULATION, "DO_NOT_OFFER",
    "Do not offer transcutaneous electrical nerve simulation (TENS).",
    "Superseded by NG59 (2016), which keeps the same advice (see the NG59 statement)."),

  // --- Education: lifting and posture --------------------------------------------------------
  st(EDUCATION, NG59, "1.2.1", NG59_POPULATION, "RECOMMEND",
    "Provide advice and information (including the nature of low back pain and sciatica) to help them self-manage at all steps of the treatment pathway.",
    `NG59's self-management recommendation ("Provide", a strong wording) includes encouragement to continue with normal activities, which this education covers. Quote as reproduced on the NHS Devon formulary page, which condenses NG59's sentence; NICE's own page was not in the corpus. ${NG59_NUMBER_NOTE}`),
  st(EDUCATION, ACP, null, ACP_ACUTE, "NOT_COVERED", null,
    "Recommendations 1 and 2 do not list education or advice among their options (searched the ACP abstract)."),
  st(EDUCATION, ACP, null, ACP_CHRONIC, "NOT_COVERED", null,
    "Recommendation 2 does not list education or advice among its options."),
  st(EDUCATION, CG88, "1.2.1", CG88_POPULATION, "RECOMMEND",
    "Provide people with advice and information to promote self-management of their low back pain.",
    "CG88 1.2.3 added: 'do not offer stand-alone formal education programmes'. Superseded by NG59 (2016)."),
];
