import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Notification } from './notification.entity';

@InputType({ description: "One of the caller's notifications to mark as read (TAR-7)." })
export class MarkNotificationReadInput {
  @Field(() => ID, { description: 'Identifier of the notification.' })
  id: string;
}

@ObjectType({ description: 'The notification, now read (markNotificationRead).' })
export class MarkNotificationReadPayload {
  @Field(() => Notification, { description: 'The notification as it is after the mutation.' })
  notification: Notification;
}
