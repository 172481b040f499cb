// The README's "Where things go" table must point at folders and files that exist.
import { existsSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

test('every path the README architecture map names exists', () => {
  const readme = readFileSync('README.md', 'utf8')
  const section = readme.slice(
    readme.indexOf('### Where things go'),
    readme.indexOf('## Other scripts'),
  )
  const paths = [...section.matchAll(/`((?:app|prisma|e2e|tests|components)\/[^`*$]+?)`/g)]
    .map((match) => match[1]!)
    .map((path) => (path.startsWith('components/') ? `app/${path}` : path))
    .filter((path) => !path.includes('<'))
  expect(paths.length).toBeGreaterThan(15)
  expect(paths.filter((path) => !existsSync(path))).toEqual([])
})
