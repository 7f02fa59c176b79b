import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["static/toastkit/*.min.js", "node_modules/", ".nox/", ".tools/"] },
  js.configs.recommended,
  {
    files: ["scripts/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    files: ["static/toastkit/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      "no-var": "off",
      strict: ["error", "function"],
      // `const ACTION = ACTION` (a TDZ error only the minified page showed).
      "no-use-before-define": ["error", { functions: false, variables: false }],
    },
  },
];
