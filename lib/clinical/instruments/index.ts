// The instruments this product ships, as data (docs/decisions/045). The database holds each clinic's
// versioned copy (InstrumentDefinition), seeded from these; scores of stored responses are
// reproduced from them exactly (tests/integration/instrument-rescore.test.ts).
import type { InstrumentDefinition } from "./definition";
import { NPRS } from "./nprs";
import { ODI } from "./odi";
import { PSFS } from "./psfs";
import { RMDQ } from "./rmdq";

export const INSTRUMENT_CODES = ["NPRS", "ODI", "RMDQ", "PSFS"] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export const CODE_DEFINITIONS: Readonly<Record<InstrumentCode, InstrumentDefinition>> = { NPRS, ODI, RMDQ, PSFS };

/** The shipped definition of an instrument. */
export function shippedDefinition(code: InstrumentCode): InstrumentDefinition {
  return CODE_DEFINITIONS[code];
}

export const isInstrumentCode = (value: string): value is InstrumentCode => (INSTRUMENT_CODES as readonly string[]).includes(value);

/** Questionnaires a patient answers at home (NPRS is the daily pain report, not a questionnaire). */
export const QUESTIONNAIRE_CODES = ["ODI", "RMDQ", "PSFS"] as const satisfies readonly InstrumentCode[];

export { NPRS, ODI, PSFS, RMDQ };
export type { InstrumentDefinition } from "./definition";
