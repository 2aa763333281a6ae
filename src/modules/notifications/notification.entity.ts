import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Staff } from '../staff/staff.entity';

export enum NotificationKind {
  ACCESS_GRANTED = 'ACCESS_GRANTED',
  ACCESS_NEARS_EXPIRY = 'ACCESS_NEARS_EXPIRY',
  ACCESS_EXPIRED = 'ACCESS_EXPIRED',
  ACCESS_REMOVED = 'ACCESS_REMOVED',
  ACCESS_EXTENDED = 'ACCESS_EXTENDED',
  ACCESS_REQUEST_REJECTED = 'ACCESS_REQUEST_REJECTED',
  ACCESS_REQUEST_ESCALATED = 'ACCESS_REQUEST_ESCALATED',
  ACCESS_REQUEST_EXPIRED = 'ACCESS_REQUEST_EXPIRED',
  WORK_DUE = 'WORK_DUE',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

/**
 * TAR-7: a message to a member of staff. `dedupeKey` is unique, so a notification is created
 * once however many API instances or restarts try (the scheduled sweep relies on it).
 */
@ObjectType({ description: 'A notification to the signed-in member of staff.' })
@Entity('notification')
@Unique('uq_notification_dedupe', ['dedupeKey'])
@Index('ix_notification_recipient', ['recipientId', 'createdAt'])
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<Staff>;

  @Field(() => NotificationKind)
  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  @Field({ description: 'What it is about (grant or access request) and what happened; no client personal data.' })
  @Column({ type: 'text' })
  message: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'access_request_id', type: 'uuid', nullable: true })
  accessRequestId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'grant_id', type: 'uuid', nullable: true })
  grantId: string | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
