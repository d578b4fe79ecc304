"use client";

import { useEffect, useRef, useState } from "react";

const FEEDBACK_MS = 1_500;

type CopyState = "idle" | "copied" | "failed";
const feedback: Record<Exclude<CopyState, "idle">, string> = {
  copied: "Copied",
  failed: "Copy failed",
};

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  const resetTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(resetTimer.current), []);

  async function copy() {
    // The clipboard API exists only in secure contexts (https or localhost).
    const copied = await navigator.clipboard?.writeText(value).then(
      () => true,
      () => false,
    );
    setState(copied ? "copied" : "failed");
    clearTimeout(resetTimer.current);
    resetTimer.current = setTimeout(() => setState("idle"), FEEDBACK_MS);
  }

  return (
    <button
      type="button"
      onClick={copy}
      aria-label={`${label}: ${value}`}
      className="rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100"
    >
      {state === "idle" ? label : feedback[state]}
    </button>
  );
}
