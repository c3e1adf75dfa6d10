// Writes src/config/templates-validator.generated.ts, ajv's standalone validator of
// schemas/templates.schema.json (run `npm run schema:validator`, which builds first, after changing
// the schema). test/config/schema-validator.test.ts fails when the committed file differs from
// this output.
import { writeFileSync } from "node:fs";
import { standaloneValidatorCode } from "../dist/config/schema-compile.js";

writeFileSync(
  new URL("../src/config/templates-validator.generated.ts", import.meta.url),
  standaloneValidatorCode(),
);
process.stderr.write("wrote src/config/templates-validator.generated.ts (npm run build to compile it)\n");
