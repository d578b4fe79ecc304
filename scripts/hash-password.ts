import { stdin, stdout } from "node:process";
import { createInterface } from "node:readline/promises";
import { generateApiToken, tokenDigest } from "../lib/auth/api-tokens";
import { hashPassword } from "../lib/auth/password";

/**
 * `npm run hash-password`: reads a password (from stdin when piped) and prints the scrypt hash
 * for CAUSEWAY_USERS. `npm run hash-password -- --api-token` instead makes a new API token and
 * prints it with the sha256 for CAUSEWAY_API_TOKENS.
 */
async function main(): Promise<void> {
  if (process.argv.includes("--api-token")) {
    const token = generateApiToken();
    console.log(`token:  ${token}`);
    console.log(`sha256: ${tokenDigest(token)}`);
    return;
  }
  const lines = createInterface({ input: stdin, terminal: false });
  if (stdin.isTTY) stdout.write("Password (shown as you type): ");
  const { value: password } = await lines[Symbol.asyncIterator]().next();
  lines.close();
  if (typeof password !== "string" || password === "") {
    console.error("No password given.");
    process.exit(1);
  }
  console.log(await hashPassword(password));
}

void main();
