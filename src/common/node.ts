import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node: an object a screen can refetch by its id alone with `node(id:)`. The ids are the
 * ones each type already has (no global-id encoding), so every id the API has handed out stays
 * valid: the UUID of a row (random, so unique across tables) or, for an audit event, its sequence
 * number (the only node type with a numeric id). A new node type must keep that property.
 */
@InterfaceType('Node', {
  description: 'An object with an id that `node(id:)` refetches. Its id is the same id the type exposes everywhere else.',
})
export abstract class Node {
  @Field(() => ID, { description: 'Identifier of the object: a UUID, or for an audit event its sequence number.' })
  id!: string;
}
