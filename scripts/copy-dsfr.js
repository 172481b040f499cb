// Copies the parts of the State design system (DSFR) that pages use into public/dsfr: one
// stylesheet (the DSFR's, plus the utility icon classes our pages use, every icon inlined),
// its fonts, the JS module and the favicons.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'

const source = path.resolve('node_modules/@gouvfr/dsfr/dist')
const target = path.resolve('public/dsfr')

// Skip when this DSFR version is already in place (parallel builds share public/dsfr).
const version = JSON.parse(readFileSync('node_modules/@gouvfr/dsfr/package.json', 'utf8')).version
const marker = path.join(target, '.version')
const script = readFileSync(new URL(import.meta.url), 'utf8')
const stamp = `${version}:${script.length}`
if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) {
  console.log(`[dsfr] public/dsfr is up to date (${version})`)
  process.exit(0)
}
rmSync(target, { recursive: true, force: true })
mkdirSync(target, { recursive: true })
cpSync(path.join(source, 'dsfr.module.min.js'), path.join(target, 'dsfr.module.min.js'))
cpSync(path.join(source, 'fonts'), path.join(target, 'fonts'), {
  recursive: true,
  filter: (file) => !file.endsWith('.woff') || !existsSync(`${file}2`),
})
cpSync(path.join(source, 'favicon'), path.join(target, 'favicon'), { recursive: true })

// dsfr.min.css carries only the icons its components need; the utility icon classes our
// pages use (fr-icon-…) come from utility/icons, one small rule each.
const USED_ICONS = [
  'account-circle-line',
  'account-line',
  'lock-line',
  'logout-box-r-line',
  'translate-2',
  'download-line',
  'delete-line',
  'search-line',
  'calendar-line',
  'map-pin-2-line',
  'building-line',
  'team-line',
  'links-line',
  'mail-line',
  'check-line',
  'close-line',
  'time-line',
  'user-add-line',
  'edit-line',
  'star-line',
  'thumb-down-line',
  'add-line',
  'external-link-line',
  'arrow-right-line',
  'arrow-left-line',
  'refresh-line',
  'info-line',
  'file-text-line',
  'checkbox-circle-line',
]
const utilityCss = readFileSync(path.join(source, 'utility/icons/icons.min.css'), 'utf8')
const rules = []
for (const icon of USED_ICONS) {
  const pattern = new RegExp(`\\.fr-icon-${icon}:after,\\.fr-icon-${icon}:before\\{[^}]*\\}`, 'g')
  const found = utilityCss.match(pattern)
  if (!found) throw new Error(`DSFR icon not found: ${icon}`)
  rules.push(...found)
}

// Icons are small SVGs that the CSS would fetch one request each (engagement #07 counts
// requests): each one is inlined once as a custom property and referenced by var().
const iconProperties = new Map()
function inlineIcons(css) {
  return css.replace(/url\((?:\.\.\/)*(icons\/[a-z0-9/_-]+\.svg)\)/g, (_, file) => {
    if (!iconProperties.has(file)) {
      const svg = readFileSync(path.join(source, file), 'utf8')
        .replace(/\s+/g, ' ')
        .replaceAll('"', "'")
        .replaceAll('%', '%25')
        .replaceAll('#', '%23')
        .replaceAll('<', '%3C')
        .replaceAll('>', '%3E')
      iconProperties.set(file, { name: `--passerelle-icon-${iconProperties.size}`, svg })
    }
    return `var(${iconProperties.get(file).name})`
  })
}
const stylesheet = inlineIcons(
  readFileSync(path.join(source, 'dsfr.min.css'), 'utf8') + '\n' + rules.join('\n'),
)
const properties = [...iconProperties.values()]
  .map(({ name, svg }) => `${name}:url("data:image/svg+xml,${svg}")`)
  .join(';')
writeFileSync(path.join(target, 'dsfr.css'), `:root{${properties}}\n${stylesheet}`)
writeFileSync(marker, stamp)
console.log(
  `[dsfr] copied to ${path.relative(process.cwd(), target)} (${iconProperties.size} icons inlined)`,
)
