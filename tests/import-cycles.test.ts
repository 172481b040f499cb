// No module under app/ may import itself back through others: a circle makes load order
// fragile and mixes domains. Type-only imports count too, since they tie the modules' shapes.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const APP = path.resolve('app')
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '/index.ts']
const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

function resolveImport(fromFile: string, specifier: string): string | null {
  let base: string
  if (specifier.startsWith('~/')) base = path.join(APP, specifier.slice(2))
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(fromFile), specifier)
  else return null
  for (const extension of EXTENSIONS) {
    const candidate = base + extension
    if (candidate.startsWith(APP) && /\.tsx?$/.test(candidate) && existsSync(candidate))
      return candidate
  }
  return null
}

export function importGraph(files: string[]) {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    const targets = [...source.matchAll(SPECIFIER)]
      .map((match) => resolveImport(file, match[1]!))
      .filter((target): target is string => target !== null)
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** Every strongly connected group of two or more modules (or a module importing itself). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const indexes = new Map<string, number>()
  const lowLinks = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (node: string) => {
    indexes.set(node, index)
    lowLinks.set(node, index)
    index++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!indexes.has(next)) {
        visit(next)
        lowLinks.set(node, Math.min(lowLinks.get(node)!, lowLinks.get(next)!))
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node)!, indexes.get(next)!))
      }
    }
    if (lowLinks.get(node) === indexes.get(node)) {
      const group: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        group.push(member)
      } while (member !== node)
      if (group.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(group.sort())
    }
  }
  for (const node of graph.keys()) if (!indexes.has(node)) visit(node)
  return cycles
}

describe('import cycles', () => {
  test('the detector finds a circle of three modules and ignores a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ])
    expect(findCycles(graph)).toEqual([['a', 'b', 'c']])
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([])
  })

  test('no module under app/ imports itself back through others', () => {
    const graph = importGraph(sourceFiles(APP))
    expect(graph.size).toBeGreaterThan(100)
    const cycles = findCycles(graph).map((group) =>
      group.map((file) => path.relative(process.cwd(), file)).join(' → '),
    )
    expect(cycles).toEqual([])
  })
})
