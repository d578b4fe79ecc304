/**
 * A failure's class as every screen shows it: the root cause, which people search for, then the
 * wrapper a framework put around it (Spring's ListenerExecutionFailedException), when there is one.
 */
export function ErrorClass({
  errorClass,
  wrapperClass,
}: {
  errorClass: string | null;
  wrapperClass: string | null;
}) {
  return (
    <span data-testid="error-class">
      <span className="font-mono font-semibold">{errorClass ?? "Unknown error"}</span>
      {wrapperClass !== null && (
        <span className="ml-1 font-mono text-xs font-normal opacity-75" data-testid="wrapper-class">
          (wrapped in {wrapperClass})
        </span>
      )}
    </span>
  );
}
