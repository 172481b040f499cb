import { beforeAll, describe, expect, test } from 'vitest'
import { createTestOrganisation, createTestUser } from '../../prisma/factories.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { hashToken } from '~/utils/session.server.ts'
import { getRequest, run, sessionCookieFor, TEST_CONTEXT } from '../../tests/route-utils.ts'
import * as invitationPage from './invitations.$token.tsx'
import * as myOrganisations from './me.organisations.tsx'
import * as profile from './organisations.$slug._index.tsx'
import * as members from './organisations.$slug.membres.tsx'
import * as edit from './organisations.$slug.modifier.tsx'
import * as directory from './organisations._index.tsx'
import * as create from './organisations.nouvelle.tsx'

// The test template has the schema only; profiles are checked against the bundled vocabulary.
beforeAll(() => ensureBundledTaxonomy())

type Pairs = Array<[string, string]>

function postForm(path: string, pairs: Pairs, cookie?: string) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: {
      Origin: 'http://localhost',
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(pairs),
  })
}

function get(path: string, cookie?: string) {
  return getRequest(path, cookie ? { Cookie: cookie } : {})
}

function profileFields(overrides: Record<string, string | string[]> = {}): Pairs {
  const fields: Record<string, string | string[]> = {
    name: `Studio Écho ${crypto.randomUUID().slice(0, 6)}`,
    kind: 'startup',
    pitchFr: 'Des parcours sonores pour les musées.',
    pitchEn: '',
    descriptionFr: 'Une description\nsur deux lignes.',
    regionCode: 'R-53',
    city: 'Rennes',
    website: 'studio-echo.fr',
    foundedYear: '2019',
    sizeBand: 'from2to10',
    sectorCodes: ['S-PATRIMOINE', 'S-MUSIQUE'],
    technologyCodes: ['TECH-AUDIO'],
    challengeCodes: ['GT-PUBLICS', 'CP-IMMERSIF'],
    offers: 'Audioguides spatialisés.',
    seeks: 'Des musées partenaires.',
    contactEmail: 'bonjour@studio-echo.fr',
    contactPhone: '02 99 00 00 00',
    languages: ['fr', 'en'],
    visibility: 'draft',
    ...overrides,
  }
  return Object.entries(fields).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((item): [string, string] => [key, item]),
  )
}

async function signedInUser(overrides: Parameters<typeof createTestUser>[1] = {}) {
  const user = await createTestUser(prisma, overrides)
  return { user, cookie: await sessionCookieFor(user.id) }
}

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: TEST_CONTEXT,
})

describe('creating and editing a profile', () => {
  test('sign-in is required to create', async () => {
    const outcome = await run(() => create.loader(args(get('/organisations/nouvelle'))))
    expect(outcome.status).toBe(302)
    expect(outcome.location).toMatch(/^\/connexion\?redirectTo=/)
  })

  test('creates the profile, makes the creator owner and redirects to it', async () => {
    const { user, cookie } = await signedInUser()
    const outcome = await run(() =>
      create.action(args(postForm('/organisations/nouvelle', profileFields(), cookie))),
    )
    expect(outcome.status).toBe(302)
    const slug = outcome.location!.replace('/organisations/', '')
    const organisation = await prisma.organisation.findUniqueOrThrow({
      where: { slug },
      include: { memberships: true },
    })
    expect(organisation.memberships).toEqual([
      expect.objectContaining({ userId: user.id, role: 'owner' }),
    ])
    expect(organisation.website).toBe('https://studio-echo.fr')
    expect(organisation.sectorCodes).toEqual(['S-PATRIMOINE', 'S-MUSIQUE'])
    expect(organisation.languages).toEqual(['fr', 'en'])
    expect(organisation.visibility).toBe('draft')
  })

  test('bad input gets one translated message per field and a 400', async () => {
    const { cookie } = await signedInUser()
    const before = await prisma.organisation.count()
    const outcome = await run<{ error: Record<string, string[]> }>(() =>
      create.action(
        args(
          postForm(
            '/organisations/nouvelle',
            profileFields({
              name: 'X',
              kind: 'institution',
              subKind: 'ORG-LABO-FABLAB',
              website: 'javascript:alert(1)',
              foundedYear: '1200',
              technologyCodes: ['S-LIVRE'],
              challengeCodes: ['GT-INCONNU'],
              // (NUL is dropped before validation; other control characters are refused.)
              city: 'Ren\u0007nes',
              contactPhone: 'appelez-moi',
              languages: [],
            }),
            cookie,
          ),
        ),
      ),
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.error).toEqual({
      name: ['directory:errors.nameTooShort'],
      subKind: ['directory:errors.subKindMismatch'],
      website: ['directory:errors.websiteInvalid'],
      foundedYear: ['directory:errors.yearRange'],
      technologyCodes: ['directory:errors.unknownTag'],
      challengeCodes: ['directory:errors.unknownTag'],
      city: ['common:errors.invalidCharacters'],
      contactPhone: ['directory:errors.phoneInvalid'],
      languages: ['directory:errors.languagesRequired'],
    })
    expect(await prisma.organisation.count()).toBe(before)
  })

  test('only members may edit: a stranger gets 403 (404 for a draft), a member saves', async () => {
    const owner = await signedInUser()
    const stranger = await signedInUser()
    const organisation = await createTestOrganisation(prisma, { owner: owner.user })
    const path = `/organisations/${organisation.slug}/modifier`
    const params = { slug: organisation.slug }

    const refusedPage = await run(() => edit.loader(args(get(path, stranger.cookie), params)))
    expect(refusedPage.status).toBe(403)
    expect(refusedPage.data).toBe('directory:errors.notMember')
    const refusedSave = await run(() =>
      edit.action(args(postForm(path, profileFields({ name: 'Piraté' }), stranger.cookie), params)),
    )
    expect(refusedSave.status).toBe(403)
    expect(
      (await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).name,
    ).toBe(organisation.name)

    const draft = await createTestOrganisation(prisma, { owner: owner.user, visibility: 'draft' })
    const hidden = await run(() =>
      edit.loader(
        args(get(`/organisations/${draft.slug}/modifier`, stranger.cookie), { slug: draft.slug }),
      ),
    )
    expect(hidden.status).toBe(404)

    const page = await run<{ defaults: Record<string, unknown> }>(() =>
      edit.loader(args(get(path, owner.cookie), params)),
    )
    expect(page.status).toBe(200)
    expect(page.data.defaults.contactEmail).toBe(organisation.contactEmail)
    const saved = await run(() =>
      edit.action(
        args(
          postForm(
            path,
            profileFields({ name: 'Nouveau nom', visibility: 'public' }),
            owner.cookie,
          ),
          params,
        ),
      ),
    )
    expect(saved.status).toBe(302)
    expect(saved.location).toBe(`/organisations/${organisation.slug}`)
    const updated = await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })
    expect(updated.name).toBe('Nouveau nom')
    expect(updated.slug).toBe(organisation.slug)
  })
})

describe('the profile page', () => {
  type ProfileData = {
    contact: { email: string; phone: string | null } | null
    canRequestIntroduction: boolean
    jsonLd: string
    memberRole: string | null
    needs: Array<{ id: string; title: string }>
    organisation: Record<string, unknown>
    recommendations: Array<{ organisation: { id: string }; score: number }> | null
  }
  const view = (slug: string, cookie?: string) =>
    run<ProfileData>(() => profile.loader(args(get(`/organisations/${slug}`, cookie), { slug })))

  test('recommended partners show on the page for its members only, never itself', async () => {
    const owner = await signedInUser()
    const stranger = await signedInUser()
    const museum = await createTestOrganisation(prisma, {
      owner: owner.user,
      kind: 'institution',
      subKind: 'ORG-INSTITUTION-MUSEE',
      regionCode: 'R-76',
      challengeCodes: ['GT-ARCHIVAGE'],
      technologyCodes: ['TECH-3D'],
    })
    const startup = await createTestOrganisation(prisma, {
      kind: 'startup',
      regionCode: 'R-76',
      challengeCodes: ['GT-ARCHIVAGE'],
      technologyCodes: ['TECH-3D'],
    })
    const mine = await view(museum.slug, owner.cookie)
    expect(mine.status).toBe(200)
    const ids = mine.data.recommendations!.map((item) => item.organisation.id)
    expect(ids).toContain(startup.id)
    expect(ids).not.toContain(museum.id)
    expect((await view(museum.slug, stranger.cookie)).data.recommendations).toBeNull()
    expect((await view(museum.slug)).data.recommendations).toBeNull()
  })

  test('a draft is a 404 for others and visible to its members', async () => {
    const owner = await signedInUser()
    const stranger = await signedInUser()
    const draft = await createTestOrganisation(prisma, { owner: owner.user, visibility: 'draft' })
    expect((await view(draft.slug)).status).toBe(404)
    expect((await view(draft.slug, stranger.cookie)).status).toBe(404)
    const mine = await view(draft.slug, owner.cookie)
    expect(mine.status).toBe(200)
    expect(mine.data.memberRole).toBe('owner')
    expect((await view('nexiste-pas')).status).toBe(404)
  })

  test('an unpublished profile is hidden from everyone but its members and admins', async () => {
    const owner = await signedInUser()
    const admin = await signedInUser({ role: 'admin' })
    const stranger = await signedInUser()
    const organisation = await createTestOrganisation(prisma, {
      owner: owner.user,
      unpublishedAt: new Date(),
    })
    expect((await view(organisation.slug)).status).toBe(404)
    expect((await view(organisation.slug, stranger.cookie)).status).toBe(404)
    expect((await view(organisation.slug, owner.cookie)).status).toBe(200)
    expect((await view(organisation.slug, admin.cookie)).status).toBe(200)
  })

  test('contacts stay hidden until an introduction is accepted', async () => {
    const owner = await signedInUser()
    const visitor = await signedInUser()
    const organisation = await createTestOrganisation(prisma, { owner: owner.user })
    const anonymous = await view(organisation.slug)
    expect(anonymous.data.contact).toBeNull()
    expect(JSON.stringify(anonymous.data)).not.toContain(organisation.contactEmail)
    expect(anonymous.data.canRequestIntroduction).toBe(false)

    const visitorsOrg = await createTestOrganisation(prisma, { owner: visitor.user })
    const before = await view(organisation.slug, visitor.cookie)
    expect(before.data.contact).toBeNull()
    expect(before.data.canRequestIntroduction).toBe(true)
    const request = await prisma.contactRequest.create({
      data: {
        kind: 'introduction',
        fromOrgId: visitorsOrg.id,
        toOrgId: organisation.id,
        message: 'Bonjour, pouvons-nous échanger ?',
      },
    })
    expect((await view(organisation.slug, visitor.cookie)).data.contact).toBeNull()
    await prisma.contactRequest.update({ where: { id: request.id }, data: { status: 'accepted' } })
    expect((await view(organisation.slug, visitor.cookie)).data.contact).toEqual({
      email: organisation.contactEmail,
      phone: organisation.contactPhone,
    })
    expect((await view(organisation.slug, owner.cookie)).data.contact?.email).toBe(
      organisation.contactEmail,
    )
  })

  test('JSON-LD describes the Organization and cannot close its script element', async () => {
    const organisation = await createTestOrganisation(prisma, {
      name: 'Les </script><script>alert(1)</script> Studios',
      regionCode: 'R-76',
      city: 'Toulouse',
      foundedYear: 2020,
      challengeCodes: ['GT-PUBLICS'],
      sectorCodes: [],
      technologyCodes: ['TECH-XR'],
    })
    const page = await view(organisation.slug)
    expect(page.data.jsonLd).not.toContain('<')
    const ld = JSON.parse(page.data.jsonLd)
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: organisation.name,
      foundingDate: '2020',
      address: { addressLocality: 'Toulouse', addressRegion: 'Occitanie' },
      knowsAbout: ['Publics et numérique', 'XR et immersif'],
    })
    expect(JSON.stringify(ld)).not.toContain(organisation.contactEmail)
  })

  test('open needs are listed; anonymous ones only for members', async () => {
    const owner = await signedInUser()
    const organisation = await createTestOrganisation(prisma, { owner: owner.user })
    const base = {
      organisationId: organisation.id,
      description: 'Description',
      regionCode: organisation.regionCode,
      expiresAt: new Date(Date.now() + 86_400_000),
    }
    await prisma.need.createMany({
      data: [
        { ...base, title: 'Besoin public' },
        { ...base, title: 'Besoin anonyme', anonymous: true },
        { ...base, title: 'Besoin fermé', status: 'closed' },
        { ...base, title: 'Besoin expiré', expiresAt: new Date(Date.now() - 1000) },
      ],
    })
    const titles = (data: ProfileData) => data.needs.map((need) => need.title).sort()
    expect(titles((await view(organisation.slug)).data)).toEqual(['Besoin public'])
    expect(titles((await view(organisation.slug, owner.cookie)).data)).toEqual([
      'Besoin anonyme',
      'Besoin public',
    ])
  })

  test('admins verify and unpublish (audited); anyone else gets a 403', async () => {
    const owner = await signedInUser()
    const admin = await signedInUser({ role: 'admin' })
    const organisation = await createTestOrganisation(prisma, {
      owner: owner.user,
      verifiedAt: null,
    })
    const post = (intent: string, cookie: string) =>
      run(() =>
        profile.action(
          args(postForm(`/organisations/${organisation.slug}`, [['intent', intent]], cookie), {
            slug: organisation.slug,
          }),
        ),
      )
    const refused = await post('verify', owner.cookie)
    expect(refused.status).toBe(403)
    expect(refused.data).toBe('directory:errors.adminOnly')
    expect((await post('verify', admin.cookie)).status).toBe(302)
    expect((await post('unpublish', admin.cookie)).status).toBe(302)
    expect((await post('n-importe-quoi', admin.cookie)).status).toBe(400)
    const after = await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })
    expect(after.verifiedAt).not.toBeNull()
    expect(after.unpublishedAt).not.toBeNull()
    const audit = await prisma.auditLog.findMany({
      where: { targetId: organisation.id },
      orderBy: { createdAt: 'asc' },
    })
    expect(audit.map((row) => ({ action: row.action, actorId: row.actorId }))).toEqual([
      { action: 'organisation.verify', actorId: admin.user.id },
      { action: 'organisation.unpublish', actorId: admin.user.id },
    ])
  })
})

describe('members and invitations', () => {
  async function orgWithOwner() {
    const owner = await signedInUser({ name: 'Olga Propriétaire' })
    const organisation = await createTestOrganisation(prisma, { owner: owner.user })
    const path = `/organisations/${organisation.slug}/membres`
    const post = (pairs: Pairs, cookie: string) =>
      run<{ error: string | null }>(() =>
        members.action(args(postForm(path, pairs, cookie), { slug: organisation.slug })),
      )
    return { owner, organisation, path, post }
  }

  test('an editor sees the members but cannot invite (403)', async () => {
    const { organisation, path, post } = await orgWithOwner()
    const editor = await signedInUser()
    await prisma.membership.create({
      data: { organisationId: organisation.id, userId: editor.user.id, role: 'editor' },
    })
    const page = await run<{ isOwner: boolean; members: unknown[] }>(() =>
      members.loader(args(get(path, editor.cookie), { slug: organisation.slug })),
    )
    expect(page.data.isOwner).toBe(false)
    expect(page.data.members).toHaveLength(2)
    const refused = await post(
      [
        ['intent', 'invite'],
        ['email', 'nouvelle@exemple.fr'],
        ['role', 'editor'],
      ],
      editor.cookie,
    )
    expect(refused.status).toBe(403)
    expect(refused.data).toBe('directory:errors.ownersOnly')
    expect(await prisma.orgInvitation.count({ where: { organisationId: organisation.id } })).toBe(0)
    const stranger = await signedInUser()
    expect(
      (
        await run(() =>
          members.loader(args(get(path, stranger.cookie), { slug: organisation.slug })),
        )
      ).status,
    ).toBe(403)
  })

  test('invite, accept through /invitations/:token, refuse another account and reuse', async () => {
    const { owner, organisation, post } = await orgWithOwner()
    const invitee = await signedInUser()
    const intruder = await signedInUser()
    const invited = await post(
      [
        ['intent', 'invite'],
        ['email', invitee.user.email],
        ['role', 'editor'],
      ],
      owner.cookie,
    )
    expect(invited.status).toBe(302)
    const mail = await prisma.outboxEmail.findFirstOrThrow({
      where: { toAddress: invitee.user.email },
    })
    const token = /\/invitations\/([a-z2-7]{32})/.exec(mail.textBody)![1]
    const path = `/invitations/${token}`
    const params = { token }

    const anonymousPage = await run<{ state: string; signedIn: boolean; maskedEmail: string }>(() =>
      invitationPage.loader(args(get(path), params)),
    )
    expect(anonymousPage.status).toBe(200)
    expect(anonymousPage.data.state).toBe('valid')
    expect(anonymousPage.data.maskedEmail).not.toBe(invitee.user.email)

    const accept = (cookie?: string) =>
      run(() => invitationPage.action(args(postForm(path, [['intent', 'accept']], cookie), params)))
    expect((await accept()).status).toBe(302) // to sign-in
    const wrong = await accept(intruder.cookie)
    expect(wrong.status).toBe(403)
    expect(wrong.data).toBe('directory:invitation.wrongEmail')
    const ok = await accept(invitee.cookie)
    expect(ok.status).toBe(302)
    expect(ok.location).toBe(`/organisations/${organisation.slug}`)
    expect(
      await prisma.membership.findUnique({
        where: {
          organisationId_userId: { organisationId: organisation.id, userId: invitee.user.id },
        },
      }),
    ).toMatchObject({ role: 'editor' })
    expect((await accept(invitee.cookie)).status).toBe(410)
    const usedPage = await run(() => invitationPage.loader(args(get(path), params)))
    expect(usedPage.status).toBe(410)
    expect(
      (await run(() => invitationPage.loader(args(get('/invitations/zzz'), { token: 'zzz' }))))
        .status,
    ).toBe(404)
  })

  test('an expired invitation is refused; /me/organisations lists memberships and invitations', async () => {
    const { owner, organisation, post } = await orgWithOwner()
    const invitee = await signedInUser()
    await post(
      [
        ['intent', 'invite'],
        ['email', invitee.user.email],
        ['role', 'owner'],
      ],
      owner.cookie,
    )
    const mine = await run<{ invitations: Array<{ id: string; organisation: { slug: string } }> }>(
      () => myOrganisations.loader(args(get('/me/organisations', invitee.cookie))),
    )
    expect(mine.data.invitations).toEqual([
      expect.objectContaining({
        organisation: expect.objectContaining({ slug: organisation.slug }),
      }),
    ])
    const invitation = await prisma.orgInvitation.findFirstOrThrow({
      where: { organisationId: organisation.id },
    })
    await prisma.orgInvitation.update({
      where: { id: invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const expired = await run(() =>
      myOrganisations.action(
        args(
          postForm(
            '/me/organisations',
            [
              ['intent', 'accept-invitation'],
              ['invitationId', invitation.id],
            ],
            invitee.cookie,
          ),
        ),
      ),
    )
    expect(expired.status).toBe(410)
    expect((await run(() => myOrganisations.loader(args(get('/me/organisations'))))).status).toBe(
      302,
    )
    const ownerView = await run<{ memberships: Array<{ slug: string; role: string }> }>(() =>
      myOrganisations.loader(args(get('/me/organisations', owner.cookie))),
    )
    expect(ownerView.data.memberships).toEqual([
      expect.objectContaining({ slug: organisation.slug, role: 'owner' }),
    ])
  })

  test('the last owner cannot be removed (409 with a message); an editor can leave', async () => {
    const { owner, organisation, post } = await orgWithOwner()
    const refused = await post(
      [
        ['intent', 'remove-member'],
        ['userId', owner.user.id],
      ],
      owner.cookie,
    )
    expect(refused.status).toBe(409)
    expect(refused.data.error).toBe('directory:errors.lastOwner')
    const demote = await post(
      [
        ['intent', 'change-role'],
        ['userId', owner.user.id],
        ['role', 'editor'],
      ],
      owner.cookie,
    )
    expect(demote.status).toBe(409)
    const editor = await signedInUser()
    await prisma.membership.create({
      data: { organisationId: organisation.id, userId: editor.user.id, role: 'editor' },
    })
    const left = await post(
      [
        ['intent', 'remove-member'],
        ['userId', editor.user.id],
      ],
      editor.cookie,
    )
    expect(left.status).toBe(302)
    expect(left.location).toBe('/me/organisations')
    expect(await prisma.membership.count({ where: { organisationId: organisation.id } })).toBe(1)
    // The stored invitation id is the token's hash: a leaked table gives no usable link.
    expect(hashToken('x')).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('the directory page', () => {
  test('filters by region and kind from the query string; never sends contact details', async () => {
    const organisation = await createTestOrganisation(prisma, {
      kind: 'company',
      regionCode: 'R-02',
      name: 'Agence Madinina',
    })
    const draft = await createTestOrganisation(prisma, {
      kind: 'company',
      regionCode: 'R-02',
      visibility: 'draft',
    })
    const outcome = await run<{
      total: number
      items: Array<{ slug: string; region: string }>
    }>(() =>
      directory.loader(args(get('/organisations?region=R-02&kind=company&page=abc&sector=<b>'))),
    )
    expect(outcome.status).toBe(200)
    const found = outcome.data.items.find((item) => item.slug === organisation.slug)
    expect(found).toMatchObject({ region: 'Martinique' })
    expect(outcome.data.items.every((item) => item.region === 'Martinique')).toBe(true)
    expect(outcome.data.total).toBe(outcome.data.items.length)
    expect(outcome.data.items.map((item) => item.slug)).not.toContain(draft.slug)
    expect(JSON.stringify(outcome.data)).not.toContain(organisation.contactEmail)
  })
})
