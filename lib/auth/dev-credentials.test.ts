import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeDevCredentials } from "./dev-credentials";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cw-dev-credentials-"));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeDevCredentials", () => {
  it("writes username, password and token readable only by the owner, replacing an older file", () => {
    const file = path.join(dir, ".causeway", "dev-credentials.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "old", { mode: 0o644 });
    const credentials = { username: "dev-operator", password: "pw", token: "cw_t" };
    writeDevCredentials(file, credentials);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(credentials);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
