// Builds the minified files browsers get from the readable sources:
//   static/toastkit/toastkit.js  -> static/toastkit/toastkit.min.js  (terser)
//   static/toastkit/toastkit.css -> static/toastkit/toastkit.min.css (esbuild)
// `node scripts/build.mjs --check` writes nothing and fails when a committed
// minified file is not exactly what the build makes (the test suite runs it).
import { readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";
import { minify } from "terser";

/** Internal property names the build may shorten (like Preact's mangle.json):
 * the per-toast state record of toastkit.js, never seen outside it. */
const INTERNAL_PROPERTIES = /^(remaining|startedAt|timer|copies|collapseKey|twinKey|bar)$/;

async function buildJs(source) {
  const { code } = await minify(source, {
    ecma: 2020,
    compress: { passes: 3, pure_getters: true, toplevel: true, unsafe_arrows: true },
    mangle: { properties: { regex: INTERNAL_PROPERTIES } },
    format: { comments: false },
  });
  return code + "\n";
}

function buildCss(source) {
  const { code } = transformSync(source, {
    loader: "css",
    minify: true,
    // Keep modern syntax as written (:has, logical properties, nesting-free).
    target: ["chrome114", "firefox125", "safari17"],
  });
  return code;
}

const FILES = [
  ["static/toastkit/toastkit.js", "static/toastkit/toastkit.min.js", buildJs],
  ["static/toastkit/toastkit.css", "static/toastkit/toastkit.min.css", buildCss],
];

const check = process.argv.includes("--check");
let stale = false;
for (const [source, output, build] of FILES) {
  const built = await build(readFileSync(source, "utf8"));
  if (!check) {
    writeFileSync(output, built);
    console.log(`wrote ${output}`);
    continue;
  }
  let committed = null;
  try {
    committed = readFileSync(output, "utf8");
  } catch {
    // a missing file is stale
  }
  if (committed === built) {
    console.log(`ok    ${output} is what the build makes of ${source}`);
  } else {
    stale = true;
    console.log(`STALE ${output}: run \`npm run build\` and commit it`);
  }
}
process.exit(stale ? 1 : 0);
