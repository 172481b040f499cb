// Hand-written French material for the demo data: places, name patterns and phrases that
// read like real profiles. Combined with Faker (fr) by prisma/seed-data.ts.

export const CITIES_BY_REGION: Record<string, string[]> = {
  'R-84': [
    'Lyon',
    'Grenoble',
    'Clermont-Ferrand',
    'Saint-Étienne',
    'Annecy',
    'Chambéry',
    'Valence',
  ],
  'R-27': ['Dijon', 'Besançon', 'Auxerre', 'Belfort', 'Chalon-sur-Saône'],
  'R-53': ['Rennes', 'Brest', 'Quimper', 'Lorient', 'Vannes', 'Saint-Malo'],
  'R-24': ['Tours', 'Orléans', 'Bourges', 'Blois', 'Chartres'],
  'R-94': ['Ajaccio', 'Bastia', 'Corte'],
  'R-44': ['Strasbourg', 'Metz', 'Nancy', 'Reims', 'Mulhouse', 'Troyes'],
  'R-32': ['Lille', 'Amiens', 'Roubaix', 'Arras', 'Dunkerque', 'Valenciennes'],
  'R-11': [
    'Paris',
    'Saint-Denis',
    'Versailles',
    'Montreuil',
    'Boulogne-Billancourt',
    'Créteil',
    'Pantin',
  ],
  'R-28': ['Rouen', 'Caen', 'Le Havre', 'Cherbourg-en-Cotentin', 'Évreux'],
  'R-75': ['Bordeaux', 'Limoges', 'Poitiers', 'La Rochelle', 'Pau', 'Angoulême'],
  'R-76': ['Toulouse', 'Montpellier', 'Nîmes', 'Perpignan', 'Albi', 'Sète'],
  'R-52': ['Nantes', 'Angers', 'Le Mans', 'Saint-Nazaire', 'Laval'],
  'R-93': ['Marseille', 'Nice', 'Avignon', 'Toulon', 'Arles', 'Aix-en-Provence'],
  'R-01': ['Pointe-à-Pitre', 'Basse-Terre', 'Les Abymes'],
  'R-02': ['Fort-de-France', 'Le Lamentin', 'Saint-Pierre'],
  'R-03': ['Cayenne', 'Saint-Laurent-du-Maroni', 'Kourou'],
  'R-04': ['Saint-Denis', 'Saint-Pierre', 'Le Port'],
  'R-06': ['Mamoudzou', 'Dzaoudzi'],
  'R-EUROPE': ['Bruxelles', 'Berlin', 'Barcelone', 'Lausanne', 'Luxembourg'],
  'R-INTL': ['Montréal', 'Dakar', 'Québec', 'Abidjan'],
}

/** Institution name patterns per sub-kind; {city} is replaced. */
export const INSTITUTION_NAMES: Record<string, string[]> = {
  'ORG-INSTITUTION-MUSEE': [
    'Musée des Beaux-Arts de {city}',
    "Musée d'art et d'histoire de {city}",
    "Muséum d'histoire naturelle de {city}",
    "Musée d'art contemporain de {city}",
    'Musée de la photographie de {city}',
    'Musée des arts et métiers de {city}',
  ],
  'ORG-INSTITUTION-MONUMENT': [
    'Château de {city}',
    'Abbaye de {city}',
    'Citadelle de {city}',
    'Cathédrale et cloître de {city}',
  ],
  'ORG-INSTITUTION-ARCHIVES': [
    'Archives municipales de {city}',
    'Archives de la métropole de {city}',
    "Centre d'archives audiovisuelles de {city}",
  ],
  'ORG-INSTITUTION-BIBLIOTHEQUE': [
    'Médiathèque de {city}',
    'Bibliothèque municipale de {city}',
    'Bibliothèque universitaire de {city}',
  ],
  'ORG-INSTITUTION-SCENE': [
    'Théâtre de {city}',
    'Scène nationale de {city}',
    'Opéra de {city}',
    'Centre dramatique de {city}',
    'Scène de musiques actuelles de {city}',
  ],
  'ORG-INSTITUTION-FESTIVAL': [
    'Festival des arts numériques de {city}',
    'Festival international du court métrage de {city}',
    'Festival de théâtre de rue de {city}',
    'Festival du livre jeunesse de {city}',
  ],
  'ORG-INSTITUTION-ORCHESTRE': [
    'Orchestre symphonique de {city}',
    'Orchestre de chambre de {city}',
  ],
  'ORG-INSTITUTION-ECOLE-ART': [
    "École supérieure d'art de {city}",
    'Conservatoire à rayonnement régional de {city}',
  ],
  'ORG-INSTITUTION-COLLECTIVITE': [
    'Direction de la culture de la Ville de {city}',
    'Service patrimoine de la métropole de {city}',
  ],
  'ORG-INSTITUTION-ETABLISSEMENT-PUBLIC': [
    'Centre culturel de rencontre de {city}',
    'Cité des arts de {city}',
  ],
}

export const LAB_NAMES: Record<string, string[]> = {
  'ORG-LABO-RECHERCHE': [
    'Laboratoire Humanités numériques — Université de {city}',
    'Équipe Patrimoine et IA (CNRS, {city})',
    'Laboratoire Image, son et interaction de {city}',
    'Institut de recherche en acoustique et musique de {city}',
  ],
  'ORG-LABO-FABLAB': ['Fab lab culturel de {city}', 'Atelier de fabrication numérique de {city}'],
  'ORG-LABO-LIVINGLAB': [
    'Living lab culture et numérique de {city}',
    'Laboratoire des usages de {city}',
  ],
}

export const STARTUP_PREFIXES = [
  'Muséo',
  'Patri',
  'Scéno',
  'Holo',
  'Archi',
  'Lumi',
  'Écho',
  'Vox',
  'Immersi',
  'Tessel',
  'Kairos',
  'Orphée',
  'Atlas',
  'Mnémo',
  'Polyph',
  'Canopée',
  'Iris',
  'Sillage',
  'Vestige',
  'Parcours',
  'Ondine',
  'Prisme',
  'Fresque',
  'Agora',
]
export const STARTUP_SUFFIXES = [
  'lab',
  'scope',
  'verse',
  'tech',
  'mind',
  'sphère',
  'ia',
  'flow',
  'graph',
  'nova',
  'data',
  'studio',
]

export const COMPANY_NAMES = [
  'Agence {name} Médiation',
  '{name} Conseil Culture',
  'Studio {name}',
  '{name} & Associés',
  'Atelier {name}',
]

/** What a technology lets a profile offer, FR and EN. */
export const TECH_OFFERS: Record<string, { fr: string; en: string }> = {
  'TECH-IA': {
    fr: "des outils d'intelligence artificielle pour décrire, indexer et valoriser les collections",
    en: 'artificial intelligence tools to describe, index and showcase collections',
  },
  'TECH-XR': {
    fr: 'des expériences immersives en réalité virtuelle et augmentée',
    en: 'immersive virtual and augmented reality experiences',
  },
  'TECH-3D': {
    fr: 'la numérisation 3D et la photogrammétrie des œuvres et des bâtiments',
    en: '3D scanning and photogrammetry of artworks and buildings',
  },
  'TECH-DATA': {
    fr: "la structuration et l'ouverture des données culturelles (open data)",
    en: 'structuring and opening cultural data (open data)',
  },
  'TECH-BLOCKCHAIN': {
    fr: 'la traçabilité des droits et des œuvres par la blockchain',
    en: 'tracking rights and works with blockchain',
  },
  'TECH-AUDIO': {
    fr: 'le son spatialisé et les parcours audio',
    en: 'spatial sound and audio trails',
  },
  'TECH-WEB-MOBILE': {
    fr: 'des applications web et mobiles de visite et de médiation',
    en: 'web and mobile apps for visits and interpretation',
  },
  'TECH-BILLETTERIE-CRM': {
    fr: 'la billetterie en ligne et la connaissance des publics',
    en: 'online ticketing and audience insight',
  },
  'TECH-ACCESSIBILITE': {
    fr: "l'accessibilité numérique, l'audiodescription et le sous-titrage",
    en: 'digital accessibility, audio description and captioning',
  },
  'TECH-ROBOTIQUE-IOT': {
    fr: 'les objets connectés et la robotique au service des lieux culturels',
    en: 'connected objects and robotics for cultural venues',
  },
  'TECH-CLOUD': {
    fr: "l'hébergement souverain et l'archivage numérique pérenne",
    en: 'sovereign hosting and long-term digital preservation',
  },
  'TECH-ECOCONCEPTION': {
    fr: "l'écoconception des services numériques et la mesure de leur empreinte",
    en: 'eco-design of digital services and footprint measurement',
  },
}

/** Needs institutions post: title, description, technologies and challenges they involve. */
export const NEED_TEMPLATES: Array<{
  title: string
  description: string
  tech: string[]
  challenges: string[]
  sectors: string[]
}> = [
  {
    title: 'Numériser en 3D une partie de nos collections',
    description:
      'Nous souhaitons numériser en 3D environ {n} objets de nos réserves pour les rendre consultables en ligne et préparer des prêts.',
    tech: ['TECH-3D'],
    challenges: ['GT-ARCHIVAGE', 'GT-PUBLICS'],
    sectors: ['S-PATRIMOINE'],
  },
  {
    title: 'Créer un parcours de visite en réalité augmentée',
    description:
      "Nous cherchons un partenaire pour concevoir un parcours en réalité augmentée destiné aux familles, sur smartphone, sans installation d'application.",
    tech: ['TECH-XR', 'TECH-WEB-MOBILE'],
    challenges: ['CP-IMMERSIF', 'GT-PUBLICS'],
    sectors: ['S-PATRIMOINE'],
  },
  {
    title: 'Transcrire et indexer nos archives sonores',
    description:
      "Nos {n} heures d'entretiens et d'archives sonores doivent être transcrites et indexées pour être consultables en salle de lecture.",
    tech: ['TECH-IA', 'TECH-AUDIO'],
    challenges: ['GT-DATA-IA', 'GT-ARCHIVAGE'],
    sectors: ['S-ARCHIVES'],
  },
  {
    title: 'Mettre en place une billetterie en ligne accessible',
    description:
      'Notre billetterie actuelle ne respecte pas le RGAA. Nous cherchons une solution accessible, interopérable avec notre outil de gestion des publics.',
    tech: ['TECH-BILLETTERIE-CRM', 'TECH-ACCESSIBILITE'],
    challenges: ['GT-PUBLICS'],
    sectors: ['S-SPECTACLE-VIVANT'],
  },
  {
    title: "Mesurer l'empreinte environnementale de notre site web",
    description:
      "Nous voulons mesurer puis réduire l'empreinte de notre site et de nos contenus vidéo, avec un plan d'action chiffré.",
    tech: ['TECH-ECOCONCEPTION'],
    challenges: ['GT-ECOLOGIE'],
    sectors: ['S-PATRIMOINE', 'S-SPECTACLE-VIVANT'],
  },
  {
    title: 'Sous-titrer et audiodécrire nos spectacles',
    description:
      "Nous cherchons un dispositif de sous-titrage et d'audiodescription en direct pour {n} représentations par saison.",
    tech: ['TECH-ACCESSIBILITE', 'TECH-AUDIO'],
    challenges: ['GT-PUBLICS'],
    sectors: ['S-SPECTACLE-VIVANT'],
  },
  {
    title: 'Ouvrir nos données de fréquentation en open data',
    description:
      'Nous souhaitons publier nos données de fréquentation et de programmation sur data.gouv.fr, dans un format documenté.',
    tech: ['TECH-DATA'],
    challenges: ['GT-DATA-IA', 'CP-TERRITOIRES'],
    sectors: ['S-LIVRE', 'S-PATRIMOINE'],
  },
  {
    title: "Expérimenter l'IA pour décrire nos fonds photographiques",
    description:
      'Environ {n} photographies sont sans description. Nous voulons tester une aide à la description par intelligence artificielle, contrôlée par nos documentalistes.',
    tech: ['TECH-IA'],
    challenges: ['GT-DATA-IA', 'GT-LANGUE'],
    sectors: ['S-ARCHIVES', 'S-ARTS-VISUELS'],
  },
  {
    title: 'Concevoir une installation sonore immersive',
    description:
      'Pour notre prochaine saison, nous cherchons une équipe capable de concevoir une installation en son spatialisé dans notre grande salle.',
    tech: ['TECH-AUDIO', 'TECH-XR'],
    challenges: ['GT-CREATION', 'CP-IMMERSIF'],
    sectors: ['S-MUSIQUE'],
  },
  {
    title: 'Archiver durablement nos captations vidéo',
    description:
      "Nos captations ({n} To) sont sur des disques externes. Nous cherchons une solution d'archivage pérenne et souveraine.",
    tech: ['TECH-CLOUD'],
    challenges: ['GT-ARCHIVAGE'],
    sectors: ['S-CINEMA-AUDIOVISUEL', 'S-SPECTACLE-VIVANT'],
  },
  {
    title: 'Former nos équipes de médiation au numérique',
    description:
      'Nous voulons un programme de formation pour {n} médiateurs et médiatrices : outils numériques, création de contenus, usages des publics.',
    tech: ['TECH-WEB-MOBILE'],
    challenges: ['CP-METIERS', 'GT-INNOVATION'],
    sectors: ['S-EAC'],
  },
  {
    title: 'Créer un jeu vidéo éducatif autour de notre patrimoine',
    description:
      "Nous cherchons un studio pour créer un jeu sérieux destiné aux collégiens, en lien avec les enseignants de l'académie.",
    tech: ['TECH-WEB-MOBILE', 'TECH-3D'],
    challenges: ['GT-PUBLICS', 'GT-CREATION'],
    sectors: ['S-JEU-VIDEO', 'S-EAC'],
  },
  {
    title: 'Capteurs pour la conservation préventive',
    description:
      'Nous voulons suivre température et hygrométrie dans nos réserves avec des capteurs connectés et des alertes.',
    tech: ['TECH-ROBOTIQUE-IOT', 'TECH-DATA'],
    challenges: ['GT-INNOVATION'],
    sectors: ['S-PATRIMOINE'],
  },
  {
    title: 'Traduire nos contenus de visite en plusieurs langues',
    description:
      'Nos audioguides et cartels doivent être disponibles en {n} langues, dont des langues régionales.',
    tech: ['TECH-IA', 'TECH-AUDIO'],
    challenges: ['GT-LANGUE', 'GT-PUBLICS'],
    sectors: ['S-PATRIMOINE'],
  },
]

export const OFFER_SENTENCES = {
  institution: {
    fr: [
      'Accès à nos collections et à nos publics pour des expérimentations',
      "Un terrain d'expérimentation et des équipes de médiation impliquées",
      'Des données et des fonds à valoriser',
    ],
    en: [
      'Access to our collections and audiences for pilots',
      'A testing ground and committed interpretation teams',
      'Data and holdings to showcase',
    ],
  },
  lab: {
    fr: [
      "Une expertise scientifique et des méthodes d'évaluation",
      'Des équipements de fabrication et de prototypage',
      'Des doctorants et des projets de recherche partenariale',
    ],
    en: [
      'Scientific expertise and evaluation methods',
      'Fabrication and prototyping equipment',
      'PhD students and partnership research projects',
    ],
  },
}

export const FIRST_PITCH = {
  startup: { fr: 'Nous proposons {offer}.', en: 'We offer {offer}.' },
  company: {
    fr: 'Notre agence accompagne les lieux culturels avec {offer}.',
    en: 'Our agency supports cultural venues with {offer}.',
  },
  lab: { fr: 'Notre équipe étudie {offer}.', en: 'Our team studies {offer}.' },
  institution: {
    fr: 'Lieu culturel à {city}, nous explorons {offer}.',
    en: 'A cultural venue in {city}, we are exploring {offer}.',
  },
}
