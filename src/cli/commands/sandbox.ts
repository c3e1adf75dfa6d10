import type { Command } from "commander";

export function registerSandbox(program: Command): void {
  program
    .command("sandbox")
    .description("serve the local Partner API simulator on 127.0.0.1 until interrupted")
    .option("-p, --port <port>", "port to listen on (0: any free port)", "4010")
    .option("--state <file>", "keep the sandbox state in this JSON file (default: in memory)")
    .option("--approval-delay <duration>", "how long templates stay PENDING, e.g. 10s, 2m", "10s")
    .option("--seed <n>", "seed for generated ids and injected faults", "1")
    .option(
      "--faults <spec>",
      "inject faults, e.g. 5xx=0.1,429=0.05,reset=0.02,lost=0.01,latency=100-500,match=POST",
    )
    .option("--no-rate-limits", "turn the per-app rate limits off")
    .option(
      "--rows <file>",
      'load raw list rows verbatim from a JSON file {"apps": {"<appId>": {"templates": [rows]}}}, e.g. examples/accounts/legacy-account.json',
    )
    .option("--strict", "answer 400 to form requests with fields the Partner API does not document")
    .option("--edit-omitted <rule>", "what an edit does to a field it omits: keep or clear", "clear")
    .action(async (opts) => (await import("../actions/sandbox.js")).runSandbox(opts));
}
