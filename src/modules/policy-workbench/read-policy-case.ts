import { ACTIONS, type Action, type SubjectType } from '../../authorization/ability';
import { AccessPurpose } from '../../authorization/grant-purpose';
import { Segment, StaffRole } from '../../authorization/roles';
import type { FieldProblem } from '../../common/errors';
import { AccessRequestStatus, ExtensionStatus } from '../access-requests/access-enums';
import { LetterStatus } from '../letters/letter-enums';
import { SrStatus } from '../service-requests/sr-enums';
import { CaseReader } from './case-reader';
import { HypotheticalWorld } from './hypothetical-world-spec';
import {
  CLIENT, SIMULATED_ROLES, SimulatedOutcome, SUBJECTS, type GrantSpec, type PolicyCase, type PrincipalSpec, type ResourceSpec,
} from './policy-case';

const RULE_ID = /\b([A-Z]{2,5}-\d+)\b/g;
const HOUR = 3600_000;
const STATUSES: Partial<Record<SubjectType, string[]>> = {
  ServiceRequest: Object.values(SrStatus),
  Letter: Object.values(LetterStatus),
  AccessRequest: Object.values(AccessRequestStatus),
  AccessExtension: Object.values(ExtensionStatus),
};
const PEOPLE: Partial<Record<SubjectType, (keyof ResourceSpec['people'])[]>> = {
  AccessRequest: ['requester', 'tlCheckedBy', 'scrApprovedBy'],
  AccessExtension: ['requestedBy', 'tlSupportedBy'],
  Notification: ['recipient'],
};

/**
 * A contact named by its label ("chloe") or described ({ "id": "chloe", "sensitive": true }).
 * Named only by a grant, a contact is sensitive unless said otherwise (grants are for SCR contacts).
 */
function contactFrom(r: CaseReader, world: HypotheticalWorld, key: string, fallback: string, viaGrant = false): string {
  const raw = r.rawOf(key);
  if (raw === undefined || typeof raw === 'string') {
    return world.contact(r.text(key, fallback), {}, r.pathOf(key), viaGrant);
  }
  const child = CaseReader.of(r.problems, r.pathOf(key), raw);
  const label = child.text('id', fallback);
  const sensitive = child.has('sensitive') ? child.bool('sensitive', false) : undefined;
  const representative = child.has('representative') ? child.bool('representative', false) : undefined;
  world.contact(label, { sensitive, representative }, child.path, viaGrant);
  child.rejectUnknown('a contact (id, sensitive, representative)');
  return label;
}

/** A service request named by its label or described ({ "id", "segment", "status", "subject" }). */
function serviceRequestFrom(r: CaseReader, world: HypotheticalWorld, key: string, grantContact?: string | null): string {
  const raw = r.rawOf(key);
  const viaGrant = grantContact !== undefined;
  if (raw === undefined || typeof raw === 'string') {
    return world.serviceRequest(r.text(key, 'sr'), { subject: grantContact ?? undefined }, r.pathOf(key), viaGrant);
  }
  const child = CaseReader.of(r.problems, r.pathOf(key), raw);
  const label = child.text('id', 'sr');
  const subject = child.has('subject') ? contactFrom(child, world, 'subject', 'contact') : grantContact ?? undefined;
  world.serviceRequest(label, {
    segment: child.oneOf('segment', Object.values(Segment)), status: child.oneOf('status', Object.values(SrStatus)), subject,
  }, child.path, viaGrant);
  child.rejectUnknown('a service request (id, segment, status, subject)');
  return label;
}

function readGrant(r: CaseReader, world: HypotheticalWorld, at: Date, label: string, defaults: { staff?: string; team: string }): GrantSpec {
  const purpose = r.oneOf('purpose', Object.values(AccessPurpose), AccessPurpose.VIEW_CONTACT);
  if (!r.has('contact') && !r.has('serviceRequest')) r.problem('contact', 'a grant names a contact, a service request, or both');
  const contact = r.has('contact') ? contactFrom(r, world, 'contact', 'contact', true) : null;
  const serviceRequest = r.has('serviceRequest') ? serviceRequestFrom(r, world, 'serviceRequest', contact) : null;
  const staff = defaults.staff ?? world.person(r.text('staff', 'grantee'));
  const team = world.team(defaults.staff ? defaults.team : r.text('team', defaults.team));
  return {
    label, staff, team, purpose, contact, serviceRequest,
    from: r.instant('from', at, new Date(at.getTime() - HOUR)),
    until: r.instant('until', at, new Date(at.getTime() + 4 * HOUR)),
    removedAt: r.instant('removedAt', at, null),
  };
}

function readPrincipal(r: CaseReader, world: HypotheticalWorld, at: Date): PrincipalSpec {
  if (!r.has('role')) r.problem('role', `is required: one of ${SIMULATED_ROLES.join(', ')}`);
  const role = r.oneOf('role', SIMULATED_ROLES, StaffRole.CASEWORKER);
  const segment = r.oneOf('segment', Object.values(Segment), Segment.MAINTENANCE);
  world.segmentOfMe = segment;
  const team = world.team(r.text('team', 'my-team'));
  // A team leader leads their own team unless the case says otherwise (TAR-2).
  const leads = (r.textList('leads') ?? (role === StaffRole.TEAM_LEADER ? [team] : [])).map((led) => world.team(led));
  const active = r.bool('active', true);
  const contact = r.text('contact', 'me');
  if (role === CLIENT) world.contact(contact, { selfService: active }, r.path);
  else if (r.has('contact')) r.problem('contact', 'only a CLIENT principal has a contact of their own');
  const grants = r.children('grants').map((g, index) => {
    const grant = readGrant(g, world, at, `my-grant-${index}`, { staff: 'me', team });
    g.rejectUnknown('a grant of the principal (purpose, contact, serviceRequest, from, until, removedAt)');
    return grant;
  });
  if (role === CLIENT && grants.length > 0) r.problem('grants', 'a CLIENT holds no grants');
  r.rejectUnknown('a principal (role, segment, team, leads, active, contact, grants)');
  return { role, segment, team, leads, active, contact, grants };
}

function partiesOf(r: CaseReader, world: HypotheticalWorld): string[] {
  const raw = r.rawOf('parties');
  if (raw === undefined) return [world.contact('contact', {}, r.path)];
  if (!Array.isArray(raw) || raw.length === 0) {
    r.problem('parties', 'must be a non-empty list of contacts');
    return [];
  }
  const list = new CaseReader(r.problems, r.pathOf('parties'), Object.fromEntries(raw.map((party, index) => [`[${index}]`, party])));
  return raw.map((_, index) => contactFrom(list, world, `[${index}]`, `party-${index}`));
}

function readResource(r: CaseReader, world: HypotheticalWorld, at: Date): ResourceSpec {
  if (!r.has('type')) r.problem('type', `is required: one of ${SUBJECTS.join(', ')}`);
  const type = r.oneOf('type', SUBJECTS, 'Contact');
  const spec: ResourceSpec = {
    type, label: r.text('id', type === 'Contact' ? 'contact' : type === 'ServiceRequest' ? 'sr' : 'resource'),
    segment: world.segmentOfMe, status: null, contact: null, serviceRequest: null, parties: [], people: {}, team: 'my-team',
    purpose: AccessPurpose.VIEW_CONTACT, grant: null,
  };
  const statuses = STATUSES[type];
  if (statuses) spec.status = r.oneOf('status', statuses, statuses[0]);
  for (const key of PEOPLE[type] ?? []) {
    const label = r.text(key);
    if (label) spec.people[key] = world.person(label);
  }
  switch (type) {
    case 'Contact': {
      const sensitive = r.has('sensitive') ? r.bool('sensitive', false) : undefined;
      spec.contact = world.contact(spec.label, { sensitive, representative: r.has('representative') ? r.bool('representative', false) : undefined }, r.path);
      break;
    }
    case 'Case':
      spec.segment = r.oneOf('segment', Object.values(Segment), world.segmentOfMe);
      spec.parties = partiesOf(r, world);
      break;
    case 'ServiceRequest': {
      const subject = r.has('subject') ? contactFrom(r, world, 'subject', 'contact') : undefined;
      const segment = r.oneOf('segment', Object.values(Segment));
      spec.serviceRequest = world.serviceRequest(spec.label, { segment, status: spec.status as SrStatus, subject }, r.path);
      break;
    }
    case 'Activity': case 'SrNote': case 'PreferenceChange':
      spec.serviceRequest = serviceRequestFrom(r, world, 'serviceRequest');
      break;
    case 'Letter':
      spec.serviceRequest = r.has('serviceRequest') ? serviceRequestFrom(r, world, 'serviceRequest') : null;
      spec.contact = r.has('contact') || !spec.serviceRequest ? contactFrom(r, world, 'contact', 'contact') : null;
      break;
    case 'AccessRequest':
      spec.people.requester ??= world.person('requester');
      spec.team = world.team(r.text('team', 'my-team'));
      spec.purpose = r.oneOf('purpose', Object.values(AccessPurpose), AccessPurpose.VIEW_CONTACT);
      spec.serviceRequest = serviceRequestFrom(r, world, 'serviceRequest');
      break;
    case 'AccessGrant':
      spec.grant = readGrant(r, world, at, spec.label, { team: 'my-team' });
      break;
    case 'AccessExtension': {
      const g = r.child('grant') ?? CaseReader.of(r.problems, r.pathOf('grant'), { contact: 'contact' });
      spec.grant = readGrant(g, world, at, 'grant', { team: 'my-team' });
      g.rejectUnknown('a grant (staff, team, purpose, contact, serviceRequest, from, until, removedAt)');
      spec.people.requestedBy ??= spec.grant.staff;
      break;
    }
    case 'Notification':
      spec.people.recipient ??= 'me';
      break;
    case 'Staff':
      world.person(spec.label);
      break;
    case 'Team':
      world.team(spec.label);
      break;
    default:
      break;
  }
  r.rejectUnknown(`a ${type} resource`);
  return spec;
}

/**
 * Reads one case (the format of policy suites and of simulateAccess). `defaults.at` is the suite's
 * instant or the request's. Returns the case, or every problem found with its path.
 */
export function readPolicyCase(raw: unknown, path: string, defaults: { at?: Date; name?: string } = {}): { policyCase?: PolicyCase; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const r = CaseReader.of(problems, path, raw);
  const world = new HypotheticalWorld(problems);
  const name = r.text('name', defaults.name ?? '');
  if (!name) r.problem('name', 'is required');
  const at = r.instant('at', undefined, defaults.at ?? new Date(NaN));
  if (Number.isNaN(at.getTime())) r.problem('at', 'is required (here or for the whole suite): the instant the decision is taken');
  if (!r.has('action')) r.problem('action', `is required: one of ${Object.keys(ACTIONS).join(', ')}`);
  const action = r.oneOf('action', Object.keys(ACTIONS) as Action[], 'read');
  const principal = readPrincipal(r.child('principal') ?? CaseReader.of(problems, r.pathOf('principal'), undefined), world, at);
  const resource = readResource(r.child('resource') ?? CaseReader.of(problems, r.pathOf('resource'), undefined), world, at);
  const rules = r.textList('rules') ?? [...new Set([...name.matchAll(RULE_ID)].map((match) => match[1]))];
  const policyCase: PolicyCase = {
    name, rules, principal, resource, action, at, world,
    expect: r.oneOf('expect', ['allow', 'deny'] as const),
    rule: r.text('rule'),
    outcome: r.oneOf('outcome', Object.values(SimulatedOutcome)),
    personalData: r.oneOf('personalData', ['shown', 'hidden'] as const),
  };
  r.rejectUnknown('a case (name, rules, principal, resource, action, at, expect, rule, outcome, personalData)');
  world.finish(principal);
  return problems.length > 0 ? { problems } : { policyCase, problems };
}
