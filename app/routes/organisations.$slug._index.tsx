import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { RecommendationList } from '~/components/matching/recommendations.tsx'
import { dashboardRecommendations } from '~/models/matching/recommendations.server.ts'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/notice.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { profileLabels } from '~/models/directory/options.server.ts'
import {
  getOrganisationForViewer,
  moderateOrganisation,
  openNeedsOf,
  organisationIdBySlug,
  type ModerationAction,
} from '~/models/directory/organisation.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { appUrl } from '~/utils/env.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { jsonForScript, organisationJsonLd } from '~/utils/json-ld.ts'
import { localised } from '~/utils/localised.ts'
import { pageLanguage, translatorFor } from '~/utils/meta.ts'
import { useNonce } from '~/utils/nonce.ts'
import { getUser, requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['directory', 'matching'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const found = await getOrganisationForViewer(params.slug ?? '', user)
  if (!found) throw data('directory:errors.notFound', { status: 404 })
  const { organisation, contact, memberRole, isAdmin, otherOrganisationIds } = found
  const language = await getLanguage(request)
  const [taxonomy, needs, recommendations] = await Promise.all([
    getTaxonomy(),
    openNeedsOf(organisation.id, { includeAnonymous: memberRole !== null }),
    // « Partenaires recommandés »: shown to the organisation's own members.
    memberRole && user ? dashboardRecommendations(organisation.id, user, { limit: 5 }) : null,
  ])
  const labels = profileLabels(taxonomy, organisation, language)
  const pitch = localised({ fr: organisation.pitchFr, en: organisation.pitchEn }, language)
  const description = localised(
    { fr: organisation.descriptionFr, en: organisation.descriptionEn },
    language,
  )
  const profileUrl = `${appUrl()}/organisations/${organisation.slug}`
  const jsonLd = jsonForScript(
    organisationJsonLd({
      profileUrl,
      name: organisation.name,
      website: organisation.website,
      description: pitch.text || description.text,
      city: organisation.city,
      region: labels.region,
      foundedYear: organisation.foundedYear,
      knowsAbout: [
        ...labels.challengeGroups.flatMap((group) => group.items.map((item) => item.label)),
        ...labels.sectors.map((tag) => tag.label),
        ...labels.technologies.map((tag) => tag.label),
      ],
    }),
  )
  return {
    organisation: {
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      city: organisation.city,
      website: organisation.website,
      foundedYear: organisation.foundedYear,
      sizeBand: organisation.sizeBand,
      languages: organisation.languages,
      offers: organisation.offers,
      seeks: organisation.seeks,
      visibility: organisation.visibility,
      verifiedAt: organisation.verifiedAt?.toISOString() ?? null,
      unpublishedAt: organisation.unpublishedAt?.toISOString() ?? null,
    },
    pitch,
    description,
    labels,
    contact,
    needs: needs.map((need) => ({ id: need.id, title: need.title, anonymous: need.anonymous })),
    memberRole,
    isAdmin,
    signedIn: user !== null,
    canRequestIntroduction: user !== null && memberRole === null && otherOrganisationIds.length > 0,
    jsonLd,
    recommendations,
  }
}

const MODERATION_ACTIONS: readonly ModerationAction[] = [
  'verify',
  'unverify',
  'unpublish',
  'republish',
]

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const intent = (await request.formData()).get('intent')
  if (!MODERATION_ACTIONS.includes(intent as ModerationAction)) {
    throw data('common:errors.unknownAction', { status: 400 })
  }
  // Checked before looking the profile up, so that nobody else learns whether a slug exists.
  if (user.role !== 'admin') throw data('directory:errors.adminOnly', { status: 403 })
  const organisationId = await organisationIdBySlug(params.slug ?? '')
  if (!organisationId) throw data('directory:errors.notFound', { status: 404 })
  await moderateOrganisation(organisationId, intent as ModerationAction, user)
  return redirect(`/organisations/${params.slug}`, {
    headers: {
      'Set-Cookie': await flashHeader({ type: 'success', key: `directory:flash.${intent}` }),
    },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const t = translatorFor(pageLanguage(matches))
  if (!loaderData) return [{ title: `${t('common:errors.404.title')} — Passerelle` }]
  const { organisation, pitch } = loaderData
  const hidden = organisation.visibility !== 'public' || organisation.unpublishedAt !== null
  return [
    { title: `${organisation.name} — ${t('directory:list.title')} — Passerelle` },
    ...(pitch.text ? [{ name: 'description', content: pitch.text }] : []),
    ...(hidden ? [{ name: 'robots', content: 'noindex' }] : []),
  ]
}

function AdminActions({ verified, unpublished }: { verified: boolean; unpublished: boolean }) {
  const { t } = useTranslation('directory')
  return (
    <section className="fr-mt-6w fr-p-3w fr-background-alt--grey" aria-labelledby="admin-titre">
      <h2 className="fr-h5" id="admin-titre">
        {t('profile.admin.title')}
      </h2>
      <Form method="post" className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <button
          className="fr-btn fr-btn--secondary"
          type="submit"
          name="intent"
          value={verified ? 'unverify' : 'verify'}
        >
          {verified ? t('profile.admin.unverify') : t('profile.admin.verify')}
        </button>
        <button
          className="fr-btn fr-btn--tertiary"
          type="submit"
          name="intent"
          value={unpublished ? 'republish' : 'unpublish'}
        >
          {unpublished ? t('profile.admin.republish') : t('profile.admin.unpublish')}
        </button>
      </Form>
    </section>
  )
}

export default function OrganisationProfilePage() {
  const { t, i18n } = useTranslation('directory')
  const nonce = useNonce()
  const {
    organisation,
    pitch,
    description,
    labels,
    contact,
    needs,
    memberRole,
    isAdmin,
    signedIn,
    canRequestIntroduction,
    jsonLd,
    recommendations,
  } = useLoaderData<typeof loader>()
  const base = `/organisations/${organisation.slug}`
  const hasTags =
    labels.sectors.length + labels.technologies.length + labels.challengeGroups.length > 0
  return (
    <div className="fr-container fr-py-4w">
      <script
        type="application/ld+json"
        nonce={nonce}
        // Escaped by jsonForScript: no "</script>" can appear in it.
        dangerouslySetInnerHTML={{ __html: jsonLd }}
      />
      <nav role="navigation" className="fr-breadcrumb" aria-label={t('profile.breadcrumb')}>
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/">
              {t('profile.home')}
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" to="/organisations">
              {t('list.title')}
            </Link>
          </li>
          <li>
            <span className="fr-breadcrumb__link" aria-current="page">
              {organisation.name}
            </span>
          </li>
        </ol>
      </nav>

      {organisation.unpublishedAt ? (
        <Notice type="warning" title={t('profile.unpublishedTitle')}>
          {t('profile.unpublished', {
            date: formatDate(organisation.unpublishedAt, i18n.language),
          })}
        </Notice>
      ) : organisation.visibility !== 'public' ? (
        <Notice type="info">{t(`profile.visibilityNotice.${organisation.visibility}`)}</Notice>
      ) : null}

      <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <div className="fr-col-12 fr-col-md-8">
          <h1 className="fr-mb-1w">{organisation.name}</h1>
          <ul className="fr-badges-group fr-mb-2w">
            <li>
              <p className="fr-badge fr-badge--blue-france">
                {labels.subKind
                  ? `${t(`kinds.${organisation.kind}`)} · ${labels.subKind}`
                  : t(`kinds.${organisation.kind}`)}
              </p>
            </li>
            {organisation.verifiedAt ? (
              <li>
                <p className="fr-badge fr-badge--success">{t('badges.verified')}</p>
              </li>
            ) : null}
          </ul>
          {pitch.text ? (
            <p className="fr-text--lead" lang={pitch.lang}>
              {pitch.text}
            </p>
          ) : null}
          {description.text ? (
            <p className="passerelle-preserve-lines" lang={description.lang}>
              {description.text}
            </p>
          ) : null}

          {organisation.offers ? (
            <section className="fr-mt-4w" aria-labelledby="offre-titre">
              <h2 className="fr-h4" id="offre-titre">
                {t('fields.offers')}
              </h2>
              <p className="passerelle-preserve-lines">{organisation.offers}</p>
            </section>
          ) : null}
          {organisation.seeks ? (
            <section className="fr-mt-4w" aria-labelledby="recherche-titre">
              <h2 className="fr-h4" id="recherche-titre">
                {t('fields.seeks')}
              </h2>
              <p className="passerelle-preserve-lines">{organisation.seeks}</p>
            </section>
          ) : null}

          {hasTags ? (
            <section className="fr-mt-4w" aria-labelledby="thematiques-titre">
              <h2 className="fr-h4" id="thematiques-titre">
                {t('profile.tags')}
              </h2>
              {labels.challengeGroups.length ? (
                <>
                  <h3 className="fr-h6 fr-mb-1w">{t('fields.challenges')}</h3>
                  {labels.challengeGroups.map((group) => (
                    <div key={group.code} className="fr-mb-2w">
                      <p className="fr-text--sm fr-mb-1v">{group.label}</p>
                      <ul className="fr-tags-group">
                        {group.items.map((item) => (
                          <li key={item.code}>
                            <a
                              className="fr-tag fr-tag--sm"
                              href={`/organisations?challenge=${item.code}`}
                            >
                              {item.label}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </>
              ) : null}
              {(
                [
                  ['sectors', 'sector', labels.sectors],
                  ['technologies', 'technology', labels.technologies],
                ] as const
              ).map(([key, param, tags]) =>
                tags.length ? (
                  <div key={key}>
                    <h3 className="fr-h6 fr-mb-1w">{t(`fields.${key}`)}</h3>
                    <ul className="fr-tags-group">
                      {tags.map((tag) => (
                        <li key={tag.code}>
                          <a
                            className="fr-tag fr-tag--sm"
                            href={`/organisations?${param}=${tag.code}`}
                          >
                            {tag.label}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null,
              )}
            </section>
          ) : null}

          <section className="fr-mt-4w" aria-labelledby="besoins-titre">
            <h2 className="fr-h4" id="besoins-titre">
              {t('profile.needs')}
            </h2>
            {needs.length ? (
              <ul>
                {needs.map((need) => (
                  <li key={need.id}>
                    <Link to={`/besoins/${need.id}`}>{need.title}</Link>
                    {need.anonymous ? (
                      <span className="fr-badge fr-badge--sm fr-ml-1w">
                        {t('profile.anonymousNeed')}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('profile.noNeeds')}</p>
            )}
          </section>
        </div>

        <aside className="fr-col-12 fr-col-md-4" aria-labelledby="infos-titre">
          <div className="fr-p-3w fr-background-alt--blue-france">
            <h2 className="fr-h5" id="infos-titre">
              {t('profile.facts')}
            </h2>
            <dl>
              <dt className="fr-text--bold">{t('profile.location')}</dt>
              <dd className="fr-ml-0 fr-mb-2w">
                {organisation.city ? `${organisation.city}, ${labels.region}` : labels.region}
              </dd>
              {organisation.website ? (
                <>
                  <dt className="fr-text--bold">{t('fields.website')}</dt>
                  <dd className="fr-ml-0 fr-mb-2w">
                    <a
                      href={organisation.website}
                      rel="noopener noreferrer nofollow"
                      target="_blank"
                    >
                      {organisation.website.replace(/^https?:\/\//, '')}
                      <span className="fr-sr-only"> {t('profile.newWindow')}</span>
                    </a>
                  </dd>
                </>
              ) : null}
              {organisation.foundedYear ? (
                <>
                  <dt className="fr-text--bold">{t('fields.foundedYear')}</dt>
                  <dd className="fr-ml-0 fr-mb-2w">{organisation.foundedYear}</dd>
                </>
              ) : null}
              {organisation.sizeBand ? (
                <>
                  <dt className="fr-text--bold">{t('fields.sizeBand')}</dt>
                  <dd className="fr-ml-0 fr-mb-2w">{t(`sizeBands.${organisation.sizeBand}`)}</dd>
                </>
              ) : null}
              <dt className="fr-text--bold">{t('fields.languages')}</dt>
              <dd className="fr-ml-0 fr-mb-2w">
                {organisation.languages.map((code) => t(`languages.${code}`)).join(', ')}
              </dd>
            </dl>

            <h2 className="fr-h5 fr-mt-4w" id="contact-titre">
              {t('profile.contact')}
            </h2>
            {contact ? (
              <ul className="passerelle-plain-list">
                <li>
                  <a
                    className="fr-link fr-icon-mail-line fr-link--icon-left"
                    href={`mailto:${contact.email}`}
                  >
                    {contact.email}
                  </a>
                </li>
                {contact.phone ? (
                  <li>
                    <a className="fr-link" href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>
                      {contact.phone}
                    </a>
                  </li>
                ) : null}
              </ul>
            ) : (
              <>
                <p className="fr-text--sm">{t('profile.contactHidden')}</p>
                {canRequestIntroduction ? (
                  <Link className="fr-btn" to={`${base}/mise-en-relation`}>
                    {t('profile.requestIntroduction')}
                  </Link>
                ) : (
                  <>
                    <p className="fr-text--sm">
                      {signedIn ? t('profile.needOrganisation') : t('profile.needAccount')}
                    </p>
                    <Link className="fr-btn fr-btn--secondary" to="/organisations/nouvelle">
                      {t('profile.createOrganisation')}
                    </Link>
                  </>
                )}
              </>
            )}
          </div>

          {memberRole ? (
            <nav className="fr-mt-4w" aria-labelledby="membres-actions-titre">
              <h2 className="fr-h5" id="membres-actions-titre">
                {t('profile.memberActions')}
              </h2>
              <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--icon-left">
                <li>
                  <Link
                    className="fr-btn fr-icon-edit-line fr-btn--icon-left"
                    to={`${base}/modifier`}
                  >
                    {t('profile.edit')}
                  </Link>
                </li>
                <li>
                  <Link
                    className="fr-btn fr-btn--secondary fr-icon-team-line fr-btn--icon-left"
                    to={`${base}/membres`}
                  >
                    {t('profile.manageMembers')}
                  </Link>
                </li>
                <li>
                  <Link
                    className="fr-btn fr-btn--tertiary fr-icon-links-line fr-btn--icon-left"
                    to={`${base}/partenaires`}
                  >
                    {t('profile.recommendedPartners')}
                  </Link>
                </li>
              </ul>
            </nav>
          ) : null}
          {recommendations ? (
            <div className="fr-mt-4w">
              <RecommendationList items={recommendations} seeAllHref={`${base}/partenaires`} />
            </div>
          ) : null}
        </aside>
      </div>

      {isAdmin ? (
        <AdminActions
          verified={organisation.verifiedAt !== null}
          unpublished={organisation.unpublishedAt !== null}
        />
      ) : null}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
