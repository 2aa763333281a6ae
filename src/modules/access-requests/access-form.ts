import type { EntityManager } from 'typeorm';
import type { InputProblems } from '../../common/errors';
import { Staff } from '../staff/staff.entity';

/** The CSUA150 fields that copy the requester's staff record. */
const RECORD_FIELDS = ['team', 'grade', 'area'] as const;
type RecordField = (typeof RECORD_FIELDS)[number];

export interface StaffRecordFields {
  teamName: string;
  grade: string;
  area: string;
}

const comparable = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * TAR-1: team, grade and area are the requester's own (the paper form fills them in from the staff
 * search), so they come from the staff record: prefilled when left out, and when given they must
 * match it (case and spacing aside), each mismatch a problem naming its field. What is stored is
 * always the record's wording, so approvers read the same team name everywhere.
 */
export async function staffRecordFields(
  manager: EntityManager,
  staffId: string,
  given: Partial<Record<RecordField, string | null>>,
  problems: InputProblems,
): Promise<StaffRecordFields> {
  const staff = await manager.findOneOrFail(Staff, { where: { id: staffId }, relations: { team: true } });
  const record: Record<RecordField, string | null> = { team: staff.team?.name ?? null, grade: staff.grade, area: staff.area };
  for (const field of RECORD_FIELDS) {
    const value = given[field];
    // No team on record is reported once, on staffNumber, by the caller.
    if (value === null || value === undefined || record[field] === null) continue;
    problems.check(comparable(value) === comparable(record[field]!), field, `must match your staff record (${record[field]}), or be left out to use it`);
  }
  return { teamName: record.team ?? '', grade: record.grade!, area: record.area! };
}
