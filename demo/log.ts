/** The shop's structured logging: one JSON object per line, with the correlation id when known. */

export type LogLevel = "info" | "warn" | "error";
export type LogFields = { correlationId?: string } & Record<string, unknown>;
export type Log = (level: LogLevel, msg: string, fields?: LogFields) => void;

export function jsonLineLog(
  write: (line: string) => void = (line) => process.stdout.write(line),
): Log {
  return (level, msg, fields) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
