import type { Principal } from "@/lib/auth/roles";

/**
 * The signed-in user and role in the header, with a plain form to sign out (works before
 * hydration and without JavaScript). Trusted-proxy users sign out at their proxy.
 */
export function SignedInAs({ principal }: { principal: Principal }) {
  return (
    <div className="ml-auto flex items-center gap-3 text-sm" data-testid="signed-in-as">
      <span className="text-slate-700">
        <span data-testid="signed-in-user" className="font-medium">
          {principal.username}
        </span>{" "}
        <span
          data-testid="signed-in-role"
          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600"
        >
          {principal.role}
        </span>
      </span>
      {principal.via === "session" && (
        <form method="post" action="/api/auth/logout">
          <button type="submit" className="text-slate-600 hover:text-sky-700">
            Sign out
          </button>
        </form>
      )}
    </div>
  );
}
