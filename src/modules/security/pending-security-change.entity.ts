import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import type { HashPair } from './security-account.entity';

/**
 * New security details a client gave through self service (SEC-7), held protected like the
 * live ones until a caseworker accepts (applied, then deleted) or declines (deleted) the change.
 */
@Entity('pending_security_change')
export class PendingSecurityChange {
  @PrimaryColumn({ name: 'service_request_id', type: 'uuid' })
  serviceRequestId: string;

  @OneToOne(() => ServiceRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_request_id' })
  serviceRequest?: Relation<ServiceRequest>;

  @Index('ix_pending_security_change_contact')
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Column({ name: 'pin_cipher', type: 'text', nullable: true })
  pinCipher: string | null;

  @Column({ name: 'password_hashes', type: 'jsonb', nullable: true })
  passwordHashes: HashPair | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
