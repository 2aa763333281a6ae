import { Field, ID, ObjectType } from 'type-graphql';
import {
  Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, VersionColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/case.entity';
import { Contact } from '../contacts/contact.entity';
import { Segment } from '../../authorization/roles';
import { Staff } from '../staff/staff.entity';
import { SrKind, SrSourceType, SrStatus, SubjectType } from './sr-enums';

/**
 * A service request (SR-1). Read by the owning segment's staff and the SCR team; the subject's
 * personal data goes through the contact rule, so a sensitive subject shows only to those
 * entitled (SCR-3).
 */
@ObjectType({ description: 'A service request. Visible to its segment (and the SCR team); the subject only to those who may see that contact.' })
@Entity('service_request')
@Index('ix_service_request_segment_status', ['segment', 'status'])
@Index('ix_service_request_due', ['status', 'nextActionDue'])
export class ServiceRequest {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => SrKind)
  @Column({ type: 'enum', enum: SrKind, enumName: 'sr_kind' })
  kind: SrKind;

  @Field({ description: 'e.g. CHANGE_OF_CIRCUMSTANCES' })
  @Column({ type: 'varchar', length: 60 })
  process: string;

  @Field({ description: 'e.g. CHANGE_PERSONAL_INFO' })
  @Column({ type: 'varchar', length: 60 })
  area: string;

  @Field({ description: 'e.g. CHANGE_CONTACT_SECURITY_INFO' })
  @Column({ name: 'sub_area', type: 'varchar', length: 60 })
  subArea: string;

  @Field(() => SrSourceType)
  @Column({ name: 'source_type', type: 'enum', enum: SrSourceType, enumName: 'sr_source_type' })
  sourceType: SrSourceType;

  /** Reporting person's names: personal data, shown through a field resolver (SCR-3). */
  @Column({ name: 'source_first_name', type: 'varchar', length: 100, nullable: true })
  sourceFirstName: string | null;

  @Column({ name: 'source_last_name', type: 'varchar', length: 100, nullable: true })
  sourceLastName: string | null;

  @Column({ name: 'source_role', type: 'varchar', length: 60, nullable: true })
  sourceRole: string | null;

  @Index('ix_service_request_subject')
  @Column({ name: 'subject_contact_id', type: 'uuid' })
  subjectContactId: string;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_contact_id' })
  subjectContact?: Relation<Contact>;

  @Field(() => SubjectType)
  @Column({ name: 'subject_type', type: 'enum', enum: SubjectType, enumName: 'subject_type' })
  subjectType: SubjectType;

  @ManyToMany(() => Case)
  @JoinTable({ name: 'service_request_case', joinColumn: { name: 'service_request_id' }, inverseJoinColumn: { name: 'case_id' } })
  cases?: Relation<Case>[];

  @Field(() => SrStatus)
  @Column({ type: 'enum', enum: SrStatus, enumName: 'sr_status', default: SrStatus.OPEN })
  status: SrStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'sub_status', type: 'varchar', length: 40, nullable: true })
  subStatus: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'resolution_code', type: 'varchar', length: 40, nullable: true })
  resolutionCode: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next action is due (7-day waits, 24 hours for self service).' })
  @Column({ name: 'next_action_due', type: 'timestamptz', nullable: true })
  nextActionDue: Date | null;

  @Index('ix_service_request_owner')
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => Staff, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<Staff> | null;

  @Field(() => Segment)
  @Column({ type: 'enum', enum: Segment, enumName: 'segment' })
  segment: Segment;

  @Field({ description: 'Optimistic lock: increases with every change.' })
  @VersionColumn()
  version: number;

  /** From the request clock (millisecond precision, so cursors compare exactly). */
  @Field()
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
