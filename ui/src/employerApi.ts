// Client for the employer register and the contacts with employers (job development;
// docs/api-contract.md "Employers"): the municipality's staff keep the register, and a
// job/IPS consultant records each visit, call or e-mail, for one young person or none.
import { fetchAll, request, withQuery, type Page } from './api';

export interface ContactPerson {
  id: number;
  name: string;
  title?: string;
  phone?: string;
  email?: string;
}

/** An employer; contact persons only in the answers about one employer, to municipal roles. */
export interface Employer {
  id: number;
  municipality_code: string;
  name: string;
  cvr?: string;
  address?: string;
  postcode?: string;
  city?: string;
  version: number;
  created_by?: { id: number; name: string };
  created_at?: string;
  contact_persons?: ContactPerson[];
}

/** The contact kinds and purposes, in the order src/core/employer.c lists them. */
export const CONTACT_KINDS = ['in_person', 'phone', 'email'] as const;
export const CONTACT_PURPOSES = ['learn_workplace', 'present_candidate', 'follow_up'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

export interface EmployerContact {
  id: number;
  employer: { id: number; name: string };
  contact_person?: { id: number; name: string };
  enrolment_id?: number;
  citizen?: { id: number; name: string };
  date: string;
  kind: ContactKind;
  purpose: ContactPurpose;
  outcome?: string;
  next_step?: string;
  next_step_date?: string;
  consultant: { id: number; name: string };
  created_at: string;
  version: number;
}

/** name, cvr, address, postcode, city; null removes one (PATCH). */
export interface EmployerDetails {
  name?: string;
  cvr?: string | null;
  address?: string | null;
  postcode?: string | null;
  city?: string | null;
}

/** A contact person to add (no id) or to change (its id). */
export type ContactPersonInput = Omit<ContactPerson, 'id'> & { id?: number };

export interface NewEmployerContact {
  date: string;
  kind: ContactKind;
  purpose: ContactPurpose;
  contact_person_id?: number;
  enrolment_id?: number;
  outcome?: string;
  next_step?: string;
  next_step_date?: string;
}

/**
 * One page of a municipality's register by name (q: a part of it; "" every employer).
 * municipality null: the caller's one municipality (422 one_of lists theirs when they have several).
 */
export function searchEmployers(
  q: string,
  municipality: string | null,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<Employer>> {
  return request<Page<Employer>>(withQuery('/api/v1/employers', { q, municipality, limit, cursor }), { signal });
}

export function fetchEmployer(id: number, signal?: AbortSignal): Promise<Employer> {
  return request<Employer>(`/api/v1/employers/${id}`, { signal });
}

export function createEmployer(
  employer: EmployerDetails & { name: string; municipality_code?: string },
  idempotencyKey: string,
): Promise<Employer> {
  return request<Employer>('/api/v1/employers', { method: 'POST', body: employer, idempotencyKey });
}

/** Change an employer read at `version` (If-Match): 200; 412 when someone changed it meanwhile. */
export function updateEmployer(
  id: number,
  version: number,
  change: EmployerDetails & { contact_persons?: ContactPersonInput[] },
): Promise<Employer> {
  return request<Employer>(`/api/v1/employers/${id}`, { method: 'PATCH', body: change, ifMatch: version });
}

/** Every contact with the employer, newest first, by every consultant (every page). */
export function fetchEmployerContacts(employerId: number, signal?: AbortSignal): Promise<EmployerContact[]> {
  return fetchAll<EmployerContact>(`/api/v1/employers/${employerId}/contacts?limit=200`, signal);
}

/** One page of the contacts with employers about one young person, newest first. */
export function fetchEnrolmentEmployerContacts(
  enrolmentId: number,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<EmployerContact>> {
  return request<Page<EmployerContact>>(
    withQuery(`/api/v1/enrolments/${enrolmentId}/employer-contacts`, { limit: 50, cursor }),
    { signal },
  );
}

export function recordEmployerContact(
  employerId: number,
  contact: NewEmployerContact,
  idempotencyKey: string,
): Promise<EmployerContact> {
  return request<EmployerContact>(`/api/v1/employers/${employerId}/contacts`, {
    method: 'POST',
    body: contact,
    idempotencyKey,
  });
}
