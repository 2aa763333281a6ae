import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { Staff } from '../staff/staff.entity';
import { ServiceRequest } from './service-request.entity';
import { SrStatus } from './sr-enums';
import { SrSubStatus } from './sr-classification';

export enum SrActorType {
  STAFF = 'STAFF',
  CLIENT = 'CLIENT',
  SYSTEM = 'SYSTEM',
}
registerEnumType(SrActorType, {
  name: 'SrActorType',
  description: 'Who made a change: a member of staff, the client through self service, or the system (a scheduled job, or before history was kept).',
  valuesConfig: {
    STAFF: { description: 'A member of staff.' },
    CLIENT: { description: 'The client, through self service.' },
    SYSTEM: { description: 'The system: a scheduled job, or a step from before history was kept.' },
  },
});

/** SR-8: one step of an SR's status history, written in the transaction that made it. */
@ObjectType({ description: "One step of a service request's status history (SR-8): who moved it, when, from which status and sub status to which." })
@Entity('sr_status_change')
@Index('ix_sr_status_change_sr', ['serviceRequestId', 'id'])
@Check('ck_sr_status_change_actor', `("actor_type" = 'STAFF' AND "actor_staff_id" IS NOT NULL AND "actor_contact_id" IS NULL)
  OR ("actor_type" = 'CLIENT' AND "actor_contact_id" IS NOT NULL AND "actor_staff_id" IS NULL)
  OR ("actor_type" = 'SYSTEM' AND "actor_staff_id" IS NULL AND "actor_contact_id" IS NULL)`)
export class SrStatusChange {
  @Field(() => ID, { description: 'Identifier of this step; steps sort by it in the order they happened.' })
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'service_request_id', type: 'uuid' })
  serviceRequestId: string;

  @ManyToOne(() => ServiceRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_request_id' })
  serviceRequest?: Relation<ServiceRequest>;

  @Field({ description: 'When the change was made.' })
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Field(() => SrActorType, { description: 'Who made the change: staff, the client (self service) or the system.' })
  @Column({ name: 'actor_type', type: 'enum', enum: SrActorType, enumName: 'sr_actor_type' })
  actorType: SrActorType;

  @Column({ name: 'actor_staff_id', type: 'uuid', nullable: true })
  actorStaffId: string | null;

  @ManyToOne(() => Staff, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_staff_id' })
  actorStaff?: Relation<Staff> | null;

  @Column({ name: 'actor_contact_id', type: 'uuid', nullable: true })
  actorContactId: string | null;

  @ManyToOne(() => Contact, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_contact_id' })
  actorContact?: Relation<Contact> | null;

  @Field(() => SrStatus, { nullable: true, description: 'The status before; null for the first step (the SR was raised).' })
  @Column({ name: 'from_status', type: 'enum', enum: SrStatus, enumName: 'sr_status', nullable: true })
  fromStatus: SrStatus | null;

  @Field(() => SrStatus, { description: 'The status after the change.' })
  @Column({ name: 'to_status', type: 'enum', enum: SrStatus, enumName: 'sr_status' })
  toStatus: SrStatus;

  @Field(() => SrSubStatus, { nullable: true, description: 'The sub status before.' })
  @Column({ name: 'from_sub_status', type: 'varchar', length: 40, nullable: true })
  fromSubStatus: string | null;

  @Field(() => SrSubStatus, { nullable: true, description: 'The sub status after the change.' })
  @Column({ name: 'to_sub_status', type: 'varchar', length: 40, nullable: true })
  toSubStatus: string | null;
}
