import { beforeAll, describe, expect, test } from 'vitest'
import { createTestOrganisation, createTestUser } from '../../../prisma/factories.ts'
import { prisma } from '~/utils/db.server.ts'
import type { OrganisationInput } from './validation.server.ts'
import { hashToken } from '~/utils/session.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import {
  acceptInvitation,
  acceptInvitationToken,
  changeMemberRole,
  INVITATION_TTL_MS,
  inviteMember,
  listMembers,
  pendingInvitationsFor,
  removeMember,
} from './members.server.ts'
import {
  availableSlug,
  createOrganisation,
  getOrganisationForViewer,
  listOrganisations,
  moderateOrganisation,
} from './organisation.server.ts'

beforeAll(() => ensureBundledTaxonomy())

function profileInput(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return {
    name: 'Atelier Lumière',
    kind: 'startup',
    pitchFr: 'Des parcours sonores pour les musées.',
    pitchEn: '',
    descriptionFr: '',
    descriptionEn: '',
    regionCode: 'R-53',
    city: 'Rennes',
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-AUDIO'],
    challengeCodes: ['GT-PUBLICS'],
    offers: '',
    seeks: '',
    contactEmail: 'contact@atelier-lumiere.fr',
    languages: ['fr'],
    visibility: 'public',
    ...overrides,
  }
}

const unique = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`

describe('creating a profile', () => {
  test('the creator becomes its owner and the slug comes from the name', async () => {
    const user = await createTestUser(prisma)
    const name = unique('Théâtre Numérique')
    const organisation = await createOrganisation(profileInput({ name }), user)
    expect(organisation.slug).toMatch(/^theatre-numerique-[a-z0-9]{8}$/)
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { organisationId_userId: { organisationId: organisation.id, userId: user.id } },
    })
    expect(membership.role).toBe('owner')
  })

  test('a taken or reserved slug gets the next free number', async () => {
    const user = await createTestUser(prisma)
    const name = unique('Doublon')
    const first = await createOrganisation(profileInput({ name }), user)
    const second = await createOrganisation(profileInput({ name }), user)
    const third = await createOrganisation(profileInput({ name }), user)
    expect(second.slug).toBe(`${first.slug}-2`)
    expect(third.slug).toBe(`${first.slug}-3`)
    expect(await availableSlug('Nouvelle')).not.toBe('nouvelle')
    expect(await availableSlug('!!!')).toBe('organisation')
  })
})

describe('who sees what', () => {
  test('a draft is visible to its members only; contacts only after an accepted request', async () => {
    const owner = await createTestUser(prisma)
    const stranger = await createTestUser(prisma)
    const admin = await createTestUser(prisma, { role: 'admin' })
    const draft = await createTestOrganisation(prisma, { owner, visibility: 'draft' })
    expect(await getOrganisationForViewer(draft.slug, null)).toBeNull()
    expect(await getOrganisationForViewer(draft.slug, stranger)).toBeNull()
    const asOwner = await getOrganisationForViewer(draft.slug, owner)
    expect(asOwner?.memberRole).toBe('owner')
    expect(asOwner?.contact?.email).toBe(draft.contactEmail)
    expect((await getOrganisationForViewer(draft.slug, admin))?.contact).not.toBeNull()

    const published = await createTestOrganisation(prisma, { owner, visibility: 'public' })
    const strangersOrg = await createTestOrganisation(prisma, { owner: stranger })
    const before = await getOrganisationForViewer(published.slug, stranger)
    expect(before?.contact).toBeNull()
    expect(before?.organisation).not.toHaveProperty('contactEmail')
    expect(before?.organisation).not.toHaveProperty('contactPhone')
    await prisma.contactRequest.create({
      data: {
        kind: 'introduction',
        fromOrgId: strangersOrg.id,
        toOrgId: published.id,
        message: 'Bonjour',
        status: 'accepted',
      },
    })
    expect((await getOrganisationForViewer(published.slug, stranger))?.contact?.email).toBe(
      published.contactEmail,
    )
  })

  test('the directory lists visible profiles, filtered, 20 a page', async () => {
    const owner = await createTestUser(prisma)
    // Random profiles of other tests only get French regions: this one has the region to itself.
    const region = 'R-INTL'
    const kind = 'lab'
    for (let i = 0; i < 23; i++) {
      await createTestOrganisation(prisma, {
        owner,
        kind,
        subKind: 'ORG-LABO-FABLAB',
        regionCode: region,
        name: `Fablab ${String(i).padStart(2, '0')}`,
        challengeCodes: i % 2 ? ['GT-ECOLOGIE'] : ['GT-RECHERCHE'],
        sectorCodes: ['S-MUSIQUE'],
        technologyCodes: ['TECH-ROBOTIQUE-IOT'],
      })
    }
    const hidden = await createTestOrganisation(prisma, {
      kind,
      regionCode: region,
      visibility: 'draft',
    })
    const unpublished = await createTestOrganisation(prisma, {
      kind,
      regionCode: region,
      unpublishedAt: new Date(),
    })
    const membersOnly = await createTestOrganisation(prisma, {
      kind,
      regionCode: region,
      visibility: 'members',
    })

    const first = await listOrganisations({ region, kind, page: 1 }, null)
    expect(first.total).toBe(23)
    expect(first.pageCount).toBe(2)
    expect(first.items).toHaveLength(20)
    expect(first.items[0].name).toBe('Fablab 00')
    const second = await listOrganisations({ region, kind, page: 2 }, null)
    expect(second.items.map((item) => item.name)).toEqual(['Fablab 20', 'Fablab 21', 'Fablab 22'])
    expect(second.items[0]).not.toHaveProperty('contactEmail')
    // Past the end: the last page.
    expect((await listOrganisations({ region, kind, page: 9 }, null)).page).toBe(2)

    const ids = (items: Array<{ id: string }>) => items.map((item) => item.id)
    const all = await listOrganisations({ region, page: 1 }, null, { pageSize: 100 })
    expect(ids(all.items)).not.toContain(hidden.id)
    expect(ids(all.items)).not.toContain(unpublished.id)
    expect(ids(all.items)).not.toContain(membersOnly.id)
    const signedIn = await listOrganisations({ region, page: 1 }, owner, { pageSize: 100 })
    expect(ids(signedIn.items)).toContain(membersOnly.id)
    expect(ids(signedIn.items)).not.toContain(hidden.id)

    expect(
      (await listOrganisations({ region, kind, challenge: 'GT-ECOLOGIE', page: 1 }, null)).total,
    ).toBe(11)
    expect(
      (await listOrganisations({ region, kind, sector: 'S-MUSIQUE', page: 1 }, null)).total,
    ).toBe(23)
    expect(
      (await listOrganisations({ region, kind, sector: 'S-LIVRE', page: 1 }, null)).total,
    ).toBe(0)
    expect(
      (
        await listOrganisations(
          { region, technology: 'TECH-ROBOTIQUE-IOT', kind: 'startup', page: 1 },
          null,
        )
      ).total,
    ).toBe(0)
  })
})

describe('admin moderation', () => {
  test('verify and unpublish write audit rows; a non-admin is refused with a 403', async () => {
    const admin = await createTestUser(prisma, { role: 'admin' })
    const owner = await createTestUser(prisma)
    const organisation = await createTestOrganisation(prisma, { owner, verifiedAt: null })
    await expect(moderateOrganisation(organisation.id, 'verify', owner)).rejects.toMatchObject({
      init: { status: 403 },
    })
    expect(await moderateOrganisation(organisation.id, 'verify', admin)).toBe(true)
    // Nothing to change: nothing logged.
    expect(await moderateOrganisation(organisation.id, 'verify', admin)).toBe(false)
    expect(await moderateOrganisation(organisation.id, 'unpublish', admin)).toBe(true)
    expect(await getOrganisationForViewer(organisation.slug, null)).toBeNull()
    expect(await getOrganisationForViewer(organisation.slug, owner)).not.toBeNull()
    expect(await moderateOrganisation(organisation.id, 'republish', admin)).toBe(true)
    expect(await getOrganisationForViewer(organisation.slug, null)).not.toBeNull()
    const audit = await prisma.auditLog.findMany({
      where: { targetType: 'organisation', targetId: organisation.id },
      orderBy: { createdAt: 'asc' },
    })
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ['organisation.verify', admin.id],
      ['organisation.unpublish', admin.id],
      ['organisation.republish', admin.id],
    ])
  })
})

describe('invitations and memberships', () => {
  async function setUp() {
    const owner = await createTestUser(prisma, { name: 'Odile Propriétaire' })
    const organisation = await createTestOrganisation(prisma, { owner })
    return { owner, organisation }
  }

  test('an owner invites; the invited address accepts once; the e-mail is queued with the link', async () => {
    const { owner, organisation } = await setUp()
    const invitee = await createTestUser(prisma)
    const outcome = await inviteMember({
      organisationId: organisation.id,
      email: invitee.email.toUpperCase(),
      role: 'editor',
      actor: owner,
      language: 'fr',
    })
    if (!outcome.ok) throw new Error(outcome.reason)
    // Only the hash is stored.
    const stored = await prisma.orgInvitation.findUniqueOrThrow({
      where: { id: hashToken(outcome.token) },
    })
    expect(stored.id).not.toContain(outcome.token)
    expect(stored.email).toBe(invitee.email)
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000)
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: { toAddress: invitee.email },
      orderBy: { createdAt: 'desc' },
    })
    expect(mail.subject).toContain(organisation.name)
    expect(mail.textBody).toContain(`/invitations/${outcome.token}`)
    expect(mail.textBody).toContain('Odile Propriétaire')
    expect(await pendingInvitationsFor(invitee.email)).toHaveLength(1)

    const accepted = await acceptInvitationToken(outcome.token, invitee)
    expect(accepted).toMatchObject({ ok: true, organisation: { id: organisation.id } })
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { organisationId_userId: { organisationId: organisation.id, userId: invitee.id } },
    })
    expect(membership.role).toBe('editor')
    expect(await acceptInvitationToken(outcome.token, invitee)).toEqual({
      ok: false,
      reason: 'used',
    })
    expect(
      await inviteMember({
        organisationId: organisation.id,
        email: invitee.email,
        role: 'owner',
        actor: owner,
        language: 'fr',
      }),
    ).toEqual({ ok: false, reason: 'alreadyMember' })
  })

  test('another account, an expired or an unknown token are refused', async () => {
    const { owner, organisation } = await setUp()
    const invitee = await createTestUser(prisma)
    const intruder = await createTestUser(prisma)
    const outcome = await inviteMember({
      organisationId: organisation.id,
      email: invitee.email,
      role: 'owner',
      actor: owner,
      language: 'en',
    })
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(await acceptInvitationToken(outcome.token, intruder)).toEqual({
      ok: false,
      reason: 'wrongEmail',
    })
    expect(await acceptInvitation('0'.repeat(64), invitee)).toEqual({
      ok: false,
      reason: 'notFound',
    })
    await prisma.orgInvitation.update({
      where: { id: outcome.invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    expect(await acceptInvitationToken(outcome.token, invitee)).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(await prisma.membership.count({ where: { organisationId: organisation.id } })).toBe(1)
  })

  test('an editor cannot invite (403)', async () => {
    const { organisation } = await setUp()
    const editor = await createTestUser(prisma)
    await prisma.membership.create({
      data: { organisationId: organisation.id, userId: editor.id, role: 'editor' },
    })
    await expect(
      inviteMember({
        organisationId: organisation.id,
        email: 'quelquun@exemple.fr',
        role: 'editor',
        actor: editor,
        language: 'fr',
      }),
    ).rejects.toMatchObject({ init: { status: 403 } })
    expect(await prisma.orgInvitation.count({ where: { organisationId: organisation.id } })).toBe(0)
  })

  test('the last owner can be neither removed nor demoted; with a second owner, they can', async () => {
    const { owner, organisation } = await setUp()
    expect(await removeMember(organisation.id, owner.id, owner)).toEqual({
      ok: false,
      reason: 'lastOwner',
    })
    expect(await changeMemberRole(organisation.id, owner.id, 'editor', owner)).toEqual({
      ok: false,
      reason: 'lastOwner',
    })
    const second = await createTestUser(prisma)
    await prisma.membership.create({
      data: { organisationId: organisation.id, userId: second.id, role: 'editor' },
    })
    // An editor may leave, not remove others.
    await expect(removeMember(organisation.id, owner.id, second)).rejects.toMatchObject({
      init: { status: 403 },
    })
    expect(await changeMemberRole(organisation.id, second.id, 'owner', owner)).toEqual({ ok: true })
    expect(await removeMember(organisation.id, owner.id, second)).toEqual({ ok: true })
    const { members } = await listMembers(organisation.id)
    expect(members.map((member) => [member.user.id, member.role])).toEqual([[second.id, 'owner']])
    expect(await removeMember(organisation.id, second.id, second)).toEqual({
      ok: false,
      reason: 'lastOwner',
    })
  })

  test('two owners removing each other at once leave one owner', async () => {
    const { owner, organisation } = await setUp()
    const other = await createTestUser(prisma)
    await prisma.membership.create({
      data: { organisationId: organisation.id, userId: other.id, role: 'owner' },
    })
    const outcomes = await Promise.allSettled([
      removeMember(organisation.id, other.id, owner),
      removeMember(organisation.id, owner.id, other),
    ])
    const owners = await prisma.membership.count({
      where: { organisationId: organisation.id, role: 'owner' },
    })
    expect(owners).toBe(1)
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value.ok)).toHaveLength(1)
  })
})
