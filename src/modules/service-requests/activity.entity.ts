import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ActivityOutcome } from './activity-outcome';
import { ActivityStatus } from './sr-enums';
import { ServiceRequest } from './service-request.entity';

/** A step of an SR's activity plan (SR-3), with its outcome. */
@ObjectType({ description: 'A step of the activity plan of a service request.' })
@Entity('activity')
export class Activity {
  @Field(() => ID, { description: 'Identifier of the activity; pass it to recordActivityOutcome.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_activity_sr')
  @Column({ name: 'service_request_id', type: 'uuid' })
  serviceRequestId: string;

  @ManyToOne(() => ServiceRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_request_id' })
  serviceRequest?: Relation<ServiceRequest>;

  @Field(() => Int, { description: 'Order within the plan.' })
  @Column({ type: 'int' })
  sequence: number;

  @Field({ description: 'Step name, e.g. "Collect Security Questions".' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => ActivityStatus, { description: 'Still to do, done, or not required.' })
  @Column({ type: 'enum', enum: ActivityStatus, enumName: 'activity_status', default: ActivityStatus.OPEN })
  status: ActivityStatus;

  @Field(() => ActivityOutcome, { nullable: true, description: 'What came of the step; null while it is open or when none was recorded.' })
  @Column({ type: 'enum', enum: ActivityOutcome, enumName: 'activity_outcome', nullable: true })
  outcome: ActivityOutcome | null;

  @Field(() => String, { nullable: true, description: 'Detail of the outcome in words (e.g. which letter, why declined); null when there is none.' })
  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote: string | null;

  @Field(() => Date, { nullable: true, description: 'Planned start; preferred call times use 2035-01-01 so they sort first (PREF-7).' })
  @Column({ name: 'planned_start', type: 'timestamptz', nullable: true })
  plannedStart: Date | null;

  @Field(() => String, { nullable: true, description: 'More about the step, in words; null when there is nothing more.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was marked done or not required.' })
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by_id', type: 'uuid', nullable: true })
  completedById: string | null;
}
