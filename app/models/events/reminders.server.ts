// Reminder e-mails 24 h before a meetup: a periodic task (every worker runs it) that queues one
// message per confirmed person. The outbox's dedupe key makes it idempotent across runs,
// servers and restarts; it holds the start time, so a moved event gets a new reminder.
import { isUniqueViolation, prisma } from '~/utils/db.server.ts'
import { queueEventEmail } from './emails.server.ts'

export const REMINDER_LEAD_MS = 24 * 3600 * 1000
export const REMINDER_TASK_EVERY_MS = 5 * 60 * 1000

export function reminderDedupeKey(registrationId: string, startsAt: Date) {
  return `reminder:${registrationId}:${startsAt.toISOString()}`
}

export async function queueEventReminders(now = new Date()) {
  const registrations = await prisma.registration.findMany({
    where: {
      status: 'confirmed',
      event: {
        status: 'published',
        startsAt: { gt: now, lte: new Date(now.getTime() + REMINDER_LEAD_MS) },
      },
    },
    include: { event: true, user: { select: { id: true, name: true, email: true, locale: true } } },
  })
  if (registrations.length === 0) return { queued: 0 }
  const keys = registrations.map((r) => reminderDedupeKey(r.id, r.event.startsAt))
  const sent = new Set(
    (
      await prisma.outboxEmail.findMany({
        where: { dedupeKey: { in: keys } },
        select: { dedupeKey: true },
      })
    ).map((row) => row.dedupeKey),
  )
  let queued = 0
  for (const registration of registrations) {
    const dedupeKey = reminderDedupeKey(registration.id, registration.event.startsAt)
    if (sent.has(dedupeKey)) continue
    try {
      await queueEventEmail(prisma, 'reminder', registration.event, registration, {
        recipient: registration.user,
        dedupeKey,
      })
      queued++
    } catch (error) {
      // Another server queued it at the same moment.
      if (!isUniqueViolation(error)) throw error
    }
  }
  return { queued }
}

export const eventReminderTask = {
  name: 'event-reminders',
  everyMs: REMINDER_TASK_EVERY_MS,
  run: () => queueEventReminders(),
}
