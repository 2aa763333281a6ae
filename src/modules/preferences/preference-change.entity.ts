import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { SrActorType } from '../service-requests/sr-status-change.entity';
import { PreferenceField } from './preference-enums';

/**
 * One change of a contact preference made within a CHANGE_CONTACT_PREFERENCES SR: what it was,
 * what it became, when and by whom. Effective from when the client told us (seed 002); acceptance
 * reads it to know what changed (PREF-6: language becoming Welsh).
 */
@ObjectType({ description: 'A change of contact preference recorded on a service request.' })
@Entity('contact_preference_change')
export class PreferenceChange {
  /** Increasing: orders the changes of one request, which share the request instant. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index('ix_contact_preference_change_sr')
  @Column({ name: 'service_request_id', type: 'uuid' })
  serviceRequestId: string;

  @ManyToOne(() => ServiceRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_request_id' })
  serviceRequest?: Relation<ServiceRequest>;

  @Index('ix_contact_preference_change_contact')
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Field(() => PreferenceField, { description: 'Which preference changed.' })
  @Column({ type: 'varchar', length: 40 })
  field: PreferenceField;

  @Field(() => String, { nullable: true, description: "The value before the change; null when there was none, or to whoever may not see the contact (personal data)." })
  @Column({ name: 'old_value', type: 'varchar', length: 200, nullable: true })
  oldValue: string | null;

  @Field(() => String, { nullable: true, description: "The value after the change; null when it was removed, or to whoever may not see the contact (personal data)." })
  @Column({ name: 'new_value', type: 'varchar', length: 200, nullable: true })
  newValue: string | null;

  @Field({ description: 'When the change was recorded; it is effective from then (seed 002).' })
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Field(() => SrActorType, { description: 'Who made the change: a member of staff, or the client through self service.' })
  @Column({ name: 'actor_type', type: 'varchar', length: 10 })
  actorType: SrActorType;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;
}
