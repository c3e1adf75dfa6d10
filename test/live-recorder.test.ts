// The live suite's recorder (test/live/recorder.ts), run here against the sandbox so its masking
// is checked on every `npm test`: no credential, recipient number or token-shaped value reaches a
// recording, and the recording is otherwise the raw exchange.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useSandbox } from "./helpers/sandbox.js";
import { Pacer, Recorder } from "./live/recorder.js";

const fx = useSandbox({ rateLimits: false });
const dir = mkdtempSync(join(tmpdir(), "waform-recorder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the live suite's recorder", () => {
  it("writes raw exchanges with every secret masked", async () => {
    const rec = new Recorder(fx.url, dir, new Pacer(100));
    const token = (
      await rec.call("app-token", "GET", "/partner/app/rec-app/token", {
        headers: { Authorization: "partner-secret-1" },
      })
    ).body as { token: { token: string } };
    const appToken = token.token.token;
    rec.secret("partner-secret-1");
    rec.secret("918888998545");
    const list = await rec.call("list", "GET", "/partner/app/rec-app/templates", {
      headers: { Authorization: appToken },
    });
    expect(list.status).toBe(200);
    await rec.call("echo", "POST", "/partner/app/rec-app/templates", {
      headers: { Authorization: appToken },
      form: { elementName: "x", destination: "918888998545" },
    });
    rec.findings["token"] = appToken;
    rec.save();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(["01-app-token.json", "02-list.json", "03-echo.json", "findings.json"]);
    const all = files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
    expect(all).not.toContain(appToken);
    expect(all).not.toContain("partner-secret-1");
    expect(all).not.toContain("918888998545");
    expect(JSON.parse(readFileSync(join(dir, "02-list.json"), "utf8"))).toEqual({
      name: "list",
      request: {
        method: "GET",
        path: "/partner/app/rec-app/templates",
        headers: ["Authorization", "accept"],
      },
      response: {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: { status: "success", templates: [] },
      },
    });
  });
});
