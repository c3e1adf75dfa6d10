import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { checkData } from "./secrets.js";

/**
 * Writes a file so that a crash never leaves it torn: write a temp file beside it, fsync, then
 * rename over the target (atomic on POSIX). Files are data: written verbatim, refused (before
 * anything is created) if they would carry the value of a credential waform reads.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const data = checkData(content, path);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
