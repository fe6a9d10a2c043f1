// Reference data the pages name things with: projects, and the names of
// regions and municipalities. Fetched once per page load and shared; a failure is
// not cached (the next page tries again), and the pages fall back to ids
// and codes meanwhile.
import { useEffect, useState } from 'preact/hooks';
import { fetchAllProjects, fetchOrganisations, fetchTargetGroups, type Organisation, type Project, type TargetGroup } from './api';
import { getLang } from './i18n';

export interface Names {
  project: (id: number) => Project | undefined;
  /** The name of a region or municipality. */
  organisation: (code: string) => string | undefined;
  /** The municipalities in force, by name (empty until they arrive). */
  municipalities: () => { code: string; name: string }[];
  /** A target group's name in the reader's language, or undefined before they arrive. */
  targetGroup: (code: string) => string | undefined;
}

let projects: Promise<Map<number, Project>> | null = null;
let organisations: Promise<Map<string, Organisation>> | null = null;
let targetGroups: Promise<Map<string, TargetGroup>> | null = null;

function loadProjects(): Promise<Map<number, Project>> {
  projects ??= fetchAllProjects().then(
    (items) => new Map(items.map((p) => [p.id, p])),
    (err: unknown) => {
      projects = null;
      throw err;
    },
  );
  return projects;
}

function loadTargetGroups(): Promise<Map<string, TargetGroup>> {
  targetGroups ??= fetchTargetGroups().then(
    (items) => new Map(items.map((g) => [g.code, g])),
    (err: unknown) => {
      targetGroups = null;
      throw err;
    },
  );
  return targetGroups;
}

function loadOrganisations(): Promise<Map<string, Organisation>> {
  organisations ??= fetchOrganisations().then(
    (items) => new Map(items.map((o) => [o.code, o])),
    (err: unknown) => {
      organisations = null;
      throw err;
    },
  );
  return organisations;
}

/** Names of citizens opened in this tab, so the access-log page can say whose log it is. */
const citizenNames = new Map<number, string>();

export function rememberCitizenName(id: number, name: string): void {
  citizenNames.set(id, name);
}

export function citizenName(id: number): string | undefined {
  return citizenNames.get(id);
}

/** Forget what was fetched (at sign-out: the next user may see other things). */
export function forgetReferenceData(): void {
  projects = null;
  organisations = null;
  targetGroups = null;
  citizenNames.clear();
}

/** Project and municipality names; re-renders when they arrive. */
export function useNames(): Names {
  const [p, setP] = useState<Map<number, Project>>(new Map());
  const [m, setM] = useState<Map<string, Organisation>>(new Map());
  const [g, setG] = useState<Map<string, TargetGroup>>(new Map());
  useEffect(() => {
    let live = true;
    loadProjects().then(
      (map) => live && setP(map),
      () => undefined,
    );
    loadOrganisations().then(
      (map) => live && setM(map),
      () => undefined,
    );
    loadTargetGroups().then(
      (map) => live && setG(map),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return {
    project: (id) => p.get(id),
    organisation: (code) => m.get(code)?.name,
    municipalities: () =>
      [...m.values()]
        .filter((o) => o.kind === 'municipality' && o.valid_to === undefined)
        .map((o) => ({ code: o.code, name: o.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'da')),
    targetGroup: (code) => {
      const group = g.get(code);
      if (!group) return undefined;
      return getLang() === 'da' ? group.name_da : group.name_en;
    },
  };
}
