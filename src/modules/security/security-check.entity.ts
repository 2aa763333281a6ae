import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { MemorableQuestion, SecurityCheckChannel, SecurityCheckResult } from './security-enums';

/**
 * A security check challenge (SEC-4): the PIN positions and questions the system picked, kept
 * server side so the caller cannot choose them. Answered once, before it expires. A pass opens
 * a verification window (`verifiedUntil`) that other procedures rely on (PREF-3).
 */
@Entity('security_check')
@Index('ix_security_check_contact', ['contactId', 'createdAt'])
export class SecurityCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Column({ type: 'enum', enum: SecurityCheckChannel, enumName: 'security_check_channel' })
  channel: SecurityCheckChannel;

  /** 1-based positions of the two PIN digits asked for. */
  @Column({ name: 'pin_positions', type: 'smallint', array: true })
  pinPositions: number[];

  @Column({ type: 'enum', enum: MemorableQuestion, enumName: 'memorable_question', array: true })
  questions: MemorableQuestion[];

  /** Staff who started it; null for self service. */
  @Column({ name: 'started_by_id', type: 'uuid', nullable: true })
  startedById: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'enum', enum: SecurityCheckResult, enumName: 'security_check_result', nullable: true })
  result: SecurityCheckResult | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** A pass verifies the contact until this instant; closed early by a failure or a change of details. */
  @Column({ name: 'verified_until', type: 'timestamptz', nullable: true })
  verifiedUntil: Date | null;
}
