// schema.org data for search engines, embedded as <script type="application/ld+json">.

/** JSON safe inside a <script> element: `<` is escaped so "</script>" cannot close it. */
export function jsonForScript(value: unknown) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

export function organisationJsonLd(input: {
  profileUrl: string
  name: string
  website: string | null
  description: string
  city: string
  region: string
  foundedYear: number | null
  knowsAbout: string[]
}) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': input.profileUrl,
    name: input.name,
    url: input.website ?? input.profileUrl,
    ...(input.website ? { sameAs: [input.profileUrl] } : {}),
    ...(input.description ? { description: input.description } : {}),
    address: {
      '@type': 'PostalAddress',
      ...(input.city ? { addressLocality: input.city } : {}),
      addressRegion: input.region,
    },
    ...(input.foundedYear ? { foundingDate: String(input.foundedYear) } : {}),
    ...(input.knowsAbout.length ? { knowsAbout: input.knowsAbout } : {}),
  }
}
