// Danish message catalogue: the source of truth for keys and placeholders.
// Danish is the default language. Placeholders are written {name}; t() fills
// them (numbers are formatted for the current language).
export const da = {
  'app.name': 'Samspor',
  'app.tagline': 'Behandling, job og uddannelse for unge – på ét spor',
  'skipnav.main': 'Gå til sideindhold',

  'lang.switcher.label': 'Sprog',
  'lang.da': 'Dansk',
  'lang.en': 'English',

  'projects.heading': 'Projekter',
  'projects.intro':
    'Projekter, der hjælper unge med depression, angst eller stress i job eller uddannelse.',
  'projects.loading': 'Henter projekter …',
  'projects.empty': 'Der er ingen projekter endnu.',
  'projects.error.heading': 'Projekterne kunne ikke hentes',
  'projects.error.text':
    'Prøv igen om lidt. Hvis fejlen bliver ved, så kontakt din administrator.',
  'projects.error.status': 'Serveren svarede med statuskode {status}.',
  'projects.error.network': 'Der kunne ikke oprettes forbindelse til serveren.',
  'projects.error.retry': 'Prøv igen',

  'project.target': 'Mål: {count} unge',
  'project.municipalities': 'Kommuner',
  'project.period': 'Periode',
  'project.period.range': '{start} til {end}',
  'project.age': 'Alder',
  'project.age.range': '{min}–{max} år',
  'project.design': 'Forsøgsdesign',
  'project.design.randomised': 'Randomiseret forsøg',
  'project.design.notRandomised': 'Ikke randomiseret',
} as const;

/** Every message key; the Danish catalogue defines the set. */
export type MessageKey = keyof typeof da;

/** A complete catalogue: a missing or misspelt key is a type error. */
export type Messages = { readonly [K in MessageKey]: string };
