import { argon2 } from '#server/modules/keys/crypto.ts';

/**
 * Argon2id at the same cost as the derivation that wraps report keys (64 MiB, t=3, p=1; keys/crypto.ts):
 * a cheaper password hash would let whoever copies the users table test guesses at that lower cost and
 * then unwrap the key holders' private keys with the password found (ADR 0013).
 */
export const passwordParams = { memoryCost: 65_536, timeCost: 3, parallelism: 1 };

export const hashPassword = async (plain: string) =>
  (await argon2({ op: 'hash', plain, params: passwordParams })) as string;

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return (await argon2({ op: 'verify', stored, plain })) === true;
  } catch {
    return false;
  }
}

/** A hash made with weaker parameters than today's (older releases): re-hashed at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  return Number(m[1]) < passwordParams.memoryCost || Number(m[2]) < passwordParams.timeCost;
}

/** Verified against when the user does not exist, so timing does not reveal which names exist. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('liem-dummy-password-for-timing'));
