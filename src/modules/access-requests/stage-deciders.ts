import { subject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { buildAbility, type Action, type AppAbility, type SubjectType } from '../../authorization/ability';
import type { PrincipalStaff, StaffPrincipal } from '../../authorization/principal';
import { forbidden } from '../../common/errors';
import { CHAIN } from './access-chain';
import { AccessRequestStatus } from './access-enums';
import { AccessChainRefusal } from './access-refusals';
import type { AccessRequest } from './access-request.entity';

/** What the stage rules of the role table read on a request. */
export type StageRow = Pick<AccessRequest, 'id' | 'status' | 'teamId' | 'requesterId' | 'tlCheckedById' | 'scrApprovedById'>;

// Every active member of staff as a request of theirs would see them (role, team, teams led). Grants
// are left out: no stage decision rests on a grant.
const ACTIVE_STAFF_SQL = `
SELECT s.id, s.staff_number AS "staffNumber", s.first_name AS "firstName", s.last_name AS "lastName", s.role, s.segment,
       s.team_id AS "teamId", s.active,
       COALESCE((SELECT json_agg(t.id) FROM team t WHERE t.leader_id = s.id), '[]') AS "ledTeamIds"
  FROM staff s WHERE s.active ORDER BY s.id`;

/**
 * TAR-10: who may take the decision a request waits for, asked of the role table (the same
 * ability each of them would get on a request of theirs), never a role list here. Built once and
 * asked for many requests: a sweep or a submission loads the staff once.
 */
export class StageDeciders {
  private constructor(private readonly people: { id: string; ability: AppAbility }[]) {}

  static async load(manager: EntityManager, now: Date): Promise<StageDeciders> {
    const rows: (PrincipalStaff & { ledTeamIds: string[] })[] = await manager.query(ACTIVE_STAFF_SQL);
    return new StageDeciders(rows.map(({ ledTeamIds, ...staff }) => {
      const principal: StaffPrincipal = { kind: 'staff', staff, ledTeamIds, grants: [] };
      return { id: staff.id, ability: buildAbility(principal, now) };
    }));
  }

  /** Ids of the active staff allowed the decision of the request's current stage; none for a final request. */
  of(request: StageRow): string[] {
    const stage = CHAIN[request.status];
    if (!stage) return [];
    return this.allowedTo(stage.action, 'AccessRequest', request);
  }

  /** Ids of the active staff the role table allows `action` on `row` (e.g. who may `remove` a grant, TAR-6). */
  allowedTo(action: Action, subjectType: SubjectType, row: object): string[] {
    const target = subject(subjectType, { ...row } as Record<string, unknown>);
    return this.people.filter((person) => person.ability.can(action, target)).map((person) => person.id);
  }
}

/**
 * TAR-10: a requester whose team has no active leader is told so at submission, never routed
 * elsewhere: the role table is asked whether anyone active may check the form as it would be.
 */
export async function requireSomeoneToCheck(tx: EntityManager, now: Date, form: { requesterId: string; teamId: string }, teamName: string) {
  const deciders = await StageDeciders.load(tx, now);
  const checkers = deciders.of({ id: '', status: AccessRequestStatus.SUBMITTED, ...form, tlCheckedById: null, scrApprovedById: null });
  if (checkers.length === 0) {
    throw forbidden(`Your team (${teamName}) has no active team leader to check the form, so it was not submitted: ask for one to be appointed first.`, {
      reason: AccessChainRefusal.NO_ACTIVE_TEAM_LEADER,
    });
  }
}
