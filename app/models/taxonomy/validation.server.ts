// The admin's taxonomy upload form (`/admin/taxonomie`): the file, the import mode, and whether
// to apply it or only preview the plan. Server-only so zod stays out of the browser bundle.
import { z } from 'zod'
import { TAXONOMY_IMPORT_MODES, TAXONOMY_UPLOAD_MAX_BYTES, taxonomyFileFormat } from './upload.ts'

export const TaxonomyUploadSchema = z.object({
  intent: z.enum(['preview', 'import'], { error: 'common:errors.unknownAction' }),
  mode: z.enum(TAXONOMY_IMPORT_MODES, { error: 'admin:taxonomy.errors.mode' }),
  file: z
    .instanceof(File, { error: 'admin:taxonomy.errors.fileRequired' })
    .refine((file) => file.size > 0, 'admin:taxonomy.errors.fileRequired')
    .refine((file) => file.size <= TAXONOMY_UPLOAD_MAX_BYTES, 'admin:taxonomy.errors.fileTooLarge')
    .refine((file) => taxonomyFileFormat(file.name) !== null, 'admin:taxonomy.errors.fileType'),
})
