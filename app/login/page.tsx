import type { Metadata } from "next";
import { safeReturnPath } from "@/lib/auth/return-path";
import { serverContext } from "@/lib/server/context";

export const metadata: Metadata = { title: "Sign in" };

type LoginPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const field =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-sky-600 focus:outline-none";

function loginError(params: Record<string, string | string[] | undefined>): string | null {
  if (params.error === "credentials") return "Wrong username or password.";
  if (params.error === "oidc") {
    return typeof params.message === "string" ? params.message : "The sign-in failed; try again.";
  }
  if (params.error !== "throttled") return null;
  const seconds = Number(params.retryAfter);
  const wait = Number.isInteger(seconds) && seconds > 0 ? `in ${seconds} s` : "shortly";
  return `Too many failed sign-ins; try again ${wait}.`;
}

/** A plain HTML form posting to /api/auth/login, so signing in needs no JavaScript. */
export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  const next = safeReturnPath(params.next);
  if (serverContext().config.auth.mode === "proxy") {
    return (
      <p className="mx-auto mt-16 max-w-sm text-slate-700">
        Sign-in is handled by your organisation&apos;s proxy; open Causeway through it.
      </p>
    );
  }
  const error = loginError(params);
  const oidc = serverContext().config.auth.oidc;
  return (
    <div className="mx-auto mt-16 max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Causeway</h1>
      {error && (
        <p
          role="alert"
          data-testid="login-error"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      {oidc && (
        <a
          href={`/api/auth/oidc/login?${new URLSearchParams({ next })}`}
          data-testid="oidc-sign-in"
          className="block w-full rounded-md border border-sky-700 px-3 py-2 text-center text-sm font-medium text-sky-800 hover:bg-sky-50"
        >
          Sign in with {oidc.providerName}
        </a>
      )}
      <form method="post" action="/api/auth/login" className="space-y-4">
        <input type="hidden" name="next" value={next} />
        <label className="block text-sm font-medium text-slate-700">
          Username
          <input name="username" autoComplete="username" required autoFocus className={field} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className={field}
          />
        </label>
        <button
          type="submit"
          className="w-full rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
        >
          Sign in
        </button>
      </form>
    </div>
  );
}
