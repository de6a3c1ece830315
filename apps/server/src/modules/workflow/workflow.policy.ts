import type { Auth } from '../identity/identity.service.ts';

/**
 * Who may read an application: its applicant, anyone who has or had a task on
 * it, and administrators.
 */
export function canReadApplication(auth: Pick<Auth, 'personId' | 'roles'>, application: { applicant_person_id: string }, hasTask: boolean): boolean {
  return application.applicant_person_id === auth.personId || hasTask || auth.roles.includes('admin');
}
