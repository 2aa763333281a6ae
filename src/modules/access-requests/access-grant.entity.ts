import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { Staff } from '../staff/staff.entity';
import { GrantRemovalReason } from './access-enums';
import { AccessPurpose } from '../../authorization/grant-purpose';

/**
 * Temporary access to a sensitive contact (and/or SR) for one purpose, from `grantedAt` to
 * `expiresAt`. The ability is built from this table on every request, so a grant starts on
 * the next request and stops at its expiry instant without anything having to run (SCR-4).
 */
@ObjectType({ implements: Node, description: 'Temporary SCR access granted by FLLS. Visible to the grantee, their team leader, FLLS, the SCR manager and security reviewers.' })
@Entity('access_grant')
@Index('ix_access_grant_live', ['staffId', 'expiresAt'])
export class AccessGrant {
  @Field(() => ID, { description: 'Identifier of the grant.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_access_grant_request', { unique: true, where: '"request_id" IS NOT NULL' })
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id' })
  staff?: Relation<Staff>;

  /** The grantee's team at grant time, so their team leader can see and act on it. */
  @Index('ix_access_grant_team')
  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Index('ix_access_grant_contact_id')
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact> | null;

  @Field(() => ID, { nullable: true, description: 'The SR the grant covers.' })
  @Column({ name: 'service_request_id', type: 'uuid', nullable: true })
  serviceRequestId: string | null;

  @Field(() => AccessPurpose, { description: 'What the access is for; it covers only this purpose (TAR-5).' })
  @Column({ type: 'enum', enum: AccessPurpose, enumName: 'access_purpose' })
  purpose: AccessPurpose;

  @Field({ description: 'When the access started.' })
  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Field({ description: 'When the access ends by itself; moved later when an extension is granted.' })
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: 'When FLLS removed it before its expiry; null unless removed.' })
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ name: 'removed_by_id', type: 'uuid', nullable: true })
  removedById: string | null;

  @Field(() => GrantRemovalReason, { nullable: true, description: 'Why FLLS removed it early; null unless removed.' })
  @Column({ name: 'removal_reason', type: 'enum', enum: GrantRemovalReason, enumName: 'grant_removal_reason', nullable: true })
  removalReason: GrantRemovalReason | null;
}
