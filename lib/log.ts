/** Structured logs: one JSON object per line, so they can be shipped and queried as they are. */
export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export function createLogger(
  component: string,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const log =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      write(
        JSON.stringify({ time: new Date().toISOString(), level, component, message, ...fields }),
      );
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
