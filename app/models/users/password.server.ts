import { hash, verify } from '@node-rs/argon2'

// OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane (≈ 56 ms per hash here).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string) {
  return hash(password, ARGON2ID)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against this when the e-mail is unknown keeps the answer time the same, so the
// sign-in form does not reveal which addresses have an account.
let decoyHash: Promise<string> | undefined
export async function verifyAgainstDecoy(password: string) {
  decoyHash ??= hashPassword('decoy-password-for-unknown-accounts')
  await verifyPassword(await decoyHash, password)
  return false
}
