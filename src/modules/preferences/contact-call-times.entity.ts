import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { ActivityStatus } from '../service-requests/sr-enums';

/**
 * PREF-7, seeds 001 and 002: the client's preferred call times, kept at contact level (an
 * "Activity - Record" planned for 2035-01-01, status NOT_REQUIRED, the times in its description)
 * so every caseworker finds them first, whichever SR they work. One row per contact, replaced by
 * a later answer; taken at security set up or in a change of contact preferences.
 */
@ObjectType({ description: "PREF-7: the client's preferred call times, recorded at contact level (planned 2035-01-01, NOT_REQUIRED)." })
@Entity('contact_call_times')
export class ContactCallTimes {
  @PrimaryColumn({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @OneToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Field(() => String, { nullable: true, description: 'The times the client gave, e.g. "weekdays after 6pm".' })
  @Column({ type: 'varchar', length: 200 })
  description: string;

  @Field({ description: 'Always 2035-01-01, so the entry sorts first (PREF-7).' })
  @Column({ name: 'planned_start', type: 'timestamptz' })
  plannedStart: Date;

  @Field(() => ActivityStatus, { description: 'Always NOT_REQUIRED: a record, never a task.' })
  @Column({ type: 'enum', enum: ActivityStatus, enumName: 'activity_status', default: ActivityStatus.NOT_REQUIRED })
  status: ActivityStatus;

  @Field({ description: 'When the times were last given.' })
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** The caseworker who recorded them; null when the client gave them through self service. */
  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  recordedById: string | null;
}
