#!/usr/bin/env node
// `npm start`: the whole waform flow on the built-in sandbox, with no account and no setup.
// validate -> plan -> apply (waits for approval, test-sends) -> plan again (nothing left to do).
// The demo keeps its own sandbox state (.waform/demo-sandbox.json), fresh on every run, so it
// never touches the state of your own `--sandbox` experiments.

import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const state = ".waform/demo-sandbox.json";
rmSync(new URL(`../${state}`, import.meta.url), { force: true });
const env = { ...process.env, WAFORM_SANDBOX_STATE: state };

const bold = process.stdout.isTTY && !process.env.NO_COLOR ? (s) => `\x1b[1m${s}\x1b[0m` : (s) => s;

function step(title, args, okCodes = [0]) {
  process.stdout.write(`\n${bold(`$ waform ${args.join(" ")}`)}   # ${title}\n`);
  const r = spawnSync(process.execPath, ["bin/waform.js", ...args], { cwd: root, env, stdio: "inherit" });
  if (!okCodes.includes(r.status ?? 1)) {
    process.stderr.write(`\ndemo stopped: \`waform ${args.join(" ")}\` exited ${r.status}\n`);
    process.exit(r.status ?? 1);
  }
  return r.status;
}

step("check templates.yaml offline against the schema and Meta's rules", ["validate"]);
step("what would change on the (empty) sandbox", ["plan", "--sandbox"]);
step("create everything, wait for approval, send the test messages", [
  "apply",
  "--sandbox",
  "--auto-approve",
]);
step("plan again: nothing left to do (exit 0 with --detailed-exitcode)", [
  "plan",
  "--sandbox",
  "--detailed-exitcode",
]);
process.stdout.write(
  "\nDemo complete. Try `npx waform sandbox --port 4010` to explore the simulated Partner API with curl.\n",
);
