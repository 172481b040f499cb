import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { createNeedFor, createNetwork, type Network } from '../tests/needs-fixtures.ts'
import { runTaxonomyImport } from './taxonomy-import.ts'

let net: Network
let dir: string

beforeAll(async () => {
  net = await createNetwork()
  await createNeedFor(net.museum, { challengeCodes: ['GT-LANGUE'] })
  dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-taxonomy-cli-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function cli(...args: string[]) {
  const lines: string[] = []
  const code = await runTaxonomyImport(args, { log: (line) => lines.push(line), language: 'en' })
  return { code, output: lines.join('\n') }
}

async function fixture(name: string, content: string) {
  const file = path.join(dir, name)
  await writeFile(file, content)
  return file
}

const regionsCsv = async (codes: string[]) => {
  const rows = await prisma.taxonomyEntry.findMany({
    where: { kind: 'region', code: { in: codes } },
    orderBy: { position: 'asc' },
  })
  return [
    'code,kind,label_fr,label_en,parent,source,position',
    ...rows.map(
      (row) =>
        `${row.code},region,"${row.labelFr}","${row.labelEn}",,${row.source},${row.position}`,
    ),
  ].join('\n')
}

describe('npm run taxonomy:import', () => {
  test('refuses, with the orphaned codes and exit code 1, an import dropping used codes', async () => {
    const file = await fixture('regions.csv', await regionsCsv(['R-11', 'R-84']))
    const before = await prisma.taxonomyEntry.count({ where: { kind: 'region' } })
    const { code, output } = await cli(file)
    expect(code).toBe(1)
    expect(output).toContain('Import refused')
    expect(output).toContain(`- ${net.museum.regionCode}`)
    expect(await prisma.taxonomyEntry.count({ where: { kind: 'region' } })).toBe(before)
  })

  test('a dry run prints the plan and writes nothing; a real run applies it', async () => {
    const file = await fixture(
      'defis.json',
      JSON.stringify({
        version: 'cli-1',
        entries: [
          {
            code: 'D07',
            kind: 'challenge',
            labelFr: 'Défi importé en ligne de commande',
            labelEn: 'Challenge imported from the command line',
            parent: 'T3',
            source: 'strategie-2024',
          },
        ],
      }),
    )
    const dry = await cli(file, '--additive', '--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.output).toContain('Dry run')
    expect(dry.output).toContain('1 added, 0 updated, 0 removed')
    expect(await prisma.taxonomyEntry.count({ where: { code: 'D07' } })).toBe(0)

    const real = await cli(file, '--additive')
    expect(real.code).toBe(0)
    expect(real.output).toContain('Import done, version cli-1')
    expect(await prisma.taxonomyEntry.count({ where: { code: 'D07' } })).toBe(1)
    const [latest] = await prisma.taxonomyImport.findMany({ orderBy: { createdAt: 'desc' } })
    expect(latest).toMatchObject({ version: 'cli-1', importedBy: null, added: 1 })
  })

  test('an invalid file lists its errors by line', async () => {
    const file = await fixture(
      'casse.csv',
      'code,kind,label_fr,label_en,parent,source\nD08,challenge,Défi,Challenge,T1,exemple\n',
    )
    const { code, output } = await cli(file, '--additive')
    expect(code).toBe(1)
    expect(output).toMatch(/line 2 \[D08\].*\(example_source\)/)
  })

  test('usage errors exit with 2', async () => {
    expect((await cli()).code).toBe(2)
    expect((await cli('a.json', '--force')).code).toBe(2)
    expect((await cli('a.xlsx')).code).toBe(2)
    expect((await cli(path.join(dir, 'absent.json'))).code).toBe(2)
    expect((await cli('--help')).code).toBe(0)
  })
})
