import { z } from "zod";
import { parsePasswordHash, verifyPassword } from "./password";
import { Role } from "./roles";

/** A user of the local sign-in, as configured in CAUSEWAY_USERS or CAUSEWAY_USERS_FILE. */
export const LocalUser = z.object({
  username: z.string().min(1).max(128),
  passwordHash: z.string().superRefine((hash, ctx) => {
    try {
      parsePasswordHash(hash);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  role: Role,
});
export type LocalUser = z.infer<typeof LocalUser>;

// Checked against when the username is unknown, so a wrong username takes as long as a wrong
// password and does not reveal which usernames exist.
const UNKNOWN_USER_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** The user whose username and password these are, or null. */
export async function checkCredentials(
  username: string,
  password: string,
  users: readonly LocalUser[],
): Promise<LocalUser | null> {
  const user = users.find((u) => u.username === username);
  const matches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  return user && matches ? user : null;
}
