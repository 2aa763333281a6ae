import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Segment, StaffRole } from '../../authorization/roles';
import { Team } from './team.entity';

@ObjectType({ implements: Node, description: 'A member of staff. Visible to staff; never to self-service clients.' })
@Entity('staff')
export class Staff {
  @Field(() => ID, { description: 'Identifier of the member of staff.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Staff number, as on the CSUA150 form; the subject of staff tokens.' })
  @Index('uq_staff_staff_number', { unique: true })
  @Column({ name: 'staff_number', type: 'varchar', length: 20 })
  staffNumber: string;

  @Field({ description: 'First name.' })
  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Field({ description: 'Last name.' })
  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Field(() => StaffRole, { description: 'What they do; decides their permissions.' })
  @Column({ type: 'enum', enum: StaffRole, enumName: 'staff_role' })
  role: StaffRole;

  @Field(() => Segment, { description: 'The segment they work in.' })
  @Column({ type: 'enum', enum: Segment, enumName: 'segment' })
  segment: Segment;

  @Index('ix_staff_team_id')
  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team> | null;

  @Field({ description: 'Civil service grade, e.g. AO, EO, HEO.' })
  @Column({ type: 'varchar', length: 20 })
  grade: string;

  @Field({ description: 'Geographic or business area.' })
  @Column({ type: 'varchar', length: 100 })
  area: string;

  @Field(() => String, { nullable: true, description: 'Work telephone, shown to approvers of access requests.' })
  @Column({ name: 'work_phone', type: 'varchar', length: 30, nullable: true })
  workPhone: string | null;

  @Field({ description: 'An inactive member of staff cannot sign in.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
