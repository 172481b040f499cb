import { z } from 'zod'

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .pipe(z.url().optional())
  .optional()

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().optional(),
  /** Public address of the app (links in e-mails and invites, Origin check). */
  APP_URL: optionalUrl,
  /** PostgreSQL server; when absent the app uses the embedded PGlite database. */
  DATABASE_URL: z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgresql://')
        .optional(),
    )
    .optional(),
  PGLITE_DIR: z.string().default('./data/pglite'),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Passerelle <ne-pas-repondre@passerelle.culture.gouv.fr>'),
  MAIL_DIR: z.string().default('./data/mail'),
  /** Show queued e-mails at /dev/mail (default: outside production, when no SMTP_URL is set). */
  MAIL_PREVIEW: z.enum(['true', 'false', '1', '0', '']).optional(),
  MEILISEARCH_URL: optionalUrl,
  MEILISEARCH_API_KEY: z.string().optional(),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of the app. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
  /** Server processes `npm start` runs with a PostgreSQL server (scripts/cluster.js). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Seconds an anonymous visitor's public page is kept in the process (0: never). */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  /** Run the background worker (mail outbox, jobs) inside this process. */
  WORKER: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => value !== 'false' && value !== '0'),
})

export type Env = z.infer<typeof EnvSchema>

let parsed: Env | undefined

/** Environment, parsed once at boot; a bad value stops the process with a readable message. */
export function getEnv(): Env {
  if (parsed) return parsed
  const result = EnvSchema.safeParse(process.env)
  if (!result.success) {
    const details = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    )
    throw new Error(`Invalid environment variables:\n${details.join('\n')}`)
  }
  parsed = result.data
  return parsed
}

export function mailPreviewEnabled(): boolean {
  const env = getEnv()
  if (env.MAIL_PREVIEW) return env.MAIL_PREVIEW === 'true' || env.MAIL_PREVIEW === '1'
  return env.NODE_ENV !== 'production' && !env.SMTP_URL
}

export function appUrl(): string {
  const env = getEnv()
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
}

/** Resets the parsed cache (tests change process.env). */
export function resetEnvForTests() {
  parsed = undefined
}
