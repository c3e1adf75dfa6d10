// Writes docs/rules.md from the rules' metadata in the code (run `npm run docs:rules`, which builds
// first). test/config/rules-doc.test.ts fails when the committed page differs from this output.
import { writeFileSync } from "node:fs";
import { renderRulesDoc } from "../dist/render/rules-doc.js";

const target = new URL("../docs/rules.md", import.meta.url);
writeFileSync(target, renderRulesDoc());
process.stderr.write("wrote docs/rules.md\n");
