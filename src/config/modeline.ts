// The `# yaml-language-server: $schema=…` first line of a templates file, which points editors at
// waform's JSON Schema. `init` and `import` write the same one: a path relative to the file, to the
// schema of the waform the project installs (`node_modules/waform/schemas/…`), so it is valid for
// everyone who clones the project and runs `npm ci`, not only on the machine that wrote it.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const SCHEMA_IN_PACKAGE = join("schemas", "templates.schema.json");
const MODELINE = /^# yaml-language-server:[^\n]*/;

function isWaformPackage(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
    return pkg.name === "waform" && existsSync(join(dir, SCHEMA_IN_PACKAGE));
  } catch {
    return false;
  }
}

/**
 * Where the schema is for a file in `dir`: the nearest `node_modules/waform` above it (as Node
 * resolves packages); else, in the project (nearest package.json), where `npm install waform`
 * will put it; else beside the file. In waform's own repository, its `schemas/`.
 */
function schemaPathFor(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules", "waform", SCHEMA_IN_PACKAGE)))
      return join(d, "node_modules", "waform", SCHEMA_IN_PACKAGE);
    if (dirname(d) === d) break;
  }
  for (let d = dir; ; d = dirname(d)) {
    if (isWaformPackage(d)) return join(d, SCHEMA_IN_PACKAGE);
    if (existsSync(join(d, "package.json"))) return join(d, "node_modules", "waform", SCHEMA_IN_PACKAGE);
    if (dirname(d) === d) break;
  }
  return join(dir, "node_modules", "waform", SCHEMA_IN_PACKAGE);
}

/** The modeline for a templates file at `file` (relative paths from the working directory). */
export function schemaModeline(file: string): string {
  const dir = dirname(resolve(file));
  let path = relative(dir, schemaPathFor(dir)).split(sep).join("/");
  if (!path.startsWith(".")) path = `./${path}`;
  return `# yaml-language-server: $schema=${path}`;
}

/** `yaml` with its modeline (the first line, when it is one) set to the one for `file`. */
export function withModeline(yaml: string, file: string): string {
  const line = schemaModeline(file);
  return MODELINE.test(yaml) ? yaml.replace(MODELINE, line) : `${line}\n${yaml}`;
}
