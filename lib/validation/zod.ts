// The one place the app imports zod's runtime from (eslint enforces it), so that this setting is
// in force before any schema is built. Zod 4 compiles object parsers with `new Function` and probes
// for it once; under the app's CSP (script-src without 'unsafe-eval') even the caught probe is
// reported as a violation in the browser. Jitless parsing gives the same results.
import { z } from "zod";

z.config({ jitless: true });

export { z };
