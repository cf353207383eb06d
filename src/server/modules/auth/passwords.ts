import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library default) with OWASP's second recommended profile: m=19 MiB, t=2, p=1. */
const params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string) => hash(plain, params);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** Verified against when the user does not exist, so timing does not reveal which names exist. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('liem-dummy-password-for-timing'));
