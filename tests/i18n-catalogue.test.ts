import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { resources } from '~/locales/index.ts'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  )
}

// Plural forms differ by language only in their suffixes; compare the base keys.
const basePluralKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '')

describe('i18n catalogue', () => {
  test('every namespace file is registered', () => {
    const files = readdirSync(path.resolve('app/locales/fr')).map((file) =>
      file.replace(/\.json$/, ''),
    )
    expect(Object.keys(resources.fr).sort()).toEqual(files.sort())
    expect(Object.keys(resources.en).sort()).toEqual(files.sort())
  })

  test.each(Object.keys(resources.fr))(
    'namespace %s has the same keys in French and English',
    (namespace) => {
      const fr = new Set(
        flatten(resources.fr[namespace as keyof typeof resources.fr] as Tree).map(basePluralKey),
      )
      const en = new Set(
        flatten(resources.en[namespace as keyof typeof resources.en] as Tree).map(basePluralKey),
      )
      expect([...fr].filter((key) => !en.has(key))).toEqual([])
      expect([...en].filter((key) => !fr.has(key))).toEqual([])
    },
  )

  test('every catalogue key used in the code exists', () => {
    const keyPattern = /['"`]([a-z]+):([A-Za-z0-9_.]+)['"`]/g
    const missing: string[] = []
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? entry.name === 'generated'
            ? []
            : walk(path.join(dir, entry.name))
          : /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts')
            ? [path.join(dir, entry.name)]
            : [],
      )
    for (const file of walk(path.resolve('app'))) {
      for (const [, namespace, key] of readFileSync(file, 'utf8').matchAll(keyPattern)) {
        const catalogue = resources.fr[namespace as keyof typeof resources.fr] as Tree | undefined
        if (!catalogue) continue
        const found = key
          .split('.')
          .reduce<Tree | string | undefined>(
            (node, part) => (typeof node === 'object' ? node[part] : undefined),
            catalogue,
          )
        if (found === undefined)
          missing.push(`${namespace}:${key} (${path.relative(process.cwd(), file)})`)
      }
    }
    expect(missing).toEqual([])
  })
})
