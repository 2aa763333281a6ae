import { Segment } from '../../authorization/roles';
import type { FieldProblem } from '../../common/errors';
import { SrStatus } from '../service-requests/sr-enums';

export interface ContactRow {
  label: string;
  sensitive: boolean;
  representative: boolean;
  /** Registered and active on self service (only the CLIENT principal's own contact needs it). */
  selfService: boolean;
}

export interface ServiceRequestRow {
  label: string;
  segment: Segment;
  status: SrStatus;
  subject: string;
}

interface Said<T> {
  attrs: Partial<T>;
  /** Named only by a grant: a grant is for a sensitive contact, so that is the default. */
  grantOnly: boolean;
  path: string;
}

/**
 * What each label of a case stands for. A label may be named in several places (the resource, its
 * SR's subject, a grant); what is said of it must agree, and whatever is not said takes a default
 * (a contact is not sensitive unless only a grant names it; an SR is OPEN, in the principal's
 * segment, about the contact labelled "contact").
 */
export class HypotheticalWorld {
  private readonly contactsSaid = new Map<string, Said<ContactRow>>();
  private readonly srsSaid = new Map<string, Said<ServiceRequestRow>>();
  readonly people = new Set<string>();
  readonly teams = new Set<string>();
  segmentOfMe: Segment = Segment.MAINTENANCE;
  contacts: ContactRow[] = [];
  serviceRequests: ServiceRequestRow[] = [];

  constructor(private readonly problems: FieldProblem[]) {}

  private say<T>(map: Map<string, Said<T>>, label: string, attrs: Partial<T>, path: string, grantOnly: boolean): string {
    const known = map.get(label);
    if (!known) {
      map.set(label, { attrs: { ...attrs }, grantOnly, path });
      return label;
    }
    known.grantOnly &&= grantOnly;
    for (const [key, value] of Object.entries(attrs) as [keyof T, T[keyof T]][]) {
      if (value === undefined) continue;
      if (known.attrs[key] !== undefined && known.attrs[key] !== value) {
        this.problems.push({ field: path, message: `"${label}" is described twice with different ${String(key)} (also at ${known.path})` });
      }
      known.attrs[key] = value;
    }
    return label;
  }

  /** `viaGrant`: named by a grant (only), so sensitive unless said otherwise. */
  contact(label: string, attrs: Partial<ContactRow>, path: string, viaGrant = false): string {
    return this.say(this.contactsSaid, label, attrs, path, viaGrant);
  }

  /** `viaGrant`: named by a grant (only), so about the grant's contact, or a sensitive one of its own. */
  serviceRequest(label: string, attrs: Partial<ServiceRequestRow>, path: string, viaGrant = false): string {
    return this.say(this.srsSaid, label, attrs, path, viaGrant);
  }

  /** Another member of staff ("me" is the principal). */
  person(label: string): string {
    if (label !== 'me') this.people.add(label);
    return label;
  }

  team(label: string): string {
    this.teams.add(label);
    return label;
  }

  /** Settles defaults once everything is read. */
  finish(principal: { role: string }): void {
    // A client is not staff: "me" named as a requester or recipient stands for a member of staff of its own.
    if (principal.role === 'CLIENT') this.people.add('me');
    for (const [label, said] of this.srsSaid) {
      const subject = said.attrs.subject ?? (said.grantOnly ? `${label}-subject` : 'contact');
      if (!this.contactsSaid.has(subject)) this.say(this.contactsSaid, subject, {}, said.path, said.grantOnly);
      this.serviceRequests.push({
        label, segment: said.attrs.segment ?? this.segmentOfMe, status: said.attrs.status ?? SrStatus.OPEN, subject,
      });
    }
    for (const [label, said] of this.contactsSaid) {
      this.contacts.push({
        label,
        sensitive: said.attrs.sensitive ?? said.grantOnly,
        representative: said.attrs.representative ?? false,
        selfService: said.attrs.selfService ?? false,
      });
    }
  }
}
