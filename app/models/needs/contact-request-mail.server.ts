// E-mails about contact requests, queued in the transaction of the change that causes them.
// Contact details only ever appear in the acceptance e-mails; an anonymous need's poster is
// named by its description in the e-mails its answerers get before acceptance.
import type { TFunction } from 'i18next'
import type { Prisma } from '~/generated/prisma/client.ts'
import { getFixedT } from '~/i18n.server.ts'
import { languageOf } from '~/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import { anonymousPosterLabel, presentPoster, type NeedPoster } from './display.ts'
import { queueEmail } from '~/models/mail/email.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'

type Tx = Prisma.TransactionClient
type Person = { name: string; email: string }
type OrgContact = {
  slug: string
  name: string
  kind: NeedPoster['kind']
  subKind: string | null
  contactEmail: string
  contactPhone: string | null
}

export interface RequestForMail {
  id: string
  fromOrgId: string
  toOrgId: string
  createdById: string | null
  fromOrg: OrgContact
  toOrg: OrgContact
  need: { title: string; anonymous: boolean; regionCode: string } | null
}

/** The people of an organisation, with what their e-mails need (address, name, language). */
export async function organisationMembers(
  organisationId: string,
  db: Pick<Tx, 'membership'> = prisma,
) {
  const rows = await db.membership.findMany({
    where: { organisationId },
    select: { user: { select: { id: true, email: true, name: true, locale: true } } },
    orderBy: { createdAt: 'asc' },
  })
  return rows.map((row) => row.user)
}

export function translatorForUser(user: { locale: string }, ns: string[] = ['needs', 'common']) {
  return getFixedT(languageOf(user.locale), ns)
}

const requestLink = (requestId: string) => `${appUrl()}/demandes/${requestId}`

/** The name to use in an e-mail: the organisation's, or its anonymous description. */
async function posterNameForMail(
  t: TFunction,
  language: string,
  poster: NeedPoster,
  regionCode: string | null,
) {
  if (!poster.anonymous) return poster.name
  const taxonomy = await getTaxonomy()
  const lang = languageOf(language)
  return anonymousPosterLabel(
    t,
    poster,
    poster.subKind ? taxonomy.label(poster.subKind, lang) : null,
    regionCode ? taxonomy.label(regionCode, lang) : '',
  )
}

/** To the recipient's members: who wrote and what; no contact details. */
export async function mailCreation(
  tx: Tx,
  request: {
    id: string
    toOrgId: string
    fromOrgName: string
    needTitle: string | null
    message: string
  },
) {
  const template = request.needTitle !== null ? 'newResponse' : 'newIntroduction'
  for (const member of await organisationMembers(request.toOrgId, tx)) {
    const t = await translatorForUser(member)
    const params = {
      name: member.name,
      fromOrg: request.fromOrgName,
      title: request.needTitle ?? '',
      message: request.message,
      link: requestLink(request.id),
      interpolation: { escapeValue: false },
    }
    await queueEmail(
      {
        to: member.email,
        subject: t(`emails.${template}.subject`, params),
        text: t(`emails.${template}.body`, params),
        dedupeKey: `contact-request:${request.id}:created:${member.id}`,
      },
      tx,
    )
  }
}

function contactLines(
  t: TFunction,
  org: { name: string; contactEmail: string; contactPhone: string | null },
  person: Person | null,
) {
  return [
    t('emails.contact.organisation', { name: org.name }),
    t('emails.contact.email', { email: org.contactEmail }),
    t('emails.contact.phone', { phone: org.contactPhone || t('contacts.noPhone') }),
    person ? t('emails.contact.person', { name: person.name, email: person.email }) : null,
  ]
    .filter(Boolean)
    .join('\n')
}

/** To both sides' members: the other side's contact details and the person involved. */
export async function mailAcceptance(
  tx: Tx,
  request: RequestForMail,
  { responder, sender, note }: { responder: Person; sender: Person | null; note: string | null },
) {
  const link = requestLink(request.id)
  // Sender's side: the recipient's contact details and the person who accepted.
  for (const member of await organisationMembers(request.fromOrgId, tx)) {
    const t = await translatorForUser(member)
    const params = {
      name: member.name,
      toOrg: request.toOrg.name,
      title: request.need?.title ?? '',
      contacts: contactLines(t, request.toOrg, responder),
      note: note ? t('emails.noteLine', { note }) : '',
      link,
      interpolation: { escapeValue: false },
    }
    await queueEmail(
      {
        to: member.email,
        subject: t('emails.acceptedSender.subject', params),
        text: t('emails.acceptedSender.body', params),
        dedupeKey: `contact-request:${request.id}:accepted:${member.id}`,
      },
      tx,
    )
  }
  // Recipient's side: the sender's contact details and the person who wrote.
  for (const member of await organisationMembers(request.toOrgId, tx)) {
    const t = await translatorForUser(member)
    const params = {
      name: member.name,
      fromOrg: request.fromOrg.name,
      contacts: contactLines(t, request.fromOrg, sender),
      link,
      interpolation: { escapeValue: false },
    }
    await queueEmail(
      {
        to: member.email,
        subject: t('emails.acceptedRecipient.subject', params),
        text: t('emails.acceptedRecipient.body', params),
        dedupeKey: `contact-request:${request.id}:accepted:${member.id}`,
      },
      tx,
    )
  }
}

/** To the sender (or its organisation's members): no contact details, no anonymous name. */
export async function mailDecline(
  tx: Tx,
  request: RequestForMail,
  { note }: { note: string | null },
) {
  const link = requestLink(request.id)
  const author = request.createdById
    ? await tx.user.findUnique({
        where: { id: request.createdById },
        select: { id: true, email: true, name: true, locale: true },
      })
    : null
  // The author may have left the organisation (or deleted their account): then its members.
  const stillMember =
    author &&
    (await tx.membership.findUnique({
      where: { organisationId_userId: { organisationId: request.fromOrgId, userId: author.id } },
    }))
  const recipients = stillMember ? [author] : await organisationMembers(request.fromOrgId, tx)
  // Declined answers to an anonymous need do not reveal who declined.
  const hidden = Boolean(request.need?.anonymous)
  for (const member of recipients) {
    const t = await translatorForUser(member)
    const toOrg = await posterNameForMail(
      t,
      member.locale,
      presentPoster(request.toOrg, hidden),
      request.need?.regionCode ?? null,
    )
    const template = request.need ? 'declinedResponse' : 'declinedIntroduction'
    const params = {
      name: member.name,
      toOrg,
      title: request.need?.title ?? '',
      note: note ? t('emails.noteLine', { note }) : '',
      link,
      interpolation: { escapeValue: false },
    }
    await queueEmail(
      {
        to: member.email,
        subject: t(`emails.${template}.subject`, params),
        text: t(`emails.${template}.body`, params),
        dedupeKey: `contact-request:${request.id}:declined:${member.id}`,
      },
      tx,
    )
  }
}
