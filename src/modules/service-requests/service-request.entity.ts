import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import {
  Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, VersionColumn,
  type Relation,
} from 'typeorm';
import { Case } from '../cases/case.entity';
import { Contact } from '../contacts/contact.entity';
import { Segment } from '../../authorization/roles';
import { Staff } from '../staff/staff.entity';
import { SrKind, SrSourceType, SrStatus, SubjectType } from './sr-enums';
import { SrArea, SrProcess, SrResolution, SrSubArea, SrSubStatus } from './sr-classification';

/**
 * A service request (SR-1). Read by the owning segment's staff and the SCR team; the subject's
 * personal data goes through the contact rule, so a sensitive subject shows only to those
 * entitled (SCR-3).
 */
@ObjectType({ implements: Node, description: 'A service request. Visible to its segment (and the SCR team); the subject only to those who may see that contact.' })
@Entity('service_request')
@Index('ix_service_request_segment_status', ['segment', 'status'])
@Index('ix_service_request_due', ['status', 'nextActionDue'])
export class ServiceRequest {
  @Field(() => ID, { description: 'Identifier of the service request.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => SrKind, { description: 'What the service request is for.' })
  @Column({ type: 'enum', enum: SrKind, enumName: 'sr_kind' })
  kind: SrKind;

  @Field(() => SrProcess, { description: 'The process it belongs to, from its kind (SR-1).' })
  @Column({ type: 'varchar', length: 60 })
  process: string;

  @Field(() => SrArea, { description: 'The area within the process, from its kind (SR-1).' })
  @Column({ type: 'varchar', length: 60 })
  area: string;

  @Field(() => SrSubArea, { description: 'The sub area within the area, from its kind (SR-1).' })
  @Column({ name: 'sub_area', type: 'varchar', length: 60 })
  subArea: string;

  @Field(() => SrSourceType, { description: 'Who reported the change: a named person or the parent through self service.' })
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

  @Field(() => SubjectType, { description: 'Role of the person the change is about (from their party on the linked cases, SR-7).' })
  @Column({ name: 'subject_type', type: 'enum', enum: SubjectType, enumName: 'subject_type' })
  subjectType: SubjectType;

  @ManyToMany(() => Case)
  @JoinTable({ name: 'service_request_case', joinColumn: { name: 'service_request_id' }, inverseJoinColumn: { name: 'case_id' } })
  cases?: Relation<Case>[];

  @Field(() => SrStatus, { description: 'Where the service request stands (SR-2).' })
  @Column({ type: 'enum', enum: SrStatus, enumName: 'sr_status', default: SrStatus.OPEN })
  status: SrStatus;

  @Field(() => SrSubStatus, { nullable: true, description: 'Finer detail of the status, e.g. what it waits for; null when none.' })
  @Column({ name: 'sub_status', type: 'varchar', length: 40, nullable: true })
  subStatus: string | null;

  @Field(() => SrResolution, { nullable: true, description: 'How the service request ended; null while it is not closed.' })
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

  @Field(() => Segment, { description: 'Segment that owns the service request, from its cases (SR-7); SCR for a sensitive subject routed there (SR-6).' })
  @Column({ type: 'enum', enum: Segment, enumName: 'segment' })
  segment: Segment;

  @Field(() => Int, { description: 'Optimistic lock: increases with every change; give it back as expectedVersion.' })
  @VersionColumn()
  version: number;

  /** From the request clock (millisecond precision, so cursors compare exactly). */
  @Field({ description: 'When the service request was raised.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field({ description: 'When it last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
