import { z } from 'zod'

/** "Pas pertinent" on a recommendation, and its undo. */
export const RecommendationFeedbackSchema = z.object({
  intent: z.enum(['not-relevant', 'undo-not-relevant'], {
    error: 'matching:errors.invalidFeedback',
  }),
  targetOrgId: z
    .string({ error: 'matching:errors.invalidFeedback' })
    .trim()
    .min(1, 'matching:errors.invalidFeedback')
    .max(100, 'matching:errors.invalidFeedback'),
})
export type RecommendationFeedback = z.output<typeof RecommendationFeedbackSchema>
