// Fixed-window counters in the database, so that every app server shares them.
import { prisma } from './db.server.ts'

export interface RateLimitRule {
  /** What is counted, e.g. `signin:ip`. */
  name: string
  limit: number
  windowSeconds: number
}

export const RATE_LIMITS = {
  signInPerIp: { name: 'signin:ip', limit: 30, windowSeconds: 15 * 60 },
  signInPerEmail: { name: 'signin:email', limit: 10, windowSeconds: 15 * 60 },
  signUpPerIp: { name: 'signup:ip', limit: 10, windowSeconds: 60 * 60 },
  resetPerIp: { name: 'reset:ip', limit: 10, windowSeconds: 60 * 60 },
  resetPerEmail: { name: 'reset:email', limit: 3, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>

export interface RateLimitResult {
  allowed: boolean
  retryAfterSeconds: number
}

/** Counts one hit against every rule; refused as soon as one of them is over its limit. */
export async function consumeRateLimits(
  hits: Array<{ rule: RateLimitRule; subject: string | null | undefined }>,
  now = new Date(),
): Promise<RateLimitResult> {
  let retryAfterSeconds = 0
  for (const { rule, subject } of hits) {
    if (!subject) continue
    const windowMs = rule.windowSeconds * 1000
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
    const key = `${rule.name}:${subject.toLowerCase()}`
    const [row] = await prisma.$queryRaw<Array<{ count: number }>>`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
      VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
      RETURNING "count"`
    if (Number(row.count) > rule.limit) {
      const wait = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)
      retryAfterSeconds = Math.max(retryAfterSeconds, wait)
    }
  }
  return { allowed: retryAfterSeconds === 0, retryAfterSeconds }
}

/** Old windows are useless once over; the worker calls this now and then. */
export async function pruneRateLimitCounters(now = new Date()) {
  const { count } = await prisma.rateLimitCounter.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } },
  })
  return count
}
