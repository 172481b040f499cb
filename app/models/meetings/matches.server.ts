// Match score and reasons of each participant of a session for the viewer, from the
// organisations both come for (Registration.organisationId). Scoring is the recommendations'.
import { getFixedT } from '~/i18n.server.ts'
import type { Language } from '~/i18n.ts'
import { formatReasons } from '~/models/matching/render.ts'
import { scoreOrganisationPairs } from '~/models/matching/recommendations.server.ts'

export interface ParticipantMatch {
  score: number
  reasons: string[]
}

export async function participantMatches(
  viewerOrganisationId: string | null,
  others: ReadonlyArray<{ userId: string; organisation: { id: string } | null }>,
  language: Language,
): Promise<Map<string, ParticipantMatch>> {
  const matches = new Map<string, ParticipantMatch>()
  if (!viewerOrganisationId) return matches
  const pairs = [
    ...new Set(
      others.flatMap((other) =>
        other.organisation && other.organisation.id !== viewerOrganisationId
          ? [other.organisation.id]
          : [],
      ),
    ),
  ].map((id) => [viewerOrganisationId, id] as const)
  if (pairs.length === 0) return matches
  const [scores, t] = await Promise.all([
    scoreOrganisationPairs(pairs),
    getFixedT(language, 'matching'),
  ])
  for (const other of others) {
    if (!other.organisation) continue
    const pair = scores.get(`${viewerOrganisationId}|${other.organisation.id}`)
    if (!pair) continue
    matches.set(other.userId, {
      score: pair.score,
      reasons: formatReasons(pair.reasons, t, language),
    })
  }
  return matches
}
