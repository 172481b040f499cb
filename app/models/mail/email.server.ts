// E-mail outbox: messages are rows first (written in the caller's transaction), delivered
// later by the worker, retried with exponential backoff, never deleted when sending fails.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'
import type { OutboxEmail, Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'

export interface EmailMessage {
  to: string
  subject: string
  text: string
  html?: string
  /** iTIP invite attached as text/calendar. */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string }
  /** The same key is never queued twice (e.g. `reminder:<event>:<user>`). */
  dedupeKey?: string
}

type Db = Pick<Prisma.TransactionClient, 'outboxEmail'>

function outboxRow(message: EmailMessage) {
  return {
    toAddress: message.to,
    subject: message.subject,
    textBody: message.text,
    htmlBody: message.html ?? null,
    calendarMethod: message.calendar?.method ?? null,
    calendarContent: message.calendar?.content ?? null,
    dedupeKey: message.dedupeKey ?? null,
  }
}

/** Many messages in one statement (a schedule's invites); a dedupe key already queued is skipped. */
export async function queueEmails(messages: EmailMessage[], db: Db = prisma) {
  if (messages.length === 0) return 0
  const { count } = await db.outboxEmail.createMany({
    data: messages.map(outboxRow),
    skipDuplicates: true,
  })
  return count
}

export async function queueEmail(message: EmailMessage, db: Db = prisma) {
  const data = outboxRow(message)
  if (message.dedupeKey) {
    return db.outboxEmail.upsert({
      where: { dedupeKey: message.dedupeKey },
      create: data,
      update: {},
    })
  }
  return db.outboxEmail.create({ data })
}

export interface MailTransport {
  name: string
  /** Resolves once the message is accepted, with its Message-ID when the transport knows it. */
  send(message: OutboxEmail): Promise<{ messageId?: string } | void>
}

/** The outbox row's id as Message-ID, on the sender's domain: `<id@domain>`. */
export function outboxMessageId(id: string, from: string) {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'passerelle.invalid'
  return `<${id}@${domain}>`
}

export function smtpTransport(url: string, from: string): MailTransport {
  return nodemailerTransport(nodemailer.createTransport(url), from)
}

/** Any nodemailer transporter: SMTP in production, its JSON transport in tests (no SMTP here). */
export function nodemailerTransport(transporter: Transporter, from: string): MailTransport {
  return {
    name: 'smtp',
    send: async (message) => {
      const info = await transporter.sendMail({
        from,
        // Stable across retries: if a worker dies after the server accepted a message, the
        // second copy carries the same Message-ID, which mail systems recognise as a duplicate.
        messageId: outboxMessageId(message.id, from),
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody ?? undefined,
        icalEvent: message.calendarContent
          ? { method: message.calendarMethod ?? 'REQUEST', content: message.calendarContent }
          : undefined,
      })
      return { messageId: info.messageId }
    },
  }
}

export interface StoredMail {
  id: string
  from: string
  to: string
  subject: string
  text: string
  html: string | null
  calendar: { method: string; content: string } | null
  date: string
}

/** Writes each message as JSON under MAIL_DIR (development, demo, e2e tests). */
export function fileTransport(dir: string, from: string): MailTransport {
  return {
    name: 'file',
    send: async (message) => {
      await mkdir(dir, { recursive: true })
      const date = new Date()
      const stored: StoredMail = {
        id: message.id,
        from,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        calendar: message.calendarContent
          ? { method: message.calendarMethod ?? 'REQUEST', content: message.calendarContent }
          : null,
        date: date.toISOString(),
      }
      const file = `${date.toISOString().replace(/[:.]/g, '-')}-${message.id}.json`
      await writeFile(path.join(dir, file), JSON.stringify(stored, null, 2))
    },
  }
}

export function transportFromEnv(): MailTransport {
  const env = getEnv()
  return env.SMTP_URL
    ? smtpTransport(env.SMTP_URL, env.MAIL_FROM)
    : fileTransport(path.resolve(env.MAIL_DIR), env.MAIL_FROM)
}

export const MAX_DELIVERY_ATTEMPTS = 20
const LEASE_MS = 5 * 60 * 1000

/** 30 s, 1 min, 2 min… capped at 1 h. */
export function retryDelayMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000)
}

/**
 * Claims due messages (FOR UPDATE SKIP LOCKED: several workers never take the same row) and
 * sends them. A message whose lease expired (its worker died mid-send) is claimed again.
 */
export async function deliverPendingEmails(
  transport: MailTransport,
  { limit = 20, now = new Date() }: { limit?: number; now?: Date } = {},
) {
  const leaseUntil = new Date(now.getTime() + LEASE_MS)
  const claimed = await prisma.$queryRaw<Array<{ id: string }>>`
    UPDATE "OutboxEmail" SET "status" = 'processing', "lockedUntil" = ${leaseUntil},
      "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE ("status" = 'pending' AND "nextAttemptAt" <= ${now})
         OR ("status" = 'processing' AND "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`
  let sent = 0
  let failed = 0
  for (const { id } of claimed) {
    const message = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })
    try {
      await transport.send(message)
      await prisma.outboxEmail.update({
        where: { id },
        data: { status: 'done', sentAt: new Date(), lockedUntil: null, lastError: null },
      })
      sent++
    } catch (error) {
      failed++
      const giveUp = message.attempts >= MAX_DELIVERY_ATTEMPTS
      await prisma.outboxEmail.update({
        where: { id },
        data: {
          status: giveUp ? 'dead' : 'pending',
          lockedUntil: null,
          lastError: String((error as Error)?.message ?? error).slice(0, 1000),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(message.attempts)),
        },
      })
    }
  }
  return { claimed: claimed.length, sent, failed }
}
