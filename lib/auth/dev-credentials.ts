import fs from "node:fs";
import path from "node:path";

/**
 * `.causeway/dev-credentials.json`, written by `npm start` on the local stack so scripts can use
 * the API as the development operator. Created fresh and readable only by its owner.
 */
export type DevCredentials = { username: string; password: string; token: string };

export function writeDevCredentials(file: string, credentials: DevCredentials): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  // "wx" creates the file with this mode or fails; it never reuses a file with wider permissions.
  fs.writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: "wx" });
}
