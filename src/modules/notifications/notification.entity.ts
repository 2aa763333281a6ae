import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node';
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
  /** TAR-6: a team leader asks FLLS to remove a grant early. */
  ACCESS_REMOVAL_ASKED = 'ACCESS_REMOVAL_ASKED',
  /** TAR-6: the grantee says the work is done; FLLS may remove the grant. */
  ACCESS_WORK_DONE = 'ACCESS_WORK_DONE',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification to a member of staff is about (TAR-7).',
  valuesConfig: {
    ACCESS_GRANTED: { description: 'Your access request was granted: you can now see the contact.' },
    ACCESS_NEARS_EXPIRY: { description: 'One of your grants ends soon.' },
    ACCESS_EXPIRED: { description: 'One of your grants has ended.' },
    ACCESS_REMOVED: { description: 'One of your grants was removed before its end.' },
    ACCESS_EXTENDED: { description: 'One of your grants was extended.' },
    ACCESS_REQUEST_REJECTED: { description: 'Your access request was rejected.' },
    ACCESS_REQUEST_ESCALATED: { description: 'An access request waited too long and was escalated to you.' },
    ACCESS_REQUEST_EXPIRED: { description: 'An access request expired before it was decided.' },
    WORK_DUE: { description: 'An access request or extension is waiting for your decision.' },
    ACCESS_REMOVAL_ASKED: { description: 'A team leader asks FLLS to remove a grant early (TAR-6).' },
    ACCESS_WORK_DONE: { description: 'The grantee says the work is done; FLLS may remove the grant (TAR-6).' },
  },
});

/**
 * TAR-7: a message to a member of staff. `dedupeKey` is unique, so a notification is created
 * once however many API instances or restarts try (the scheduled sweep relies on it).
 */
@ObjectType({ implements: Node, description: 'A notification to the signed-in member of staff.' })
@Entity('notification')
@Unique('uq_notification_dedupe', ['dedupeKey'])
@Index('ix_notification_recipient', ['recipientId', 'createdAt'])
export class Notification {
  @Field(() => ID, { description: 'Identifier of the notification; pass it to markNotificationRead.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<Staff>;

  @Field(() => NotificationKind, { description: 'What the notification is about.' })
  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  @Field({ description: 'What it is about (grant or access request) and what happened; no client personal data.' })
  @Column({ type: 'text' })
  message: string;

  @Field(() => ID, { nullable: true, description: 'The access request it is about, if any.' })
  @Column({ name: 'access_request_id', type: 'uuid', nullable: true })
  accessRequestId: string | null;

  @Field(() => ID, { nullable: true, description: 'The grant it is about, if any.' })
  @Column({ name: 'grant_id', type: 'uuid', nullable: true })
  grantId: string | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Field({ description: 'When the notification was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread.' })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
