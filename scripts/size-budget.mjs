// Fails when what browsers get, the minified JS and CSS, grows past its budget
// after `gzip -9`.
// Measured with the gzip program itself when present (its header carries the
// file name), else Node's zlib plus that name, so both agree with `gzip -9 FILE`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";

export function gzipSize(path) {
  try {
    return execFileSync("gzip", ["-9", "-c", path]).length;
  } catch {
    return gzipSync(readFileSync(path), { level: 9 }).length + basename(path).length + 1;
  }
}

const budgets = [
  ["static/toastkit/toastkit.min.js", 2048],
  ["static/toastkit/toastkit.min.css", 1536],
];
let failed = false;
for (const [path, budget] of budgets) {
  const bytes = gzipSize(path);
  const ok = bytes <= budget;
  failed ||= !ok;
  console.log(`${ok ? "ok  " : "OVER"} ${path}: ${bytes} B gzip -9 (budget ${budget} B)`);
}
process.exit(failed ? 1 : 0);
