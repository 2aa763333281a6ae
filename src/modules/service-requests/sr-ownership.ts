import type { EntityManager } from 'typeorm';
import { Segment } from '../../authorization/roles';
import { InputProblems } from '../../common/errors';
import type { Case } from '../cases/case.entity';
import type { Contact } from '../contacts/contact.entity';
import { SrStatus, SubjectType } from './sr-enums';

/** SR-7: what the data says about an SR's owner and subject; never the caller or the input. */
export interface Ownership {
  segment: Segment;
  subjectType: SubjectType;
}

// The subject's role on each case: as a party, or as the representative of a party.
const ROLES_SQL = `
SELECT p.case_id AS "caseId", p.role::text AS role FROM case_party p WHERE p.contact_id = $1 AND p.case_id = ANY($2::uuid[])
UNION
SELECT p.case_id, 'REPRESENTATIVE' FROM case_party p JOIN representative_link l ON l.client_id = p.contact_id
 WHERE l.representative_id = $1 AND p.case_id = ANY($2::uuid[])`;

/**
 * SR-7: the subject must be a party of every linked case (or represent one), the subject type is
 * that role, and the segment is the cases' segment, except that an SR about a sensitive contact
 * belongs to the SCR segment (SCR-3, SR-6): nobody else may work it. Cases of different segments,
 * or a subject with different roles on them, are refused: one SR has one owner and one subject type.
 */
export async function ownershipFromCases(tx: EntityManager, subject: Contact, cases: Case[]): Promise<Ownership> {
  const rows: { caseId: string; role: SubjectType }[] = await tx.query(ROLES_SQL, [subject.id, cases.map((row) => row.id)]);
  const roleOf = new Map(rows.map((row) => [row.caseId, row.role]));
  const problems = new InputProblems();
  cases.forEach((row, i) => problems.check(roleOf.has(row.id), `caseIds[${i}]`, 'the subject is not a party of this case'));
  problems.throwIfAny();
  const roles = new Set(roleOf.values());
  const segments = new Set(cases.map((row) => row.segment));
  problems.check(roles.size === 1, 'caseIds', 'the subject has different roles on these cases: raise one service request per case');
  problems.check(segments.size === 1, 'caseIds', 'these cases belong to different segments: raise one service request per segment');
  problems.throwIfAny();
  return { segment: subject.sensitive ? Segment.SCR : cases[0].segment, subjectType: [...roles][0] };
}

/** A self-service SR is about the cases of the segment owning the client's first case, so it has one owner (SR-7). */
export const casesOfFirstSegment = (cases: Case[]) => cases.filter((row) => row.segment === cases[0]?.segment);

/**
 * SR-7, PREF-6: when cases change segment, their open SRs move with them (an SR already in the
 * SCR segment stays: sensitivity outranks the case's segment). Returns the SRs moved.
 */
export async function moveOpenServiceRequestsWithCases(tx: EntityManager, caseIds: string[], segment: Segment): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const result = await tx.query(
    `UPDATE service_request s SET segment = $2, version = s.version + 1
      WHERE s.status <> $3 AND s.segment NOT IN ($2, $4)
        AND s.id IN (SELECT l.service_request_id FROM service_request_case l WHERE l.case_id = ANY($1::uuid[]))
      RETURNING s.id`,
    [caseIds, segment, SrStatus.CLOSED, Segment.SCR],
  );
  // The driver answers an UPDATE ... RETURNING as [rows, count].
  const rows: { id: string }[] = Array.isArray(result[0]) ? result[0] : result;
  return rows.map((row) => row.id);
}
