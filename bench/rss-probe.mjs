// Preloaded with `node --import` into every measured process: on exit, writes the process's peak
// resident set size (kB) to the file named by BENCH_RSS_FILE. Reads nothing, prints nothing.

import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
