// English message catalogue. Typed as Messages, so a key that Danish has and
// English lacks (or an extra key) fails `npm run typecheck`. Keep the same
// {placeholders} as da.ts.
import type { Messages } from './da';

export const en: Messages = {
  'app.name': 'Samspor',
  'app.tagline': 'Treatment, work and education for young people – on one track',
  'skipnav.main': 'Skip to main content',

  'lang.switcher.label': 'Language',
  'lang.da': 'Dansk',
  'lang.en': 'English',

  'projects.heading': 'Projects',
  'projects.intro':
    'Projects that help young people with depression, anxiety or stress into work or education.',
  'projects.loading': 'Loading projects …',
  'projects.empty': 'There are no projects yet.',
  'projects.error.heading': 'The projects could not be loaded',
  'projects.error.text':
    'Please try again in a moment. If the problem persists, contact your administrator.',
  'projects.error.status': 'The server answered with status code {status}.',
  'projects.error.network': 'Could not connect to the server.',
  'projects.error.retry': 'Try again',

  'project.target': 'Target: {count} young people',
  'project.municipalities': 'Municipalities',
  'project.period': 'Period',
  'project.period.range': '{start} to {end}',
  'project.age': 'Age',
  'project.age.range': '{min}–{max} years',
  'project.design': 'Study design',
  'project.design.randomised': 'Randomised trial',
  'project.design.notRandomised': 'Not randomised',
};
