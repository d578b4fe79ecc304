import { useEffect, useState } from "react";

/**
 * True once `ready` is true and the browser has since had an idle moment (at the latest after
 * `timeoutMs`). Work that can wait, started from here, does not compete with the render that
 * `ready` set off.
 */
export function useIdleAfter(ready: boolean, timeoutMs = 1_000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    const done = () => setIdle(true);
    // Safari has no requestIdleCallback: a timer still lets the pending paint go first.
    if (typeof window.requestIdleCallback !== "function") {
      const timer = window.setTimeout(done, 50);
      return () => window.clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(done, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }, [ready, idle, timeoutMs]);
  return ready && idle;
}
