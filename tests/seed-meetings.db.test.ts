import { expect, test } from 'vitest'
import { seedDemoData } from '../prisma/seed-data.ts'
import { seedMeetingDemo } from '../prisma/seed-meetings.ts'
import { lastPlanningReport } from '~/models/meetings/planning.server.ts'
import { prisma } from '~/utils/db.server.ts'

test('the demo business-meeting session: organised by the demo organizer, scheduled without clash', async () => {
  const { meetingDemo: outcome } = await seedDemoData(prisma, { organisations: 40 })
  expect(outcome.event).toBeTruthy()
  const event = await prisma.event.findUniqueOrThrow({
    where: { slug: outcome.event! },
    include: {
      meetingSession: { include: { slots: true, meetings: { include: { request: true } } } },
    },
  })
  const organizer = await prisma.user.findUniqueOrThrow({
    where: { email: 'organisatrice@passerelle.example' },
  })
  expect(event.createdById).toBe(organizer.id)
  expect(event.format).toBe('rendez_vous')
  const session = event.meetingSession!
  expect(session.slots).toHaveLength(9)
  const confirmed = await prisma.registration.count({
    where: { eventId: event.id, status: 'confirmed' },
  })
  expect(confirmed).toBeGreaterThanOrEqual(20)
  const museum = await prisma.user.findUniqueOrThrow({
    where: { email: 'musee@passerelle.example' },
  })
  expect(
    await prisma.meetingRequest.count({
      where: { sessionId: session.id, recipientId: museum.id, status: 'pending' },
    }),
  ).toBeGreaterThanOrEqual(1)
  expect(session.meetings.length).toBe(outcome.meetings)
  expect(session.meetings.length).toBeGreaterThan(10)
  const busy = new Set<string>()
  const tables = new Set<string>()
  const unavailable = new Set(
    (await prisma.meetingUnavailability.findMany({ where: { sessionId: session.id } })).map(
      (u) => `${u.userId}@${u.slotIndex}`,
    ),
  )
  for (const meeting of session.meetings) {
    expect(meeting.request.status).toBe('accepted')
    const table = `${meeting.slotIndex}/${meeting.tableLabel}`
    expect(tables.has(table)).toBe(false)
    tables.add(table)
    for (const person of [meeting.request.requesterId, meeting.request.recipientId]) {
      const key = `${person}@${meeting.slotIndex}`
      expect(busy.has(key) || unavailable.has(key)).toBe(false)
      busy.add(key)
    }
  }
  expect((await lastPlanningReport(session.id))?.created).toBe(session.meetings.length)
  // Idempotent.
  expect((await seedMeetingDemo(prisma)).meetings).toBe(0)
})
