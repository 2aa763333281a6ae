import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, VersionColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import type { MemorableQuestion } from './security-enums';

/** Two scrypt hashes of one value: exact (self service, case sensitive) and folded (caseworker, not). */
export interface HashPair {
  exact: string;
  folded: string;
}

/**
 * The security details of one contact (SEC-1..SEC-5). Write-only: not a GraphQL type, so no
 * query can return a secret (SEC-3). The PIN is encrypted (two digits must be read back to
 * check them); the password and answers are only hashed.
 */
@Entity('security_account')
export class SecurityAccount {
  @PrimaryColumn({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @OneToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  /** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>" (base64url), key from config.secretsKey. */
  @Column({ name: 'pin_cipher', type: 'text' })
  pinCipher: string;

  @Column({ name: 'password_hashes', type: 'jsonb' })
  passwordHashes: HashPair;

  @Column({ name: 'answer_hashes', type: 'jsonb' })
  answerHashes: Record<MemorableQuestion, HashPair>;

  /** SEC-2: PIN 1234567 / "Apply Defaults" / X answers, until the client sets their own. */
  @Column({ name: 'on_defaults', type: 'boolean', default: false })
  onDefaults: boolean;

  /** SEC-5: consecutive failed checks; three block the account. */
  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  @Column({ type: 'boolean', default: false })
  blocked: boolean;

  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt: Date | null;

  @Column({ name: 'set_up_at', type: 'timestamptz' })
  setUpAt: Date;

  @Column({ name: 'set_up_by_id', type: 'uuid', nullable: true })
  setUpById: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
