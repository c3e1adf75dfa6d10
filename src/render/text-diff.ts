// A unified diff of two texts (template bodies), as lines: `@@ … @@` hunk headers, then ` `, `-`
// and `+` lines. Only render/ imports `diff`.

import { structuredPatch } from "diff";

export function unifiedDiffLines(before: string, after: string, context = 3): string[] {
  // a trailing newline on both sides keeps "\ No newline at end of file" out of the output
  const patch = structuredPatch("remote", "declared", `${before}\n`, `${after}\n`, "", "", { context });
  return patch.hunks.flatMap((h) => [
    `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    ...h.lines.filter((l) => !l.startsWith("\\")),
  ]);
}
