// Password hashing with argon2id at the OWASP-recommended minimum
// (19 MiB, 2 passes, 1 lane), as in the Lucia guide.
import { hash, verify } from '@node-rs/argon2';

const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id.
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password, options);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash so that an unknown email costs the same
 * time as a wrong password and the two cannot be told apart.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword('pursuit-timing-equaliser-not-a-password');
  await verifyPassword(await dummyHash, password);
  return false;
}
