import { connectionFromArray, PageArgs, pageWindow, Connection, type HubContext } from '@c2c/kernel';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { EventImport } from './event-import.entity';
import { importsOf } from './event-import.loaders';

export const EventImportConnection = Connection(EventImport, 'EventImport', 'A page of event imports, most recent first.');

@Resolver(() => EventImport)
export class EventImportResolver {
  @Query(() => EventImportConnection, {
    nullable: true,
    description:
      'Spreadsheet imports of events, most recent first: partner staff see their organisation’s; a hub operator sees the ones it ran.',
  })
  async eventImports(@Args() args: PageArgs, @Ctx() ctx: HubContext) {
    pageWindow(args);
    return connectionFromArray(await importsOf(ctx), args);
  }
}
