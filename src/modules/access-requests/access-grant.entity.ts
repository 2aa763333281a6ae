import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { Staff } from '../staff/staff.entity';
import { AccessPurpose } from './access-purpose';

/**
 * Temporary access to a sensitive contact (and/or SR) for one purpose, from `grantedAt` to
 * `expiresAt`. The ability is built from this table on every request, so a grant starts on
 * the next request and stops at its expiry instant without anything having to run (SCR-4).
 */
@Entity('access_grant')
@Index('ix_access_grant_live', ['staffId', 'expiresAt'])
export class AccessGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id' })
  staff?: Relation<Staff>;

  @Index('ix_access_grant_contact_id')
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact> | null;

  @Column({ name: 'service_request_id', type: 'uuid', nullable: true })
  serviceRequestId: string | null;

  @Column({ type: 'enum', enum: AccessPurpose, enumName: 'access_purpose' })
  purpose: AccessPurpose;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
