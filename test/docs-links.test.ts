// The README and the docs link only to what a reader of this repository has: every relative link
// resolves to a file or directory inside the repository (and a `#section` to a heading of it).

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (["node_modules", ".git", "dist", "fixtures", "golden", "output"].includes(e.name)) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? markdownFiles(p) : e.name.endsWith(".md") ? [p] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    out.add(
      m[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-"),
    );
  }
  for (const m of text.matchAll(/<a (?:id|name)="([^"]+)"/g)) out.add(m[1]!);
  return out;
}

/** The link targets of a Markdown text, outside code blocks and code spans. */
function links(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

const files = markdownFiles(ROOT);

describe("links in the README and the docs", () => {
  it("finds the README, docs/ and the other pages", () => {
    const names = files.map((f) => relative(ROOT, f));
    expect(names).toEqual(
      expect.arrayContaining(["README.md", "docs/ci.md", "docs/rules.md", "docs/architecture.md"]),
    );
  });

  it.each(files.map((f) => [relative(ROOT, f), f] as const))(
    "%s links only inside the repository",
    (_, file) => {
      const text = readFileSync(file, "utf8");
      const bad: string[] = [];
      for (const target of links(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // a URL (https:, mailto:): not a path
        const [path, hash] = target.split("#") as [string, string | undefined];
        const resolved = path === "" ? file : resolve(dirname(file), decodeURIComponent(path));
        if (resolved !== ROOT && !resolved.startsWith(ROOT + sep)) {
          bad.push(`${target}: outside the repository`);
          continue;
        }
        if (!existsSync(resolved)) {
          bad.push(`${target}: no such file`);
          continue;
        }
        if (hash && statSync(resolved).isFile() && resolved.endsWith(".md")) {
          if (!anchors(readFileSync(resolved, "utf8")).has(hash)) bad.push(`${target}: no such section`);
        }
      }
      expect(bad).toEqual([]);
    },
  );

  it("the checker finds a link out of the repository", () => {
    expect(links("see [design](../shared/DESIGN.md) and `[no](../x)`")).toEqual(["../shared/DESIGN.md"]);
  });
});
