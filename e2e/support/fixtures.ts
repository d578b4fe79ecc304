/**
 * The `test` and `expect` every spec imports, so signing in and other shared setup live in one
 * place.
 */
export { expect, test } from "@playwright/test";
