import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { createNeedFor, createNetwork, type Network } from '../../../tests/needs-fixtures.ts'
import { changeNeedStatus, sendNeedRenewalReminders } from './need.server.ts'
import { usedTaxonomyCodes } from '~/models/taxonomy/store.server.ts'
import { periodicTasks } from '~/models/background/tasks.server.ts'

const DAY = 24 * 3600 * 1000

let net: Network
beforeAll(async () => {
  net = await createNetwork()
})

async function renewalMails(title: string) {
  return prisma.outboxEmail.findMany({
    where: { subject: { contains: title } },
    orderBy: { toAddress: 'asc' },
  })
}

describe('renewal reminders', () => {
  test('is registered as a periodic task of the worker', () => {
    const task = periodicTasks.find((candidate) => candidate.name === 'need-renewal-reminders')
    expect(task?.everyMs).toBe(15 * 60 * 1000)
  })

  test('members get one e-mail per need expiring within 7 days, even with concurrent runs', async () => {
    const soon = await createNeedFor(net.museum, {
      title: 'Besoin qui expire bientôt',
      expiresAt: new Date(Date.now() + 3 * DAY),
    })
    const later = await createNeedFor(net.museum, {
      title: 'Besoin qui expire plus tard',
      expiresAt: new Date(Date.now() + 20 * DAY),
    })
    const closed = await createNeedFor(net.museum, {
      title: 'Besoin clos qui expire bientôt',
      status: 'closed',
      expiresAt: new Date(Date.now() + 2 * DAY),
    })
    const expired = await createNeedFor(net.museum, {
      title: 'Besoin déjà expiré',
      expiresAt: new Date(Date.now() - DAY),
    })

    const runs = await Promise.all([1, 2, 3, 4].map(() => sendNeedRenewalReminders()))
    expect(runs.reduce((sum, run) => sum + run.needs, 0)).toBe(1)
    const mails = await renewalMails('Besoin qui expire bientôt')
    expect(mails.map((mail) => mail.toAddress)).toEqual(
      [net.curator.email, net.colleague.email].sort(),
    )
    expect(mails[0].textBody).toContain(`/besoins/${soon.id}/modifier`)
    expect(mails[0].textBody).toMatch(/dans 3 jours/)

    expect((await sendNeedRenewalReminders()).needs).toBe(0)
    expect(await renewalMails('Besoin qui expire bientôt')).toHaveLength(2)
    for (const need of [later, closed, expired]) {
      expect(await renewalMails(need.title)).toHaveLength(0)
      expect(
        (await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).renewalReminderSentAt,
      ).toBeNull()
    }
    expect(
      (await prisma.need.findUniqueOrThrow({ where: { id: soon.id } })).renewalReminderSentAt,
    ).not.toBeNull()
  })

  test('renewing extends the expiry and re-arms the reminder for the next expiry', async () => {
    const need = await createNeedFor(net.museum, {
      title: 'Besoin renouvelé',
      expiresAt: new Date(Date.now() + 2 * DAY),
    })
    await sendNeedRenewalReminders()
    expect(await renewalMails('Besoin renouvelé')).toHaveLength(2)
    const renewed = await changeNeedStatus(need.id, { intent: 'renew' }, net.colleague)
    expect((renewed.expiresAt.getTime() - Date.now()) / DAY).toBeGreaterThan(59.9)
    expect((await sendNeedRenewalReminders()).needs).toBe(0)
    // Six days before the new expiry, the reminder goes again.
    await sendNeedRenewalReminders({ now: new Date(renewed.expiresAt.getTime() - 6 * DAY) })
    expect(await renewalMails('Besoin renouvelé')).toHaveLength(4)
  })

  test('renewal is for members only', async () => {
    const need = await createNeedFor(net.museum)
    await expect(changeNeedStatus(need.id, { intent: 'renew' }, net.founder)).rejects.toMatchObject(
      {
        init: { status: 403 },
      },
    )
  })
})

describe('codes in use', () => {
  test('include the challenges and region of events, needs and profiles', async () => {
    await prisma.event.create({
      data: {
        slug: `atelier-${Date.now()}`,
        title: 'Atelier sur la langue',
        format: 'atelier',
        startsAt: new Date(Date.now() + 10 * DAY),
        endsAt: new Date(Date.now() + 10 * DAY + 3600_000),
        capacity: 20,
        challengeCodes: ['CP-METIERS'],
        regionCode: 'R-94',
      },
    })
    await createNeedFor(net.startup, { challengeCodes: ['GT-RECHERCHE'] })
    const used = await usedTaxonomyCodes()
    for (const code of ['CP-METIERS', 'R-94', 'GT-RECHERCHE', net.museum.regionCode]) {
      expect(used.has(code)).toBe(true)
    }
  })
})
