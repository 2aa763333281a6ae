import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLJSONObject } from 'graphql-scalars';

/**
 * AUD-1: the append-only audit trail. The database refuses UPDATE, DELETE and TRUNCATE on it
 * (trigger in the migration). No foreign keys, so nothing can cascade into it. Details never
 * hold secrets or personal data: ids, codes and reasons only.
 */
@ObjectType({ description: 'An audit event. Readable by security reviewers only.' })
@Entity('audit_event')
@Index('ix_audit_event_subject', ['subjectType', 'subjectId', 'occurredAt'])
@Index('ix_audit_event_actor', ['actorId', 'occurredAt'])
@Index('ix_audit_event_action', ['action', 'occurredAt'])
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Field()
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => ID, { nullable: true, description: 'Staff id of the actor; null for the system (e.g. expiry).' })
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Field({ description: 'STAFF, CLIENT or SYSTEM.' })
  @Column({ name: 'actor_type', type: 'varchar', length: 10 })
  actorType: string;

  @Field({ description: 'e.g. ACCESS_REQUEST_SUBMITTED, GRANT_EXPIRED, CONTACT_READ_UNDER_GRANT.' })
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Field()
  @Column({ name: 'subject_type', type: 'varchar', length: 40 })
  subjectType: string;

  @Field(() => ID)
  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId: string;

  @Field({ description: 'SUCCESS or DENIED.' })
  @Column({ type: 'varchar', length: 10 })
  outcome: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Ids, codes and reasons; never secrets.' })
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, any> | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
