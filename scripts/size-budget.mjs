// Fails when toastkit's shipped JS or CSS grows past its gzip -9 budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const budgets = [
  ["static/toastkit/toastkit.js", 2048],
  ["static/toastkit/toastkit.css", 1536],
];
let failed = false;
for (const [path, budget] of budgets) {
  const bytes = gzipSync(readFileSync(path), { level: 9 }).length;
  const ok = bytes <= budget;
  failed ||= !ok;
  console.log(`${ok ? "ok  " : "OVER"} ${path}: ${bytes} B gzip -9 (budget ${budget} B)`);
}
process.exit(failed ? 1 : 0);
