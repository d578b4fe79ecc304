"use client";

import { useRouter } from "next/navigation";
import { useId, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { localInputToIso, searchHref, type SearchInput } from "./search-params";

const inputClass =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none";

/** The full search: a value to look for and an optional time range. */
export function SearchForm({ initial }: { initial?: SearchInput }) {
  const router = useRouter();
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    const q = text("q");
    if (q === "") return;
    router.push(
      searchHref({ q, from: localInputToIso(text("from")), to: localInputToIso(text("to")) }),
    );
  }

  return (
    <form onSubmit={submit} role="search" className="space-y-3" data-testid="search-form">
      <div className="space-y-1">
        <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-700">
          Correlation id, event id, message key, topic or payload text
        </label>
        <div className="flex gap-2">
          <input
            id={`${id}-q`}
            name="q"
            data-testid="search-input"
            defaultValue={initial?.q}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. order-1042, a customer email, an event id, payments.DLQ"
            className={`${inputClass} w-full font-mono`}
          />
          <Button type="submit">Search</Button>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="space-y-1">
          <span className="block text-xs text-slate-500">From (your local time)</span>
          <input
            type="datetime-local"
            name="from"
            data-testid="search-from"
            className={inputClass}
          />
        </label>
        <label className="space-y-1">
          <span className="block text-xs text-slate-500">To</span>
          <input type="datetime-local" name="to" data-testid="search-to" className={inputClass} />
        </label>
      </div>
    </form>
  );
}

/** The header's one-field search, on every page. */
export function HeaderSearch() {
  const router = useRouter();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("q");
    const q = typeof value === "string" ? value.trim() : "";
    if (q !== "") router.push(searchHref({ q, from: null, to: null }));
  }
  return (
    <form onSubmit={submit} role="search" className="ml-auto w-full max-w-sm">
      <input
        name="q"
        aria-label="Search chains"
        data-testid="header-search"
        autoComplete="off"
        spellCheck={false}
        placeholder="Search id, key or payload…"
        className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1 font-mono text-sm focus:border-sky-500 focus:bg-white focus:outline-none"
      />
    </form>
  );
}
