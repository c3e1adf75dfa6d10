import { afterEach, describe, expect, it, vi } from "vitest";
import { runSandbox } from "../../src/cli/actions/sandbox.js";
import { UserError } from "../../src/model/errors.js";

const defaults = { port: "0", approvalDelay: "10s", seed: "1", rateLimits: true, editOmitted: "clear" };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("waform sandbox", () => {
  it("prints the URL and the env lines, serves curl-style requests, and stops on SIGINT", async () => {
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const running = runSandbox({ ...defaults });
    await vi.waitFor(() => expect(out).toContain("listening on"));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect(out).toContain(`export GUPSHUP_BASE_URL=${url}`);
    expect(out).toContain("export GUPSHUP_PARTNER_TOKEN=any");

    const token = (await fetch(`${url}/partner/app/my-app/token`, { headers: { authorization: "any" } }).then(
      (r) => r.json(),
    )) as { token: { token: string } };
    const list = await fetch(`${url}/partner/app/my-app/templates`, {
      headers: { authorization: token.token.token },
    });
    expect(await list.json()).toEqual({ status: "success", templates: [] });

    process.emit("SIGINT");
    await running;
    expect(out).toContain("waform sandbox stopped");
    await expect(fetch(`${url}/__sandbox/health`)).rejects.toThrow();
  });

  it.each([
    [{ port: "70000" }, /--port/],
    [{ approvalDelay: "later" }, /--approval-delay/],
    [{ faults: "boom=1" }, /--faults: unknown fault/],
    [{ seed: "-1" }, /--seed/],
  ])("refuses %j", async (over, message) => {
    await expect(runSandbox({ ...defaults, ...over })).rejects.toThrow(message);
    await expect(runSandbox({ ...defaults, ...over })).rejects.toBeInstanceOf(UserError);
  });
});

describe("waform sandbox --rows", () => {
  it("serves a rows file's rows verbatim, with --strict and --edit-omitted applied", async () => {
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const file = new URL("../../examples/accounts/legacy-account.json", import.meta.url).pathname;
    const running = runSandbox({ ...defaults, rows: file, strict: true, editOmitted: "keep" });
    await vi.waitFor(() => expect(out).toContain("listening on"));
    expect(out).toContain("loaded 138 raw rows for 1 app");
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const config = (await fetch(`${url}/__sandbox/config`).then((r) => r.json())) as Record<string, unknown>;
    expect(config).toMatchObject({ strict: true, editOmitted: "keep" });
    const app = "5f7c2b1e-9a44-4c3d-8e21-0a9b8c7d6e5f";
    const token = (await fetch(`${url}/partner/app/${app}/token`, { headers: { authorization: "any" } }).then(
      (r) => r.json(),
    )) as { token: { token: string } };
    const list = (await fetch(`${url}/partner/app/${app}/templates`, {
      headers: { authorization: token.token.token },
    }).then((r) => r.json())) as { templates: { elementName?: string; category?: string }[] };
    expect(list.templates).toHaveLength(138);
    expect(list.templates.find((t) => t.elementName === "legacy_auto_reply")?.category).toBe("AUTO_REPLY");
    process.emit("SIGINT");
    await running;
  });

  it.each([
    [{ editOmitted: "maybe" }, /--edit-omitted must be keep or clear/],
    [{ rows: "/no/such/rows.json" }, /--rows \/no\/such\/rows\.json: no such file or directory$/],
    [{ rows: new URL("../../package.json", import.meta.url).pathname }, /expected \{"apps"/],
  ])("refuses %j", async (over, message) => {
    await expect(runSandbox({ ...defaults, ...over })).rejects.toThrow(message);
  });
});
