import { test as base, type Browser } from "@playwright/test";
import type { TestRole } from "@/lib/testing/real-stack";
import { LoginPage } from "../pages/login-page";

/**
 * The `test` and `expect` every spec imports. Each test's page is signed in through the real
 * sign-in page, as a viewer unless the spec says otherwise:
 *
 *   test.use({ signedInAs: "operator" });   // whole file or describe block
 *   test.use({ signedInAs: null });         // not signed in
 *
 * Sessions are made once per role and worker, then reused as the context's storage state.
 */
export { expect } from "@playwright/test";

type StorageState = Awaited<ReturnType<Awaited<ReturnType<Browser["newContext"]>>["storageState"]>>;

/** The username and password `npm test` configured for `role`. */
export function testCredentials(role: TestRole): { username: string; password: string } {
  const suffix = role.toUpperCase();
  const username = process.env[`CAUSEWAY_TEST_USER_${suffix}`];
  const password = process.env[`CAUSEWAY_TEST_PASSWORD_${suffix}`];
  if (!username || !password) {
    throw new Error(
      `CAUSEWAY_TEST_USER_${suffix} / CAUSEWAY_TEST_PASSWORD_${suffix} are not set: run the e2e tests through npm test`,
    );
  }
  return { username, password };
}

export const test = base.extend<
  { signedInAs: TestRole | null },
  { sessionFor: (role: TestRole) => Promise<StorageState> }
>({
  signedInAs: ["viewer", { option: true }],

  sessionFor: [
    async ({ browser }, use, workerInfo) => {
      const sessions = new Map<TestRole, Promise<StorageState>>();
      const baseURL = workerInfo.project.use.baseURL;
      await use((role) => {
        let session = sessions.get(role);
        if (!session) {
          session = (async () => {
            const context = await browser.newContext({ baseURL });
            const page = await context.newPage();
            const login = new LoginPage(page);
            await login.open();
            const { username, password } = testCredentials(role);
            await login.signIn(username, password);
            await page.waitForURL((url) => url.pathname !== "/login");
            const state = await context.storageState();
            await context.close();
            return state;
          })();
          sessions.set(role, session);
        }
        return session;
      });
    },
    { scope: "worker" },
  ],

  storageState: async ({ signedInAs, sessionFor, storageState }, use) => {
    await use(signedInAs ? await sessionFor(signedInAs) : storageState);
  },
});
