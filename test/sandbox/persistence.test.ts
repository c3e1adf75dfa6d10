import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/model/errors.js";
import { createVirtualClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { SANDBOX_EPOCH } from "../helpers/sandbox.js";
import { APP, appToken, create, list, textForm } from "./api.js";

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
async function start(stateFile: string, clock = createVirtualClock(SANDBOX_EPOCH)) {
  const s = await startSandbox({ stateFile, clock, approvalDelayMs: 1000 });
  running.push(s);
  return s;
}

describe("state file", () => {
  it("keeps templates, tokens and review timing across restarts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "waform-sandbox-"));
    const file = join(dir, "nested", "sandbox.json");
    const clock = createVirtualClock(SANDBOX_EPOCH);
    const first = await start(file, clock);
    const token = await appToken(first.url);
    const id = await create(first.url, token, textForm("kept"));
    await first.close();

    clock.advance(1000);
    const second = await start(file, clock);
    const rows = (await list(second.url, token)).body.templates;
    expect(rows.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([[id, "APPROVED"]]);
    // ids keep counting: no collision with what the first run issued
    const next = await create(second.url, token, textForm("more"));
    expect(next).not.toBe(id);
    expect(JSON.parse(readFileSync(file, "utf8")).templates).toHaveLength(2);
    expect(readdirSync(join(dir, "nested"))).toEqual(["sandbox.json"]);
  });

  it("refuses a damaged state file with a hint instead of starting empty", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "waform-sandbox-")), "s.json");
    writeFileSync(file, "{not json");
    await expect(start(file)).rejects.toBeInstanceOf(UserError);
    writeFileSync(file, '{"version":99}');
    await expect(start(file)).rejects.toThrow(/unknown format/);
  });

  it("starts empty when the file does not exist yet", async () => {
    const s = await start(join(mkdtempSync(join(tmpdir(), "waform-sandbox-")), "new.json"));
    expect((await list(s.url, await appToken(s.url, APP))).body.templates).toEqual([]);
  });
});
