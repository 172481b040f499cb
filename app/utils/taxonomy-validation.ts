// The admin's taxonomy upload (`/admin/taxonomie`): a .json or .csv file of at most 1 MB, an
// import mode, and whether to apply it or only preview the plan.
import { z } from 'zod'

export const TAXONOMY_UPLOAD_MAX_BYTES = 1024 * 1024
export const TAXONOMY_IMPORT_MODES = ['replace-kinds', 'additive'] as const

export function taxonomyFileFormat(fileName: string): 'json' | 'csv' | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  return extension === 'json' || extension === 'csv' ? extension : null
}

export const TaxonomyUploadSchema = z.object({
  intent: z.enum(['preview', 'import'], { error: 'common:errors.unknownAction' }),
  mode: z.enum(TAXONOMY_IMPORT_MODES, { error: 'admin:taxonomy.errors.mode' }),
  file: z
    .instanceof(File, { error: 'admin:taxonomy.errors.fileRequired' })
    .refine((file) => file.size > 0, 'admin:taxonomy.errors.fileRequired')
    .refine((file) => file.size <= TAXONOMY_UPLOAD_MAX_BYTES, 'admin:taxonomy.errors.fileTooLarge')
    .refine((file) => taxonomyFileFormat(file.name) !== null, 'admin:taxonomy.errors.fileType'),
})
