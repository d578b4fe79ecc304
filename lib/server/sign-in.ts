import { checkCredentials, type LocalUser } from "../auth/local-users";
import { SignInGate } from "../auth/sign-in-throttle";
import type { AuthConfig } from "../config/auth";
import { createLogger } from "../log";
import { signInFailures } from "./app-metrics";

export type SignInOutcome =
  | { ok: true; user: LocalUser }
  | { ok: false; reason: "credentials" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const log = createLogger("sign-in");
let gate: SignInGate | undefined;

/**
 * One local sign-in attempt, throttled per username and per client address (README,
 * "Security"). Every refusal is logged and counted on /metrics; passwords are never logged.
 */
export async function attemptSignIn(
  username: string,
  password: string,
  address: string | null,
  auth: AuthConfig,
): Promise<SignInOutcome> {
  gate ??= new SignInGate(auth.signInLimits);
  const from = address ?? "unknown";
  const lockedMs = gate.lockedFor(username, from);
  if (lockedMs > 0) {
    const retryAfterSeconds = Math.ceil(lockedMs / 1000);
    signInFailures.inc({ reason: "throttled" });
    log.warn("sign-in refused while throttled", { username, address: from, retryAfterSeconds });
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }
  const user = await checkCredentials(username, password, auth.users);
  if (!user) {
    gate.failed(username, from);
    signInFailures.inc({ reason: "credentials" });
    log.warn("sign-in failed: wrong username or password", { username, address: from });
    return { ok: false, reason: "credentials" };
  }
  gate.succeeded(username, from);
  return { ok: true, user };
}
