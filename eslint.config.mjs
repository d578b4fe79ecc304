import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";

// The direction of imports is part of the architecture (see DESIGN.md, "Layout"):
// lib/ is shared by everything and imports none of it; the browser never gets server code.
const serverOnly = [
  "kafkajs",
  "@elastic/elasticsearch",
  "@/lib/elastic/*",
  "@/lib/kafka/*",
  "@/lib/server/*",
  "**/lib/elastic/*",
  "**/lib/kafka/*",
  "**/lib/server/*",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".causeway/",
      "dist/",
      "next-env.d.ts",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "@/collector/*", "@/demo/*"],
              message: "lib/ is shared code and must not import from the app, UI or processes.",
            },
            {
              group: ["**/app/*", "**/components/*", "**/collector/*", "**/demo/*"],
              message: "lib/ is shared code and must not import from the app, UI or processes.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: serverOnly,
              message: "Components run in the browser: go through the app's API instead.",
            },
          ],
        },
      ],
    },
  },
);
