// The admin's taxonomy upload (`/admin/taxonomie`): a .json or .csv file of at most 1 MB and an
// import mode. Its zod schema is server-only: taxonomy-validation.server.ts.

export const TAXONOMY_UPLOAD_MAX_BYTES = 1024 * 1024
export const TAXONOMY_IMPORT_MODES = ['replace-kinds', 'additive'] as const

export function taxonomyFileFormat(fileName: string): 'json' | 'csv' | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  return extension === 'json' || extension === 'csv' ? extension : null
}
