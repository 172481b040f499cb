// A page's HTML carries only the namespaces its routes declare (`handle.i18n`, app/root.tsx);
// others load later, and a `ns:key` from an undeclared namespace would show as a raw key
// until then. This reads each route and the browser-side modules it imports, and checks that
// every namespace they name is declared by the route, one of its parents or the root.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { resources } from '~/locales/index.ts'

const APP = path.resolve('app')
const NAMESPACES = Object.keys(resources.fr)
const USE_TRANSLATION = /useTranslation\(\s*(\[[^\]]*\]|'[a-z]+')/g
const NAMESPACED_KEY = new RegExp(`['\`](${NAMESPACES.join('|')}):[\\w.]+`, 'g')
const IMPORT = /from '(~\/[^']+|\.{1,2}\/[^']+)'/g

function declaredNamespaces(file: string): string[] {
  const match = /export const handle = \{ i18n: (\[[^\]]*\]|'[a-z]+') \}/.exec(
    readFileSync(file, 'utf8'),
  )
  return match ? [...match[1].matchAll(/'([a-z]+)'/g)].map((m) => m[1]) : []
}

/** Server-only modules (loaders, actions, e-mails) never render in the browser. */
function browserImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)]
    .map(([, specifier]) =>
      specifier.startsWith('~/')
        ? path.join(APP, specifier.slice(2))
        : path.resolve(path.dirname(file), specifier),
    )
    .filter((target) => !target.includes('.server.') && !target.includes(`${path.sep}models`))
    .filter((target) => existsSync(target) && /\.tsx?$/.test(target))
}

/** Namespaces named by a module and what it imports for the browser. */
function usedNamespaces(entry: string): Map<string, string> {
  const used = new Map<string, string>()
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    for (const [, argument] of source.matchAll(USE_TRANSLATION)) {
      for (const [, ns] of argument.matchAll(/'([a-z]+)'/g)) used.set(ns, path.relative(APP, file))
    }
    for (const [, ns] of source.matchAll(NAMESPACED_KEY)) used.set(ns, path.relative(APP, file))
    for (const target of browserImports(file)) visit(target)
  }
  visit(entry)
  return used
}

/** `a.b.c.tsx` is nested in `a.tsx` and `a.b.tsx`; a segment ending in `_` is not nested. */
function parentRoutes(name: string): string[] {
  const segments = name.split('.')
  const parents: string[] = []
  for (let length = segments.length - 1; length > 0; length--) {
    if (segments[length - 1].endsWith('_')) break
    const candidate = path.join(APP, 'routes', `${segments.slice(0, length).join('.')}.tsx`)
    if (existsSync(candidate)) parents.push(candidate)
  }
  return parents
}

const pages = readdirSync(path.join(APP, 'routes'))
  .filter((file) => file.endsWith('.tsx') && !file.includes('.test.'))
  .filter((file) =>
    /export default function/.test(readFileSync(path.join(APP, 'routes', file), 'utf8')),
  )

describe('translation namespaces shipped with each page', () => {
  const rootNamespaces = declaredNamespaces(path.join(APP, 'root.tsx'))

  test('the root declares the shared namespaces', () => {
    expect(rootNamespaces).toContain('common')
  })

  test.each(pages)('%s declares every namespace it shows', (file) => {
    const route = path.join(APP, 'routes', file)
    const declared = new Set([
      ...rootNamespaces,
      ...declaredNamespaces(route),
      ...parentRoutes(file.replace(/\.tsx$/, '')).flatMap(declaredNamespaces),
    ])
    const missing = [...usedNamespaces(route)]
      .filter(([ns]) => !declared.has(ns))
      .map(([ns, where]) => `${ns} (used in ${where})`)
    expect(missing).toEqual([])
  })
})
