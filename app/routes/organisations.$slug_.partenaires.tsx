import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/notice.tsx'
import { RecommendationCard, useMatchingLocale } from '~/components/matching/recommendations.tsx'
import { formatReasons } from '~/models/matching/render.ts'
import {
  findVisibleOrganisation,
  recommendPartners,
  recordNotRelevant,
  undoNotRelevant,
  type Recommendation,
} from '~/models/matching/recommendations.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { RecommendationFeedbackSchema } from '~/models/matching/validation.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['matching'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const organisation = await findVisibleOrganisation(params.slug ?? '', user)
  const { items } = await recommendPartners(organisation.id, user, { limit: 20 })
  return { organisation, items }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const organisation = await findVisibleOrganisation(params.slug ?? '', user)
  const submission = parseWithZod(await request.formData(), {
    schema: RecommendationFeedbackSchema,
  })
  if (submission.status !== 'success') {
    return data({ outcome: null, error: 'matching:errors.invalidFeedback' }, { status: 400 })
  }
  const { intent, targetOrgId } = submission.value
  const { target } =
    intent === 'not-relevant'
      ? await recordNotRelevant(organisation.id, targetOrgId, user)
      : await undoNotRelevant(organisation.id, targetOrgId, user)
  return { outcome: { intent, targetOrgId, name: target.name }, error: null }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'matching:partners.title')

function IntroductionActions({
  item,
  from,
}: {
  item: Recommendation
  from: { id: string; name: string }
}) {
  const { t } = useTranslation('matching')
  const locale = useMatchingLocale()
  const target = item.organisation
  const message = t('card.defaultMessage', {
    from: from.name,
    reasons: formatReasons(item.reasons.slice(0, 2), t, locale)
      .map((sentence) => sentence.charAt(0).toLowerCase() + sentence.slice(1))
      .join(' ; '),
    interpolation: { escapeValue: false },
  })
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
      <li>
        <Form method="post" action={`/organisations/${target.slug}/mise-en-relation`}>
          <input type="hidden" name="fromOrgId" value={from.id} />
          <input type="hidden" name="message" value={message} />
          <button className="fr-btn fr-btn--sm" type="submit">
            {t('card.introduce')}
            <span className="fr-sr-only"> {t('card.introduceWith', { name: target.name })}</span>
          </button>
        </Form>
      </li>
      <li>
        <Link
          className="fr-btn fr-btn--sm fr-btn--secondary"
          to={`/organisations/${target.slug}/mise-en-relation`}
        >
          {t('card.customMessage')}
          <span className="fr-sr-only"> {t('card.customMessageTo', { name: target.name })}</span>
        </Link>
      </li>
      <li>
        <Form method="post">
          <input type="hidden" name="intent" value="not-relevant" />
          <input type="hidden" name="targetOrgId" value={target.id} />
          <button
            className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-close-line fr-btn--icon-left"
            type="submit"
          >
            {t('card.notRelevant')}
            <span className="fr-sr-only">{t('card.notRelevantWhich', { name: target.name })}</span>
          </button>
        </Form>
      </li>
    </ul>
  )
}

function FeedbackNotice() {
  const { t } = useTranslation('matching')
  const result = useActionData<typeof action>()
  return (
    <div aria-live="polite" className="fr-mb-3w">
      {result?.error ? <Notice type="error">{t(result.error)}</Notice> : null}
      {result?.outcome?.intent === 'not-relevant' ? (
        <div className="fr-alert fr-alert--info fr-alert--sm" role="status">
          <p>{t('partners.hidden', { name: result.outcome.name })}</p>
          <Form method="post" className="fr-mt-1w">
            <input type="hidden" name="intent" value="undo-not-relevant" />
            <input type="hidden" name="targetOrgId" value={result.outcome.targetOrgId} />
            <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
              {t('partners.undo')}
              <span className="fr-sr-only">
                {t('partners.undoWhich', { name: result.outcome.name })}
              </span>
            </button>
          </Form>
        </div>
      ) : null}
      {result?.outcome?.intent === 'undo-not-relevant' ? (
        <Notice type="success">{t('partners.restored', { name: result.outcome.name })}</Notice>
      ) : null}
    </div>
  )
}

export default function PartnersPage() {
  const { t } = useTranslation('matching')
  const { organisation, items } = useLoaderData<typeof loader>()
  return (
    <div className="fr-container fr-py-6w">
      <p>
        <Link
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          to={`/organisations/${organisation.slug}`}
        >
          {t('partners.backToProfile', { name: organisation.name })}
        </Link>
      </p>
      <h1>{t('partners.heading', { name: organisation.name })}</h1>
      <p className="fr-text--lead">{t('partners.intro')}</p>
      <FeedbackNotice />
      <h2 className="fr-h4">{t('partners.listTitle', { count: items.length })}</h2>
      {items.length === 0 ? (
        <p>{t('partners.empty')}</p>
      ) : (
        <ol className="passerelle-plain-list">
          {items.map((item) => (
            <li key={item.organisation.id} className="fr-mb-3w">
              <RecommendationCard
                item={item}
                actions={<IntroductionActions item={item} from={organisation} />}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
