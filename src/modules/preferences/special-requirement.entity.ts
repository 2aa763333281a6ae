import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity';
import { SpecialRequirementType, SpecialRequirementValue } from './preference-enums';

/** PREF-4: one special requirement of a contact, e.g. SIGHT / LARGE_PRINT. Visible with the contact. */
@ObjectType({ description: 'A special requirement of a contact (PREF-4); large print or braille decide the letter format (LET-3).' })
@Entity('special_requirement')
@Unique('uq_special_requirement', ['contactId', 'type', 'value'])
export class SpecialRequirement {
  @Field(() => ID, { description: 'Identifier of the requirement.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Field(() => SpecialRequirementType, { nullable: true, description: "The contact's personal data: null to whoever may not see the contact." })
  @Column({ type: 'enum', enum: SpecialRequirementType, enumName: 'special_requirement_type' })
  type: SpecialRequirementType;

  @Field(() => SpecialRequirementValue, { nullable: true, description: "The contact's personal data: null to whoever may not see the contact." })
  @Column({ type: 'enum', enum: SpecialRequirementValue, enumName: 'special_requirement_value' })
  value: SpecialRequirementValue;

  @Field({ description: 'When the requirement was added.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
