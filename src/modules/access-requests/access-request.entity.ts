import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import {
  Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn, type Relation,
} from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { Staff } from '../staff/staff.entity';
import { Team } from '../staff/team.entity';
import { AccessRequestStatus } from './access-enums';
import { AccessPurpose } from '../../authorization/grant-purpose';

/**
 * A temporary access request (form CSUA150) and its decisions. Who decided each stage is taken
 * from the verified principal, never from input, so approvers cannot be forged.
 */
@ObjectType({ implements: Node, description: 'A CSUA150 temporary SCR access request, visible to its requester, the approvers of its stages and security reviewers.' })
@Entity('access_request')
@Index('ix_access_request_status', ['status', 'createdAt'])
export class AccessRequest {
  @Field(() => ID, { description: 'Identifier of the access request.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_access_request_requester')
  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId: string;

  @ManyToOne(() => Staff, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requester_id' })
  requester?: Relation<Staff>;

  /** The requester's team when they submitted: its leader does the first check. */
  @Index('ix_access_request_team')
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @Field({ description: 'Form: staff number of the requester.' })
  @Column({ name: 'staff_number', type: 'varchar', length: 20 })
  staffNumber: string;

  @Field({ description: 'Form: team name.' })
  @Column({ name: 'team_name', type: 'varchar', length: 100 })
  teamName: string;

  @Field({ description: "Form: the requester's grade, as on their staff record." })
  @Column({ type: 'varchar', length: 20 })
  grade: string;

  @Field({ description: "Form: the requester's area, as on their staff record." })
  @Column({ type: 'varchar', length: 100 })
  area: string;

  @Field(() => Int, { description: 'Requested duration of access, in hours.' })
  @Column({ name: 'requested_hours', type: 'int' })
  requestedHours: number;

  @Field(() => AccessPurpose, { description: 'Form: what the access is for.' })
  @Column({ type: 'enum', enum: AccessPurpose, enumName: 'access_purpose' })
  purpose: AccessPurpose;

  @Index('ix_access_request_sr')
  @Column({ name: 'service_request_id', type: 'uuid' })
  serviceRequestId: string;

  @ManyToOne(() => ServiceRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_request_id' })
  serviceRequest?: Relation<ServiceRequest>;

  @Index('ix_access_request_contact')
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact> | null;

  // Form fields naming the client (personal data): shown to whoever may see the contact, and to the
  // requester who wrote them, by the declaration in access.personal-data.ts (SCR-3, TAR-9).
  @Field(() => String, { nullable: true, description: 'Form: client name. Shown to the requester and to those who may see the contact.' })
  @Column({ name: 'client_name', type: 'varchar', length: 200, nullable: true })
  clientName: string | null;

  @Field(() => String, { nullable: true, description: 'Form: SCIN. Shown to the requester and to those who may see the contact.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  scin: string | null;

  @Field(() => String, { nullable: true, description: 'Form: NINO. Shown to the requester and to those who may see the contact.' })
  @Column({ type: 'varchar', length: 9, nullable: true })
  nino: string | null;

  @Field(() => String, { nullable: true, description: 'Form: further identifiable details. Shown to the requester and to those who may see the contact.' })
  @Column({ name: 'further_details', type: 'text', nullable: true })
  furtherDetails: string | null;

  @Field({ description: 'Justification / reason for access.' })
  @Column({ type: 'text' })
  justification: string;

  @Field(() => AccessRequestStatus, { description: 'The stage the request has reached (TAR-2, TAR-10).' })
  @Column({ type: 'enum', enum: AccessRequestStatus, enumName: 'access_request_status', default: AccessRequestStatus.SUBMITTED })
  status: AccessRequestStatus;

  @Column({ name: 'tl_checked_by_id', type: 'uuid', nullable: true })
  tlCheckedById: string | null;

  @Field(() => Date, { nullable: true, description: 'When the team leader checked it (SUBMITTED -> TL_CHECKED); null until then.' })
  @Column({ name: 'tl_checked_at', type: 'timestamptz', nullable: true })
  tlCheckedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Team leader's name, from their staff record." })
  @Column({ name: 'tl_name', type: 'varchar', length: 200, nullable: true })
  tlName: string | null;

  @Field(() => String, { nullable: true, description: "Team leader's contact details." })
  @Column({ name: 'tl_contact_details', type: 'varchar', length: 200, nullable: true })
  tlContactDetails: string | null;

  @Column({ name: 'scr_approved_by_id', type: 'uuid', nullable: true })
  scrApprovedById: string | null;

  @Field(() => Date, { nullable: true, description: 'When an SCR manager approved it (TL_CHECKED -> SCR_APPROVED); null until then.' })
  @Column({ name: 'scr_approved_at', type: 'timestamptz', nullable: true })
  scrApprovedAt: Date | null;

  @Column({ name: 'granted_by_id', type: 'uuid', nullable: true })
  grantedById: string | null;

  @Field(() => Date, { nullable: true, description: 'When FLLS granted it (SCR_APPROVED -> GRANTED); null until then.' })
  @Column({ name: 'granted_at', type: 'timestamptz', nullable: true })
  grantedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Duration actually granted by FLLS, in hours.' })
  @Column({ name: 'granted_hours', type: 'int', nullable: true })
  grantedHours: number | null;

  @Column({ name: 'rejected_by_id', type: 'uuid', nullable: true })
  rejectedById: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was rejected; null unless REJECTED.' })
  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Field(() => AccessRequestStatus, { nullable: true, description: 'The stage at which it was rejected.' })
  @Column({ name: 'rejected_at_stage', type: 'enum', enum: AccessRequestStatus, enumName: 'access_request_status', nullable: true })
  rejectedAtStage: AccessRequestStatus | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected; shown to the requester.' })
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Field(() => Date, { nullable: true, description: 'TAR-10: when the request, waiting too long, was escalated to those who may decide its stage.' })
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  /** The stage escalated at `escalatedAt`: once per stage. */
  @Column({ name: 'escalated_stage', type: 'enum', enum: AccessRequestStatus, enumName: 'access_request_status', nullable: true })
  escalatedStage: AccessRequestStatus | null;

  @Field(() => Date, { nullable: true, description: 'TAR-10: when it expired, undecided (never approved by default).' })
  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt: Date | null;

  @Field(() => AccessRequestStatus, { nullable: true, description: 'The stage at which it expired.' })
  @Column({ name: 'expired_at_stage', type: 'enum', enum: AccessRequestStatus, enumName: 'access_request_status', nullable: true })
  expiredAtStage: AccessRequestStatus | null;

  @Field(() => Int, { description: 'Optimistic lock: increases with every change.' })
  @VersionColumn()
  version: number;

  @Field({ description: 'When the requester submitted it.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
