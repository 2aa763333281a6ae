import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { DisabilityCategory } from './preference-enums';

/** PREF-4: the disability category of a contact, when one is recorded (one row per contact). */
@Entity('contact_disability')
export class ContactDisability {
  @PrimaryColumn({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @OneToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Column({ type: 'enum', enum: DisabilityCategory, enumName: 'disability_category' })
  category: DisabilityCategory;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
