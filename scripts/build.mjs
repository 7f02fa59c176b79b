// Builds the minified files browsers get from the readable sources:
//   static/toastkit/toastkit.js  -> static/toastkit/toastkit.min.js  (terser)
//   static/toastkit/toastkit-live.js -> static/toastkit/toastkit-live.min.js (terser)
//   static/toastkit/toastkit.css -> static/toastkit/toastkit.min.css (esbuild)
// `node scripts/build.mjs --check` writes nothing and fails when a committed
// minified file is not exactly what the build makes (the test suite runs it).
import { readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";
import { minify } from "terser";

/** Property names the build may shorten (like Preact's `_` names and
 * mangle.json): those of toastkit.js's per-toast state record, ToastState,
 * which all start with `_` and are never seen outside the script. A DOM or
 * public name never starts with `_`, so a new one is never shortened. */
const INTERNAL_PROPERTY = /^_/;

/** The properties the ToastState typedef of `source` declares. */
function declaredState(source) {
  const typedef = source.match(/@typedef \{object\} ToastState\n([^]*?)\*\//);
  if (!typedef) throw new Error("toastkit.js: no `@typedef {object} ToastState` found");
  return [...typedef[1].matchAll(/@property \{[^}]*\} (\S+)/g)].map((match) => match[1]);
}

/**
 * Fails unless the build shortened exactly the properties of ToastState, all
 * named `_…`: a `_` name of anything else (`htmx._`, a page's own) would be
 * shortened too, and break at run time.
 */
function checkShortened(source, shortened) {
  const declared = declaredState(source).sort();
  const problems = [
    ...declared.filter((name) => !INTERNAL_PROPERTY.test(name)).map((name) => `ToastState.${name} does not start with _`),
    ...shortened.filter((name) => !declared.includes(name)).map((name) => `${name} is shortened but not ToastState's`),
    ...declared
      .filter((name) => INTERNAL_PROPERTY.test(name) && !shortened.includes(name))
      .map((name) => `ToastState.${name} is declared but never used`),
  ];
  if (problems.length) throw new Error("toastkit.js: " + problems.join("; "));
}

async function buildJs(source) {
  const nameCache = {};
  const { code } = await minify(source, {
    ecma: 2020,
    compress: { passes: 3, pure_getters: true, toplevel: true, unsafe_arrows: true },
    mangle: { properties: { regex: INTERNAL_PROPERTY } },
    format: { comments: false },
    nameCache,
  });
  // nameCache.props.props: {"$_remaining": "o", ...}
  checkShortened(
    source,
    Object.keys(nameCache.props?.props ?? {}).map((key) => key.slice(1)),
  );
  return code + "\n";
}

/** toastkit-live.js: no record of its own to shorten. */
async function buildLiveJs(source) {
  const { code } = await minify(source, {
    ecma: 2020,
    compress: { passes: 3, pure_getters: true, toplevel: true, unsafe_arrows: true },
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
  ["static/toastkit/toastkit-live.js", "static/toastkit/toastkit-live.min.js", buildLiveJs],
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
