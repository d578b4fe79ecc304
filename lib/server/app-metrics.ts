import { Counter, collectDefaultMetrics, register } from "prom-client";

/**
 * The app server's Prometheus metrics, in prom-client's default registry. Route modules are
 * bundled apart, so each metric is looked up before it is made: the registry (prom-client is
 * not bundled) is the one place they all share.
 */
function counter<L extends string>(name: string, help: string, labelNames: readonly L[]) {
  return (
    (register.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames })
  );
}

const globalKey = Symbol.for("causeway.app-metrics.defaults");
const marked = globalThis as { [globalKey]?: true };
if (!marked[globalKey]) {
  marked[globalKey] = true;
  collectDefaultMetrics({ prefix: "causeway_app_" });
}

/** `reason`: `credentials` (wrong username or password) or `throttled` (refused while locked). */
export const signInFailures = counter(
  "causeway_app_sign_in_failures_total",
  "Sign-ins refused, by reason.",
  ["reason"],
);

export const metricsRegistry = register;
