import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { checkData } from "./secrets.js";

/**
 * Writes a file so that a crash never leaves it torn: write a temp file beside it, fsync, then
 * rename over the target (atomic on POSIX). Files are data: written verbatim, refused (before
 * anything is created) if they would carry the value of a credential waform reads.
 * The primitive under cli/output-file.ts's `writeOutputFile`, which decides when a target may be
 * renamed over (a regular file or a new path) and checks its directory exists: commands use that.
 * `mode`: the permissions of the file it replaces (a new file gets 0600).
 */
export async function writeFileAtomic(path: string, content: string, mode = 0o600): Promise<void> {
  const data = checkData(content, path);
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(data, "utf8");
    if (mode !== 0o600) await handle.chmod(mode);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
