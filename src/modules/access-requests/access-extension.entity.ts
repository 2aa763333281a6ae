import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccessGrant } from './access-grant.entity';
import { ExtensionStatus } from './access-enums';

/** TAR-6: a request to extend a live grant; TL supports it, FLLS sets the new expiry. */
@ObjectType({ implements: Node, description: 'A request to extend a temporary access grant.' })
@Entity('access_extension')
@Check('ck_access_extension_previous_expiry', `"status" <> 'GRANTED' OR "previous_expires_at" IS NOT NULL`)
export class AccessExtension {
  @Field(() => ID, { description: 'Identifier of the extension request.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_access_extension_grant')
  @Column({ name: 'grant_id', type: 'uuid' })
  grantId: string;

  @ManyToOne(() => AccessGrant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grant_id' })
  grant?: Relation<AccessGrant>;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById: string;

  @Field(() => Int, { description: 'Additional hours asked for, after the current expiry.' })
  @Column({ name: 'requested_hours', type: 'int' })
  requestedHours: number;

  @Field({ description: 'Why the grantee needs more time.' })
  @Column({ type: 'text' })
  reason: string;

  @Field(() => ExtensionStatus, { description: 'The stage the extension has reached (TAR-6).' })
  @Column({ type: 'enum', enum: ExtensionStatus, enumName: 'extension_status', default: ExtensionStatus.REQUESTED })
  status: ExtensionStatus;

  @Column({ name: 'tl_supported_by_id', type: 'uuid', nullable: true })
  tlSupportedById: string | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true, description: 'When FLLS granted it, or the team leader or FLLS rejected it; null while undecided.' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Expiry set by FLLS when granted.' })
  @Column({ name: 'new_expires_at', type: 'timestamptz', nullable: true })
  newExpiresAt: Date | null;

  /** AUD-5: the grant's expiry this extension replaced; before `decidedAt` it still applied. */
  @Column({ name: 'previous_expires_at', type: 'timestamptz', nullable: true })
  previousExpiresAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected; null unless REJECTED.' })
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Field({ description: 'When the grantee asked for it.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
